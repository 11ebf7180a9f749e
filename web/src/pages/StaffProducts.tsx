/** Staff: every product of the catalog, active or not, with search, filters and paging; links to the editor. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { StaffProductFilter, StaffProductsQuery as StaffProductsResult } from '../gql/graphql';
import { errorMessage } from '../errors';
import { formatDateTime, formatMoney } from '../money';
import { usePageTitle } from '../page';
import { usePagedList } from '../paging';
import { href } from '../router';
import { StaffNav } from './StaffNav';

const StaffProductsQuery = graphql(`
  query StaffProducts($filter: StaffProductFilter, $nextToken: String) {
    staffProducts(filter: $filter, limit: 50, nextToken: $nextToken) {
      items { id sku name lab presentation categoryName price { amountCents currency } stock active prescriptionRequired }
      nextToken
    }
  }
`);

export const StaffCategoriesQuery = graphql(`
  query StaffCategories {
    categories { id name }
  }
`);

const SimilarityStatusQuery = graphql(`
  query StaffSimilarityStatus {
    similarityStatus { computedAt finishedAt products changed durationMs }
    similarityRecompute { id status requestedAt requestedBy finishedAt products changed failure }
  }
`);

const RecomputeSimilarMutation = graphql(`
  mutation StaffRecomputeSimilarProducts {
    recomputeSimilarProducts { id status requestedAt requestedBy }
  }
`);

/**
 * When "Genéricos y similares" were last computed (nightly at 03:00), and for how many products; staff may
 * recompute them now (the job runs on its own for half a minute or so: the note polls until it is done).
 */
function SimilarityStatusNote() {
  const [{ data, error }, refetch] = useQuery({ query: SimilarityStatusQuery, requestPolicy: 'network-only' });
  const [started, recompute] = useMutation(RecomputeSimilarMutation);
  const request = data?.similarityRecompute ?? null;
  const working = request?.status === 'QUEUED' || request?.status === 'RUNNING';
  useEffect(() => {
    if (!working) return;
    // urql keeps refetch the same function while the query and its variables stay the same.
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 2000);
    return () => clearInterval(timer);
  }, [working, refetch]);
  if (error) return <p className="error" role="alert">{errorMessage(error, { action: 'No pudimos consultar los productos similares.' })}</p>;
  if (!data) return null;
  const run = data.similarityStatus;
  return (
    <div className="notice ok similarity-note" data-testid="similarity-status">
      <p>
        {run
          ? <>Genéricos y similares: calculados el {formatDateTime(run.computedAt)} para {run.products.toLocaleString('es-MX')} productos activos ({run.changed.toLocaleString('es-MX')} listas cambiaron). Se recalculan cada noche a las 3:00.</>
          : <>Genéricos y similares: aún no se han calculado. Se calculan cada noche a las 3:00.</>}
      </p>
      <p role="status" aria-live="polite" data-testid="similarity-recompute">
        {working && <>Recalculando ahora (lo pidió {request.requestedBy}); tarda alrededor de un minuto…</>}
        {request?.status === 'DONE' && request.finishedAt && <>Último recálculo a petición: terminó el {formatDateTime(request.finishedAt)} ({(request.products ?? 0).toLocaleString('es-MX')} productos, {(request.changed ?? 0).toLocaleString('es-MX')} listas cambiaron).</>}
        {request?.status === 'FAILED' && <span className="error">{request.failure ?? 'El recálculo falló.'}</span>}
      </p>
      <button
        type="button"
        className="secondary"
        disabled={working || started.fetching}
        onClick={() => void recompute({}).then(() => refetch({ requestPolicy: 'network-only' }))}
      >
        {working ? 'Recalculando…' : 'Recalcular ahora'}
      </button>
      {started.error && <p className="error" role="alert">{errorMessage(started.error, { action: 'No pudimos iniciar el recálculo.' })}</p>}
    </div>
  );
}

type StaffProduct = StaffProductsResult['staffProducts']['items'][number];
type StockFilter = 'all' | 'low' | 'out';

interface Filters {
  readonly text: string;
  readonly category: string;
  readonly active: 'all' | 'yes' | 'no';
  readonly stock: StockFilter;
  readonly threshold: string;
}

export const DEFAULT_LOW_STOCK = 5;

function apiFilter(filters: Filters): StaffProductFilter | { problem: string } {
  const filter: StaffProductFilter = {};
  if (filters.text.trim()) filter.text = filters.text.trim();
  if (filters.category) filter.category = filters.category;
  if (filters.active !== 'all') filter.active = filters.active === 'yes';
  if (filters.stock === 'out') filter.maxStock = 0;
  if (filters.stock === 'low') {
    const threshold = Number(filters.threshold);
    if (!/^\d{1,6}$/.test(filters.threshold.trim()) || !Number.isInteger(threshold)) return { problem: 'El umbral de existencias bajas debe ser un número entero de 0 en adelante.' };
    filter.maxStock = threshold;
  }
  return filter;
}

export function StaffProducts() {
  const client = useClient();
  usePageTitle('Productos (personal)');
  const [{ data: categories }] = useQuery({ query: StaffCategoriesQuery });
  const [draft, setDraft] = useState<Filters>({ text: '', category: '', active: 'all', stock: 'all', threshold: String(DEFAULT_LOW_STOCK) });
  const [filters, setFilters] = useState<Filters>(draft);
  const filter = apiFilter(filters);
  const problem = 'problem' in filter ? filter.problem : null;
  const key = JSON.stringify(filter);
  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      if ('problem' in filter) return { items: [], nextToken: null };
      const result = await client.query(StaffProductsQuery, { filter, nextToken }, { requestPolicy: nextToken ? 'cache-first' : 'network-only' }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      return result.data.staffProducts;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, key],
  );
  const list = usePagedList<StaffProduct>(`personal-productos:${key}`, fetchPage, { pageSize: 50, maxRequestsPerLoad: 5 });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters({ ...draft });
  }

  return (
    <div aria-busy={list.loading && !list.loaded}>
      <h1>Productos (personal)</h1>
      <StaffNav current="productos" />
      <SimilarityStatusNote />
      <p><a className="button" href={href('/personal/productos/nuevo')}>+ Nuevo producto</a></p>
      <form className="filters" role="search" aria-label="Buscar productos" onSubmit={submit}>
        <label>
          Nombre, SKU o código de barras
          <input type="search" name="text" maxLength={100} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
        </label>
        <label>
          Categoría
          <select name="category" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
            <option value="">Todas</option>
            {categories?.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label>
          Estado
          <select name="active" value={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.value as Filters['active'] })}>
            <option value="all">Activos e inactivos</option>
            <option value="yes">Solo activos</option>
            <option value="no">Solo inactivos</option>
          </select>
        </label>
        <label>
          Existencias
          <select name="stock" value={draft.stock} onChange={(e) => setDraft({ ...draft, stock: e.target.value as StockFilter })}>
            <option value="all">Todas</option>
            <option value="low">Bajas (hasta el umbral)</option>
            <option value="out">Agotados</option>
          </select>
        </label>
        {draft.stock === 'low' && (
          <label>
            Umbral
            <input type="number" name="threshold" min={0} step={1} inputMode="numeric" value={draft.threshold} onChange={(e) => setDraft({ ...draft, threshold: e.target.value })} />
          </label>
        )}
        <button type="submit">Filtrar</button>
      </form>
      {problem && <p className="error" role="alert">{problem}</p>}
      {!problem && list.loaded && list.items.length === 0 && <p>No hay productos con esos criterios.</p>}
      {list.items.length > 0 && (
        <table className="stack">
          <thead><tr><th>Producto</th><th>SKU</th><th>Categoría</th><th>Precio</th><th>Existencias</th><th>Estado</th></tr></thead>
          <tbody>
            {list.items.map((p) => (
              <tr key={p.id} data-testid="staff-product-row" className={p.active ? '' : 'inactive'}>
                <td data-label="Producto"><a href={href(`/personal/productos/${p.id}`)}>{p.name}</a>{p.prescriptionRequired && <span className="badge rx">Receta</span>}<br /><span className="muted">{p.lab} · {p.presentation}</span></td>
                <td data-label="SKU">{p.sku}</td>
                <td data-label="Categoría">{p.categoryName}</td>
                <td data-label="Precio">{formatMoney(p.price)}</td>
                <td data-label="Existencias">{p.stock === 0 ? <span className="badge out">Agotado</span> : p.stock}</td>
                <td data-label="Estado">{p.active ? 'Activo' : 'Inactivo'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.loading && <p role="status" className="loading">Cargando productos…</p>}
      {list.error !== null && (
        <p className="error" role="alert">{errorMessage(list.error, { action: 'No pudimos cargar los productos.' })} <button className="link" onClick={list.retry}>Reintentar</button></p>
      )}
      {list.hasMore && !list.loading && list.error === null && <button className="more" onClick={list.more}>Ver más productos</button>}
    </div>
  );
}
