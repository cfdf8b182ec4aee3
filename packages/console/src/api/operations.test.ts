// @vitest-environment node
import { generate } from '@graphql-codegen/cli';
import {
  Kind,
  NoUnusedFragmentsRule,
  Source,
  buildSchema,
  parse,
  specifiedRules,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse as parseSfc } from 'vue/compiler-sfc';
import codegenConfig from '../../codegen.ts';

/**
 * Every GraphQL operation the console sends is written in a `graphql(…)` call somewhere under src/: this test
 * finds them all by reading the sources, so a new operation is checked without being listed anywhere, and
 * validates each against the schema the API serves.
 */

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const srcDir = join(packageDir, 'src');
const generatedDir = join(srcDir, 'api', 'generated');
const schemaPath = fileURLToPath(new URL('../../../api/schema.graphql', import.meta.url));

/** The sources, less the tests (the transport's own send a made-up `{ ping }`) and the generated copies. */
function sourceFiles(dir = srcDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === generatedDir ? [] : sourceFiles(path);
    return /\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The TypeScript of a file: the whole of a `.ts`, each `<script>` block of a `.vue` (with its first line). */
function scripts(path: string): { code: string; firstLine: number }[] {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.vue')) return [{ code: text, firstLine: 1 }];
  const { descriptor, errors } = parseSfc(text, { filename: path });
  if (errors.length > 0) throw new Error(`${path}: ${String(errors[0])}`);
  return [descriptor.script, descriptor.scriptSetup].flatMap((block) =>
    block ? [{ code: block.content, firstLine: block.loc.start.line }] : [],
  );
}

/** A `graphql(…)` call's document, where it was written. */
interface Written {
  file: string;
  line: number;
  source: Source;
}

interface Found {
  written: Written[];
  /** Problems found while reading: unreadable calls, and operations sent without `graphql(…)`. */
  problems: string[];
}

function isGraphqlCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'graphql';
}

/** A string that parses as GraphQL and selects a root field of the schema: an operation, whoever sends it. */
function looksLikeOperation(text: string, schema: GraphQLSchema): boolean {
  if (!/^\s*(query|mutation|subscription|fragment|\{)/.test(text)) return false;
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch {
    return false;
  }
  return document.definitions.some((definition) => {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      return Boolean(schema.getType(definition.typeCondition.name.value));
    if (definition.kind !== Kind.OPERATION_DEFINITION) return false;
    const root = schema.getRootType(definition.operation);
    const fields = root?.getFields() ?? {};
    return definition.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value in fields);
  });
}

function findOperations(schema: GraphQLSchema): Found {
  const found: Found = { written: [], problems: [] };
  for (const path of sourceFiles()) {
    const file = relative(packageDir, path);
    for (const { code, firstLine } of scripts(path)) {
      const sourceFile = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const lineOf = (node: ts.Node) =>
        firstLine + sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;

      const visitNode = (node: ts.Node): void => {
        if (isGraphqlCall(node)) {
          const [argument] = node.arguments;
          if (argument && (ts.isNoSubstitutionTemplateLiteral(argument) || ts.isStringLiteral(argument))) {
            const line = lineOf(argument);
            found.written.push({ file, line, source: new Source(argument.text, `${file}:${line}`) });
          } else {
            found.problems.push(
              `${file}:${lineOf(node)}: graphql() takes one literal document without \${…}; share fields with a fragment`,
            );
          }
          return;
        }
        // Anything else that reads as an operation is one sent unchecked: it belongs in a graphql() call.
        // A template's `${…}` stands for a field, as the console's field lists once did.
        const text = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : null;
        const template = ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' __typename ')
          : null;
        const candidate = text ?? template;
        if (candidate !== null && looksLikeOperation(candidate, schema)) {
          found.problems.push(
            `${file}:${lineOf(node)}: a GraphQL operation outside graphql(): write it in graphql(\`…\`)`,
          );
        }
        ts.forEachChild(node, visitNode);
      };
      visitNode(sourceFile);
    }
  }
  return found;
}

/** Where an error points: the file and line it names, else where its document was written. */
function whereOf(error: GraphQLError, fallback: Written): string {
  const [file, line] = error.source?.name.split(':') ?? [];
  const at = error.locations?.[0];
  if (!file || !line || !at) return `${fallback.file}:${fallback.line}`;
  return `${file}:${Number(line) + at.line - 1}`;
}

const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

describe("the console's GraphQL operations", () => {
  const { written, problems: readingProblems } = findOperations(schema);

  it('are found in the sources', () => {
    expect(readingProblems).toEqual([]);
    const names = written.flatMap(({ source }) => {
      try {
        return parse(source).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : []));
      } catch {
        return [];
      }
    });
    // A few that must be there whatever else changes: the viewer at sign-in and each live subscription.
    expect(names).toEqual(expect.arrayContaining(['Viewer', 'FloorLive', 'BoardLive', 'AgentsLive']));
  });

  it('are valid against the served schema (packages/api/schema.graphql)', () => {
    const problems: string[] = [];
    const documents = new Map<Written, DocumentNode>();
    const fragments = new Map<string, FragmentDefinitionNode>();
    const operationNames = new Map<string, Written>();

    for (const entry of written) {
      let document: DocumentNode;
      try {
        document = parse(entry.source);
      } catch (error) {
        problems.push(`${whereOf(error as GraphQLError, entry)}: ${(error as Error).message}`);
        continue;
      }
      documents.set(entry, document);
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) {
          const name = definition.name.value;
          if (fragments.has(name)) problems.push(`${entry.file}:${entry.line}: fragment ${name} is defined twice`);
          fragments.set(name, definition);
        } else if (definition.kind === Kind.OPERATION_DEFINITION) {
          const name = definition.name?.value;
          const first = name ? operationNames.get(name) : undefined;
          if (!name) problems.push(`${entry.file}:${entry.line}: name the operation (the generated types need one)`);
          else if (first) {
            problems.push(`${entry.file}:${entry.line}: operation ${name} is also in ${first.file}:${first.line}`);
          } else operationNames.set(name, entry);
        }
      }
    }

    for (const [entry, document] of documents) {
      // Fragments spread here but written in another graphql() call travel with the operation, as the generated
      // document sends them.
      const definitions: DefinitionNode[] = [...document.definitions];
      const included = new Set(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d] : [])));
      for (let i = 0; i < definitions.length; i++) {
        visit(definitions[i]!, {
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (fragment && !included.has(fragment)) {
              included.add(fragment);
              definitions.push(fragment);
            }
          },
        });
      }
      const onlyFragments = document.definitions.every((d) => d.kind === Kind.FRAGMENT_DEFINITION);
      const rules = onlyFragments ? specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule) : specifiedRules;
      for (const error of validate(schema, { kind: Kind.DOCUMENT, definitions }, rules)) {
        problems.push(`${whereOf(error, entry)}: ${error.message}`);
      }
    }

    // A fragment's error shows once, not once per operation spreading it.
    expect([...new Set(problems)]).toEqual([]);
  });

  // src/api/generated is not committed: the console's dev, build, test and typecheck scripts run codegen first,
  // so an operation the schema does not answer must stop codegen (and with it the build), not just this test.
  it('stop codegen, and with it the build, when an operation does not match the schema', async () => {
    const [output] = Object.values(codegenConfig.generates);
    if (!output) throw new Error('codegen.ts generates nothing');
    const dir = mkdtempSync(join(tmpdir(), 'console-codegen-'));
    try {
      writeFileSync(
        join(dir, 'broken.ts'),
        "import { graphql } from './generated/gql.ts';\nexport const Broken = graphql(`query Broken { noSuchField }`);\n",
      );
      const config = {
        ...codegenConfig,
        schema: schemaPath,
        documents: ['broken.ts'],
        generates: { 'generated/': output },
        cwd: dir,
        silent: true,
      };
      await expect(generate(config, false)).rejects.toThrow(/noSuchField/);
      // The same config with a valid operation writes the types: the failure above is the operation's.
      writeFileSync(join(dir, 'broken.ts'), 'export const Fine = graphql(`query Fine { agencies { id } }`);\n');
      const outputs: { filename: string; content: string }[] = await generate(config, false);
      expect(outputs.find((o) => o.filename.endsWith('graphql.ts'))?.content).toContain('FineQuery');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
