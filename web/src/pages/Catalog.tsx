import { Suspense, useCallback, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ProductCardFieldsFragment } from '../gql/graphql';
import { ErrorText } from '../ErrorText';
import { usePageTitle } from '../page';
import { usePagedList } from '../paging';
import { href } from '../router';
import { isFiltered, searchFilter, searchLocation, type SearchState } from '../search-state';
import { preloadable } from '../preloadable';
import { categoryPath } from '../../../model/shop-paths';
import { ProductCard } from './ProductCard';

const CategoriesQuery = graphql(`
  query Categories {
    categories { id name }
  }
`);

const ProductsQuery = graphql(`
  query Products($category: ID, $nextToken: String) {
    products(category: $category, limit: 24, nextToken: $nextToken) {
      items { ...ProductCardFields }
      nextToken
    }
  }
`);

const SearchQuery = graphql(`
  query SearchProducts($text: String!, $nextToken: String, $filter: ProductSearchFilter, $sort: ProductSort) {
    searchProducts(text: $text, limit: 24, nextToken: $nextToken, filter: $filter, sort: $sort) {
      items { ...ProductCardFields }
      nextToken
      total
      correctedText
    }
  }
`);

const PAGE_SIZE = 24;

// The search page's filters and sort are a chunk of their own: the home and category pages do without them.
// A search URL opened directly fetches them before the first render (App.tsx preloadFirstPage, index.html).
const SearchFilters = preloadable(() => import('./SearchFilters').then((m) => m.SearchFilters));
const SortSelect = preloadable(() => import('./SearchFilters').then((m) => m.SortSelect));

export function preloadSearchControls(): Promise<unknown> {
  return Promise.all([SearchFilters.preload(), SortSelect.preload()]);
}

function countLabel(total: number): string {
  return `${total} ${total === 1 ? 'producto' : 'productos'}`;
}

export function Catalog({ category, search }: { category: string | null; search: SearchState | null }) {
  const client = useClient();
  const [{ data: categories }] = useQuery({ query: CategoriesQuery });
  const text = search?.text ?? '';
  const filter = search ? searchFilter(search) : null;
  const sort = search?.sort ?? 'RELEVANCE';
  const key = search !== null ? `buscar:${searchLocation(search)}` : `categoria:${category ?? ''}`;
  // The search's total and, after a typo, the text searched instead (from its first page).
  const [summary, setSummary] = useState<{ key: string; total: number; correctedText: string | null } | null>(null);
  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      if (search !== null) {
        const result = await client.query(SearchQuery, { text, nextToken, filter, sort }).toPromise();
        if (result.error || !result.data) throw result.error ?? new Error('no data');
        const found = result.data.searchProducts;
        if (nextToken === null && typeof found.total === 'number') setSummary({ key, total: found.total, correctedText: found.correctedText ?? null });
        return found;
      }
      const result = await client.query(ProductsQuery, { category, nextToken }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      return result.data.products;
    },
    // `key` stands for search, text, filter and sort: they change only with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, key, category],
  );
  const searched = summary !== null && summary.key === key ? summary : null;
  const list = usePagedList<ProductCardFieldsFragment>(key, fetchPage, { pageSize: PAGE_SIZE });
  const categoryName = categories?.categories.find((c) => c.id === category)?.name;
  const title = search !== null ? `Resultados para «${text}»` : category ? (categoryName ?? 'Categoría') : 'Todos los productos';
  usePageTitle(search !== null ? `Buscar «${text}»` : category ? categoryName : 'Tu farmacia en línea');

  return (
    <div className="catalog">
      {search !== null ? (
        <Suspense fallback={<aside className="filters" aria-hidden="true" />}>
          <SearchFilters state={search} categories={categories?.categories ?? []} />
        </Suspense>
      ) : (
        <nav className="categories" aria-label="Categorías">
          <h2>Categorías</h2>
          <ul>
            <li><a href={href('/')} aria-current={!category ? 'page' : undefined}>Todos los productos</a></li>
            {categories?.categories.map((c) => (
              <li key={c.id}>
                <a href={href(categoryPath(c.id))} aria-current={c.id === category ? 'page' : undefined}>{c.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <section aria-busy={list.loading && !list.loaded}>
        <div className="results-head">
          <h1>{title}</h1>
          {search !== null && <Suspense fallback={null}><SortSelect state={search} /></Suspense>}
        </div>
        {search !== null && searched?.correctedText && list.loaded && (
          <p className="search-summary" data-testid="did-you-mean">
            ¿Quisiste decir <a href={href(searchLocation({ ...search, text: searched.correctedText }))}>«{searched.correctedText}»</a>? No encontramos «{text}».
            Mostrando resultados de «{searched.correctedText}».
          </p>
        )}
        {list.loaded && list.items.length > 0 && search !== null && (
          <p className="muted" role="status" data-testid="result-count">
            {searched ? countLabel(searched.total) : list.hasMore ? `Más de ${list.items.length} productos` : countLabel(list.items.length)}
            {isFiltered(search) && ' con los filtros elegidos'}
          </p>
        )}
        {list.loaded && list.items.length === 0 && !list.error && (
          <p role="status">
            {search === null
              ? 'No hay productos en esta categoría por ahora.'
              : isFiltered(search)
                ? <>No encontramos productos para «{text}» con estos filtros. <a href={href(searchLocation({ ...search, category: null, lab: null, prescription: null, inStock: false }))}>Quitar los filtros</a></>
                : `No encontramos productos para «${text}». Prueba con el principio activo o el laboratorio.`}
          </p>
        )}
        <ul className="grid">
          {list.items.map((p, index) => (
            <li key={p.id}><ProductCard product={p} eager={index < 4} /></li>
          ))}
        </ul>
        {list.loading && <p role="status" className="loading">{search !== null ? 'Buscando…' : 'Cargando productos…'}</p>}
        {list.error !== null && (
          <p className="error" role="alert">
            <ErrorText error={list.error} context={{ action: 'No pudimos cargar los productos.' }} />{' '}
            <button className="link" onClick={list.retry}>Reintentar</button>
          </p>
        )}
        {list.hasMore && !list.loading && list.error === null && (
          <button className="more" onClick={list.more}>Ver más productos</button>
        )}
      </section>
    </div>
  );
}
