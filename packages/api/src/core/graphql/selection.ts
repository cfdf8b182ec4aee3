import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects at `path` below the field being resolved — `['edges', 'node']` under a
 * connection — with fragments followed and `__typename` included. Aliases do not matter (the field's own name is
 * given), and a field under `@skip`/`@include` counts as selected: callers use this to learn whether a cheaper
 * read can answer everything asked, where counting a field too many is safe and missing one is not.
 */
export function selectedFieldsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = fieldsOf(sets, info).flatMap((field) =>
      field.name.value === name && field.selectionSet ? [field.selectionSet] : [],
    );
  }
  return new Set(fieldsOf(sets, info).map((field) => field.name.value));
}

/** The field nodes of some selection sets, inline fragments and fragment spreads flattened. */
function fieldsOf(sets: readonly SelectionSetNode[], info: GraphQLResolveInfo) {
  const fields = [];
  const pending = [...sets];
  const visitedFragments = new Set<string>();
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) pending.push(selection.selectionSet);
      else if (!visitedFragments.has(selection.name.value)) {
        visitedFragments.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return fields;
}
