/** Writes the served schema to packages/api/schema.graphql (a test fails while that file is stale). */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildApiSchema } from '../app/schema.ts';
import { printApiSchema } from '../core/graphql/print-schema.ts';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
await writeFile(target, printApiSchema(await buildApiSchema()));
console.log(`wrote ${target}`);
