/**
 * Filters and sort of a search page. Every change is a navigation to the new URL (search-state.ts), so the
 * results, Back and a shared link agree; the control keeps the focus (data-keep-focus, see page.ts).
 * On a phone the filters fold behind a "Filtros" button so the first products stay on the first screen.
 */
import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ProductSort } from '../gql/graphql';
import { navigate } from '../router';
import { SORTS, isFiltered, searchFilter, searchLocation, type SearchState } from '../search-state';

/** The labs of the first 100 matches (with the other filters), for the lab menu: the API has no facets. */
const SearchLabsQuery = graphql(`
  query SearchLabs($text: String!, $filter: ProductSearchFilter) {
    searchProducts(text: $text, limit: 100, filter: $filter) {
      items { id lab }
    }
  }
`);

function go(state: SearchState): void {
  navigate(searchLocation(state));
}

export function SortSelect({ state }: { state: SearchState }) {
  const id = useId();
  return (
    <div className="sort" data-keep-focus>
      <label htmlFor={id}>Ordenar por</label>
      <select id={id} name="orden" value={state.sort} onChange={(e) => go({ ...state, sort: e.target.value as ProductSort })}>
        {SORTS.map((s) => <option key={s.value} value={s.sort}>{s.label}</option>)}
      </select>
    </div>
  );
}

export function SearchFilters({ state, categories }: { state: SearchState; categories: readonly { id: string; name: string }[] }) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const labFilter = searchFilter({ ...state, lab: null });
  const [{ data }] = useQuery({ query: SearchLabsQuery, variables: { text: state.text, filter: labFilter } });
  const labs = [...new Set([...(data?.searchProducts.items.map((p) => p.lab) ?? []), ...(state.lab ? [state.lab] : [])])].sort((a, b) => a.localeCompare(b, 'es'));
  const active = [state.category, state.lab, state.prescription !== null, state.inStock].filter(Boolean).length;
  const prescription = state.prescription === null ? 'todos' : state.prescription ? 'si' : 'no';
  return (
    <aside className="filters" aria-labelledby={`${ids}-title`} data-keep-focus>
      <h2 id={`${ids}-title`} className="filters-title">Filtrar resultados</h2>
      <button type="button" className="secondary filters-toggle" aria-expanded={open} aria-controls={`${ids}-body`} onClick={() => setOpen(!open)}>
        Filtros{active > 0 ? ` (${active})` : ''}
      </button>
      <div className="filters-body" id={`${ids}-body`} data-open={open}>
        <label>
          Categoría
          <select name="categoria" value={state.category ?? ''} onChange={(e) => go({ ...state, category: e.target.value || null })}>
            <option value="">Todas</option>
            {categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label>
          Laboratorio
          <select name="lab" value={state.lab ?? ''} onChange={(e) => go({ ...state, lab: e.target.value || null })}>
            <option value="">Todos</option>
            {labs.map((lab) => <option key={lab} value={lab}>{lab}</option>)}
          </select>
        </label>
        <fieldset>
          <legend>Receta médica</legend>
          {([['todos', 'Todos', null], ['si', 'Solo con receta', true], ['no', 'Sin receta', false]] as const).map(([value, label, required]) => (
            <label key={value} className="inline">
              <input type="radio" name={`${ids}-receta`} value={value} checked={prescription === value} onChange={() => go({ ...state, prescription: required })} />
              {label}
            </label>
          ))}
        </fieldset>
        <label className="inline">
          <input type="checkbox" name="existencia" checked={state.inStock} onChange={(e) => go({ ...state, inStock: e.target.checked })} />
          Solo con existencia
        </label>
        {isFiltered(state) && (
          <button type="button" className="link" onClick={() => go({ ...state, category: null, lab: null, prescription: null, inStock: false })}>
            Quitar filtros
          </button>
        )}
      </div>
    </aside>
  );
}
