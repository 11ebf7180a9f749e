/**
 * A list read page by page with the API's nextToken ("Ver más"). A page may come back short or even empty
 * while more follow (search filters after reading), so one load keeps asking for the next page until it has
 * gathered `pageSize` new items or the API says there are no more (bounded: `maxRequestsPerLoad`).
 *
 * The tokens already read are kept in the history entry: Back (or a reload) to the list replays them —
 * from urql's cache when possible — so the shopper finds every "Ver más" page again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { entryState, setEntryState } from './router';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string | null;
}

export interface PagedList<T> {
  readonly items: readonly T[];
  /** True while there may be more items after the last page read. */
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly error: unknown;
  /** True once the first load finished (so an empty list means "nothing found"). */
  readonly loaded: boolean;
  more(): void;
  retry(): void;
  /** Reads the list again from its first page (e.g. after a real-time connection missed changes). */
  reload(): void;
}

interface Saved {
  readonly key: string;
  readonly tokens: readonly (string | null)[];
}

const STATE_NAME = 'pagedList';

export function usePagedList<T>(
  key: string,
  fetchPage: (nextToken: string | null) => Promise<Page<T>>,
  options: { readonly pageSize: number; readonly maxRequestsPerLoad?: number },
): PagedList<T> {
  const maxRequests = options.maxRequestsPerLoad ?? 10;
  const [state, setState] = useState<{ key: string; items: T[]; next: string | null; done: boolean; loading: boolean; error: unknown; loaded: boolean }>(
    { key, items: [], next: null, done: false, loading: true, error: null, loaded: false },
  );
  const generation = useRef(0);
  const tokens = useRef<(string | null)[]>([]);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(
    async (from: string | null, replay: readonly (string | null)[] | null, startItems: T[]) => {
      const run = ++generation.current;
      setState((s) => ({ ...s, key, loading: true, error: null }));
      let items = startItems;
      let next: string | null = from;
      let done = false;
      try {
        if (replay) {
          for (const token of replay) {
            const page = await fetchRef.current(token);
            if (run !== generation.current) return;
            items = [...items, ...page.items];
            next = page.nextToken ?? null;
          }
          tokens.current = [...replay];
          done = next === null;
        } else {
          const target = items.length + options.pageSize;
          for (let request = 0; request < maxRequests && items.length < target; request++) {
            const page = await fetchRef.current(next);
            if (run !== generation.current) return;
            tokens.current.push(next);
            items = [...items, ...page.items];
            next = page.nextToken ?? null;
            if (next === null) {
              done = true;
              break;
            }
          }
        }
        setEntryState(STATE_NAME, { key, tokens: tokens.current } satisfies Saved);
        setState({ key, items, next, done, loading: false, error: null, loaded: true });
      } catch (error) {
        if (run !== generation.current) return;
        setState((s) => ({ ...s, key, items, loading: false, error, loaded: s.loaded }));
      }
    },
    [key, maxRequests, options.pageSize],
  );

  useEffect(() => {
    const saved = entryState<Saved>(STATE_NAME);
    tokens.current = [];
    setState({ key, items: [], next: null, done: false, loading: true, error: null, loaded: false });
    void load(null, saved && saved.key === key && saved.tokens.length > 0 ? saved.tokens : null, []);
    // Bumping the counter as it is at cleanup time is the point: the load in flight then drops its answer.
    const loads = generation;
    return () => {
      loads.current++;
    };
  }, [key, load]);

  const current = state.key === key ? state : { ...state, items: [], loading: true, loaded: false, done: false, error: null };
  return {
    items: current.items,
    hasMore: !current.done && current.loaded,
    loading: current.loading,
    error: current.error,
    loaded: current.loaded,
    more: () => {
      if (!current.loading && !current.done) void load(current.next, null, current.items);
    },
    retry: () => {
      if (!current.loading) void load(current.loaded ? current.next : null, null, current.items);
    },
    reload: () => {
      void load(null, null, []);
    },
  };
}
