import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ProductCardFieldsFragment } from '../gql/graphql';
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
  query SearchProducts($text: String!, $nextToken: String) {
    searchProducts(text: $text, limit: 24, nextToken: $nextToken) {
      items { ...ProductCardFields }
      nextToken
    }
  }
`);

function ProductPage({ items, nextToken, onMore, fetching }: {
  items: readonly ProductCardFieldsFragment[];
  nextToken: string | null | undefined;
  onMore: (token: string) => void;
  fetching: boolean;
}) {
  return (
    <>
      <div className="grid">
        {items.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </div>
      {nextToken && (
        <button className="more" disabled={fetching} onClick={() => onMore(nextToken)}>
          Ver más productos
        </button>
      )}
    </>
  );
}

/** One page of a listing plus the pages already loaded before it ("Ver más"). */
function usePagedItems() {
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return { pages, more: (token: string) => setPages((p) => [...p, token]), reset: () => setPages([null]) };
}

function ListingPage({ category, token, onMore, isLast }: { category: string | null; token: string | null; onMore: (t: string) => void; isLast: boolean }) {
  const [{ data, fetching, error }] = useQuery({ query: ProductsQuery, variables: { category, nextToken: token } });
  if (error) return <p className="error">No se pudo cargar el catálogo: {error.message}</p>;
  if (!data) return <p>Cargando…</p>;
  return <ProductPage items={data.products.items} nextToken={isLast ? data.products.nextToken : null} onMore={onMore} fetching={fetching} />;
}

function SearchPage({ text, token, onMore, isLast }: { text: string; token: string | null; onMore: (t: string) => void; isLast: boolean }) {
  const [{ data, fetching, error }] = useQuery({ query: SearchQuery, variables: { text, nextToken: token } });
  if (error) return <p className="error">{error.graphQLErrors[0]?.message ?? error.message}</p>;
  if (!data) return <p>Buscando…</p>;
  if (data.searchProducts.items.length === 0 && token === null) return <p>No encontramos productos para «{text}».</p>;
  return <ProductPage items={data.searchProducts.items} nextToken={isLast ? data.searchProducts.nextToken : null} onMore={onMore} fetching={fetching} />;
}

export function Catalog({ category, search }: { category: string | null; search: string | null }) {
  const [{ data: categories }] = useQuery({ query: CategoriesQuery });
  const paging = usePagedItems();
  const key = `${category ?? ''}|${search ?? ''}`;
  const [lastKey, setLastKey] = useState(key);
  if (key !== lastKey) {
    setLastKey(key);
    paging.reset();
  }
  return (
    <div className="catalog">
      <nav className="categories" aria-label="Categorías">
        <h2>Categorías</h2>
        <a href="#/" className={!category && !search ? 'active' : ''}>Todos los productos</a>
        {categories?.categories.map((c) => (
          <a key={c.id} href={`#/categoria/${encodeURIComponent(c.id)}`} className={c.id === category ? 'active' : ''}>
            {c.name}
          </a>
        ))}
      </nav>
      <section>
        <h1>{search ? `Resultados para «${search}»` : (categories?.categories.find((c) => c.id === category)?.name ?? 'Todos los productos')}</h1>
        {paging.pages.map((token, index) =>
          search ? (
            <SearchPage key={`${key}-${index}`} text={search} token={token} onMore={paging.more} isLast={index === paging.pages.length - 1} />
          ) : (
            <ListingPage key={`${key}-${index}`} category={category} token={token} onMore={paging.more} isLast={index === paging.pages.length - 1} />
          ),
        )}
      </section>
    </div>
  );
}
