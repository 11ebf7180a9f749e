import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { graphql } from '../gql';
import type { OrderStatus, StaffOrderFilter, StaffOrdersQuery as StaffOrdersResult } from '../gql/graphql';
import { errorMessage } from '../errors';
import { formatDateTime, formatMoney } from '../money';
import { usePageTitle } from '../page';
import { usePagedList } from '../paging';
import { href, navigate } from '../router';
import { STATUS_LABELS } from './order-status';
import { StaffNav } from './StaffNav';
import { useStaffLiveOrders, withLiveOrders, type LiveOrder } from '../realtime/live-orders';
import { useRealtimeResync } from '../realtime/context';

const StaffOrdersQuery = graphql(`
  query StaffOrders($filter: StaffOrderFilter!, $nextToken: String) {
    staffOrders(filter: $filter, limit: 50, nextToken: $nextToken) {
      items {
        id status createdAt updatedAt itemCount customerEmail total { amountCents currency }
        lines { productId prescriptionRequired }
        prescriptionVerification { at }
      }
      nextToken
    }
  }
`);

type StaffOrder = StaffOrdersResult['staffOrders']['items'][number];

const ULID_LENGTH = 26;
const ORDER_NUMBER = /^[0-9A-Za-z]{8}$/;

/** The UTC instant of a local calendar day's midnight (staff type days in their own time zone). */
function localMidnight(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + plusDays).toISOString();
}

interface Search {
  readonly status: OrderStatus | 'ALL';
  readonly text: string;
  readonly from: string;
  readonly to: string;
}

/** The API filter for what staff typed; null (with a reason) when it cannot be searched as is. */
function filterOf(search: Search): { filter: StaffOrderFilter | null; problem: string | null } {
  const text = search.text.trim();
  const filter: StaffOrderFilter = {};
  if (search.status !== 'ALL') filter.status = search.status;
  if (text.includes('@')) filter.customerEmail = text;
  else if (ORDER_NUMBER.test(text)) filter.orderNumber = text.toUpperCase();
  else if (text.length > 0) return { filter: null, problem: 'Escribe el número de pedido (8 caracteres o el completo) o el correo del cliente.' };
  if (!filter.status && !filter.customerEmail) return { filter: null, problem: 'Para ver todos los estados, busca por el correo del cliente.' };
  if (search.from) filter.createdFrom = localMidnight(search.from);
  if (search.to) filter.createdBefore = localMidnight(search.to, 1);
  if (search.from && search.to && search.from > search.to) return { filter: null, problem: 'La fecha «desde» debe ser anterior a la fecha «hasta».' };
  return { filter, problem: null };
}

/** Whether a pushed order belongs to the list staff searched for (the same criteria as Query.staffOrders). */
function matchesFilter(order: StaffOrder, filter: StaffOrderFilter): boolean {
  if (filter.status && order.status !== filter.status) return false;
  if (filter.customerEmail && order.customerEmail?.toLowerCase() !== filter.customerEmail.trim().toLowerCase()) return false;
  if (filter.orderNumber && !order.id.toUpperCase().endsWith(filter.orderNumber)) return false;
  if (filter.createdFrom && order.createdAt < filter.createdFrom) return false;
  if (filter.createdBefore && order.createdAt >= filter.createdBefore) return false;
  return true;
}

export function Staff() {
  const client = useClient();
  usePageTitle('Pedidos (personal)');
  const [draft, setDraft] = useState<Search>({ status: 'PENDING', text: '', from: '', to: '' });
  const [search, setSearch] = useState<Search>(draft);
  const { filter, problem } = useMemo(() => filterOf(search), [search]);
  const filterKey = JSON.stringify(filter);

  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      if (!filter) return { items: [], nextToken: null };
      const result = await client.query(StaffOrdersQuery, { filter, nextToken }, { requestPolicy: nextToken ? 'cache-first' : 'network-only' }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      return result.data.staffOrders;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, filterKey],
  );
  const list = usePagedList<StaffOrder>(`personal:${filterKey}`, fetchPage, { pageSize: 50, maxRequestsPerLoad: 5 });
  // New and changed orders are pushed by the server (Subscription.onOrderChanged), no reload and no polling: a
  // new order matching the search goes on top; an order that no longer matches (e.g. moved to another status)
  // leaves the list. After a dropped connection is back, the list is read again.
  const live = useStaffLiveOrders();
  useRealtimeResync(list.reload);
  const shown = withLiveOrders(list.items, live, {
    toItem: (order: LiveOrder): StaffOrder => order,
    belongs: (order) => (filter ? matchesFilter(order, filter) : false),
    sort: 'newest-first',
    complete: list.loaded && !list.hasMore,
  });
  const listed = new Set(list.items.map((o) => o.id));
  const arrived = shown.filter((o) => !listed.has(o.id)).length;

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = draft.text.trim();
    if (text.length === ULID_LENGTH && /^[0-9A-Za-z]+$/.test(text)) {
      navigate(`/pedidos/${text.toUpperCase()}`);
      return;
    }
    setSearch({ ...draft });
  }

  return (
    <div aria-busy={list.loading && !list.loaded}>
      <h1>Pedidos (personal)</h1>
      <StaffNav current="pedidos" />
      <form className="filters" role="search" aria-label="Buscar pedidos" onSubmit={submit}>
        <label>
          Número de pedido o correo del cliente
          <input type="search" name="orderSearch" value={draft.text} maxLength={254} onChange={(e) => setDraft({ ...draft, text: e.target.value })} placeholder="p. ej. 6N7M8K9P o ana@correo.mx" />
        </label>
        <label>
          Estado
          <select name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as Search['status'] })}>
            {(Object.keys(STATUS_LABELS) as OrderStatus[]).map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
            <option value="ALL">Todos (con correo)</option>
          </select>
        </label>
        <label>
          Desde
          <input type="date" name="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          Hasta
          <input type="date" name="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit">Buscar</button>
      </form>
      <p className="live" role="status" aria-live="polite" data-testid="new-orders">{arrived === 0 ? 'La lista se actualiza sola cuando llegan o cambian pedidos.' : arrived === 1 ? 'Llegó 1 pedido nuevo.' : `Llegaron ${arrived} pedidos nuevos.`}</p>
      {problem && <p className="error" role="alert">{problem}</p>}
      {!problem && list.loaded && shown.length === 0 && <p>No hay pedidos con esos criterios.</p>}
      {shown.length > 0 && (
        <table className="stack">
          <thead><tr><th>Pedido</th><th>Fecha</th><th>Cliente</th><th>Estado</th><th>Artículos</th><th>Total</th></tr></thead>
          <tbody>
            {shown.map((o) => {
              const rx = o.lines.some((l) => l.prescriptionRequired);
              return (
                <tr key={o.id} data-testid="staff-order-row">
                  <td data-label="Pedido"><a href={href(`/pedidos/${o.id}`)}>{o.id.slice(-8)}</a>{rx && <span className={o.prescriptionVerification ? 'badge' : 'badge rx'}>{o.prescriptionVerification ? 'Receta verificada' : 'Receta por verificar'}</span>}</td>
                  <td data-label="Fecha">{formatDateTime(o.createdAt)}</td>
                  <td data-label="Cliente">{o.customerEmail ?? '—'}</td>
                  <td data-label="Estado">{STATUS_LABELS[o.status]}</td>
                  <td data-label="Artículos">{o.itemCount}</td>
                  <td data-label="Total">{formatMoney(o.total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {list.loading && <p role="status" className="loading">Cargando pedidos…</p>}
      {list.error !== null && (
        <p className="error" role="alert">{errorMessage(list.error, { action: 'No pudimos cargar los pedidos.' })} <button className="link" onClick={list.retry}>Reintentar</button></p>
      )}
      {list.hasMore && !list.loading && list.error === null && <button className="more" onClick={list.more}>Ver más pedidos</button>}
    </div>
  );
}
