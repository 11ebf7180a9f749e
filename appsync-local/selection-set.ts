/**
 * `ctx.info.selectionSetList` and `selectionSetGraphQL` as AppSync computes them. Documents are cached by the
 * server, so results are memoised per field node.
 */
import {
  Kind,
  print,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface SelectionSetInfo {
  readonly selectionSetList: readonly string[];
  readonly selectionSetGraphQL: string;
}

const cache = new WeakMap<FieldNode, SelectionSetInfo>();
const EMPTY: SelectionSetInfo = { selectionSetList: [], selectionSetGraphQL: '' };

function collect(
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  prefix: string,
  into: string[],
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const path = prefix ? `${prefix}/${name}` : name;
      if (!into.includes(path)) into.push(path);
      if (selection.selectionSet) collect(selection.selectionSet, fragments, path, into);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, fragments, prefix, into);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment) collect(fragment.selectionSet, fragments, prefix, into);
    }
  }
}

export function selectionSetInfo(
  fieldNode: FieldNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): SelectionSetInfo {
  if (!fieldNode.selectionSet) return EMPTY;
  const cached = cache.get(fieldNode);
  if (cached) return cached;
  const list: string[] = [];
  collect(fieldNode.selectionSet, fragments, '', list);
  const info = { selectionSetList: list, selectionSetGraphQL: print(fieldNode.selectionSet) };
  cache.set(fieldNode, info);
  return info;
}
