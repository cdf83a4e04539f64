import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects on the nodes of the connection `info` resolves
 * (`edges { node { … } }`), through fragments and inline fragments, whatever their aliases or
 * directives: what a list may read ahead with its page. A name here is only a hint (a field under a
 * false `@include` is listed too); the fields still resolve as the query says.
 */
export function connectionNodeFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const fragments = info.fragments;
  const visit = (set: SelectionSetNode | undefined, path: string[], seen: Set<string>): void => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === 'InlineFragment') visit(selection.selectionSet, path, seen);
      else if (selection.kind === 'FragmentSpread') {
        const name = selection.name.value;
        const fragment: FragmentDefinitionNode | undefined = fragments[name];
        if (fragment && !seen.has(name)) visit(fragment.selectionSet, path, new Set([...seen, name]));
      } else {
        const field: FieldNode = selection;
        if (path.length === 0) names.add(field.name.value);
        else if (field.name.value === path[0]) visit(field.selectionSet, path.slice(1), seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, ['edges', 'node'], new Set());
  return names;
}
