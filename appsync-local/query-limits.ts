/**
 * The request limits of wiring/api-limits.ts as the local runtime applies them, and the bounded cache of
 * parsed queries.
 *
 * Depth is checked on the parsed document before anything runs (introspection included, whose fields do
 * not pass through our resolvers): a request deeper than the limit does no work at all. Fragments are
 * measured once each, so a document spreading fragments into each other many times costs its size, not
 * the size of its expansion.
 */
import type { DocumentNode, FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

export interface DepthExcess {
  readonly depth: number;
  /** The top-level field whose selection is too deep (its location is reported). */
  readonly field: FieldNode;
}

/** The first top-level field of any operation in `document` deeper than `limit`, if any. */
export function findDepthExcess(document: DocumentNode, limit: number): DepthExcess | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === 'FragmentDefinition') fragments.set(definition.name.value, definition);
  }
  const fragmentDepths = new Map<string, number>();
  const visiting = new Set<string>();

  const selectionDepth = (set: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      let depth = 0;
      if (selection.kind === 'Field') depth = 1 + (selection.selectionSet ? selectionDepth(selection.selectionSet) : 0);
      else if (selection.kind === 'InlineFragment') depth = selectionDepth(selection.selectionSet);
      else depth = fragmentDepth(selection.name.value);
      if (depth > deepest) deepest = depth;
    }
    return deepest;
  };
  const fragmentDepth = (name: string): number => {
    const known = fragmentDepths.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // Unknown or cyclic spreads are validation errors, reported as such.
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const depth = selectionDepth(fragment.selectionSet);
    visiting.delete(name);
    fragmentDepths.set(name, depth);
    return depth;
  };

  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    for (const selection of definition.selectionSet.selections) {
      const depth = selection.kind === 'Field'
        ? 1 + (selection.selectionSet ? selectionDepth(selection.selectionSet) : 0)
        : selection.kind === 'InlineFragment'
          ? selectionDepth(selection.selectionSet)
          : fragmentDepth(selection.name.value);
      if (depth > limit && selection.kind === 'Field') return { depth, field: selection };
      if (depth > limit) {
        // A fragment at the top level: report its first field.
        const set = selection.kind === 'InlineFragment' ? selection.selectionSet : fragments.get(selection.name.value)!.selectionSet;
        const first = set.selections.find((s): s is FieldNode => s.kind === 'Field');
        if (first) return { depth, field: first };
      }
    }
  }
  return undefined;
}

/**
 * Parsed queries by their text, bounded by an estimate of the memory they hold (the text plus its syntax
 * tree with locations: about 95 bytes per character of query, measured with graphql-js 16 on Node 20),
 * least recently used out first. A query bigger than a sixteenth of the budget is parsed every time
 * instead of evicting the whole cache.
 */
export class ParsedQueryCache<T> {
  static readonly BYTES_PER_QUERY_CHARACTER = 100;
  private readonly entries = new Map<string, { value: T; bytes: number }>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get sizeBytes(): number {
    return this.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get(query: string): T | undefined {
    const entry = this.entries.get(query);
    if (!entry) return undefined;
    // Most recently used last.
    this.entries.delete(query);
    this.entries.set(query, entry);
    return entry.value;
  }

  set(query: string, value: T): void {
    const bytes = query.length * ParsedQueryCache.BYTES_PER_QUERY_CHARACTER;
    if (bytes > this.maxBytes / 16 || this.entries.has(query)) return;
    while (this.bytes + bytes > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { bytes: number }];
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
    this.entries.set(query, { value, bytes });
    this.bytes += bytes;
  }
}
