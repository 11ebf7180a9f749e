/**
 * A search page's state as it lives in the URL, so Back, reload and a shared link show the same results:
 * `/buscar?q=ibuprofeno&categoria=analgesicos&lab=Pisa&receta=no&existencia=si&orden=precio-asc`.
 * Defaults are left out of the URL (no filter, relevance), and unknown values are ignored.
 */
import type { ProductSearchFilter, ProductSort } from './gql/graphql';

export interface SearchState {
  readonly text: string;
  readonly category: string | null;
  readonly lab: string | null;
  /** true: only with prescription (Rx), false: only over the counter, null: both. */
  readonly prescription: boolean | null;
  /** true: only products in stock. */
  readonly inStock: boolean;
  readonly sort: ProductSort;
}

/** URL value → sort, in the order the sort menu shows them. */
export const SORTS: readonly { readonly value: string; readonly sort: ProductSort; readonly label: string }[] = [
  { value: 'relevancia', sort: 'RELEVANCE', label: 'Relevancia' },
  { value: 'precio-asc', sort: 'PRICE_ASC', label: 'Precio: menor a mayor' },
  { value: 'precio-desc', sort: 'PRICE_DESC', label: 'Precio: mayor a menor' },
  { value: 'nombre', sort: 'NAME', label: 'Nombre (A–Z)' },
];

export function searchStateFrom(query: URLSearchParams): SearchState {
  const receta = query.get('receta');
  const sortValue = query.get('orden');
  return {
    text: (query.get('q') ?? '').trim(),
    category: query.get('categoria') || null,
    lab: query.get('lab') || null,
    prescription: receta === 'si' ? true : receta === 'no' ? false : null,
    inStock: query.get('existencia') === 'si',
    sort: SORTS.find((s) => s.value === sortValue)?.sort ?? 'RELEVANCE',
  };
}

/** The app path of a search state, defaults omitted (e.g. "/buscar?q=ibu&orden=nombre"). */
export function searchLocation(state: SearchState): string {
  const query = new URLSearchParams({ q: state.text });
  if (state.category) query.set('categoria', state.category);
  if (state.lab) query.set('lab', state.lab);
  if (state.prescription !== null) query.set('receta', state.prescription ? 'si' : 'no');
  if (state.inStock) query.set('existencia', 'si');
  if (state.sort !== 'RELEVANCE') query.set('orden', SORTS.find((s) => s.sort === state.sort)!.value);
  return `/buscar?${query.toString()}`;
}

/** The API's filter for a search state; null when nothing narrows the search. */
export function searchFilter(state: SearchState): ProductSearchFilter | null {
  const filter: ProductSearchFilter = {};
  if (state.category) filter.category = state.category;
  if (state.lab) filter.lab = state.lab;
  if (state.prescription !== null) filter.prescriptionRequired = state.prescription;
  if (state.inStock) filter.inStock = true;
  return Object.keys(filter).length > 0 ? filter : null;
}

/** True when any filter narrows the results (the "Quitar filtros" link shows then). */
export function isFiltered(state: SearchState): boolean {
  return searchFilter(state) !== null;
}
