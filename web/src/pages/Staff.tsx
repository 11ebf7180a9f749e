import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
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

const StaffOrdersQuery = graphql(`
  query StaffOrders($filter: StaffOrderFilter!, $nextToken: String) {
    staffOrders(filter: $filter, limit: 50, nextToken: $nextToken) {
      items {
        id status createdAt itemCount customerEmail total { amountCents currency }
        lines { productId prescriptionRequired }
        prescriptionVerification { at }
      }
      nextToken
    }
  }
`);

type StaffOrder = StaffOrdersResult['staffOrders']['items'][number];

/** How often the open list asks for new orders (while the tab is visible). */
export const NEW_ORDERS_POLL_MS = 15_000;
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

/** Calls `tick` every `ms` while the page is visible, and once when it becomes visible again. */
function useVisiblePolling(tick: () => void, ms: number): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => tickRef.current(), ms);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        tickRef.current();
        start();
      } else {
        stop();
      }
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ms]);
}

export function Staff() {
  const client = useClient();
  usePageTitle('Pedidos (personal)');
  const [draft, setDraft] = useState<Search>({ status: 'PENDING', text: '', from: '', to: '' });
  const [search, setSearch] = useState<Search>(draft);
  const { filter, problem } = useMemo(() => filterOf(search), [search]);
  const filterKey = JSON.stringify(filter);
  const [fresh, setFresh] = useState<StaffOrder[]>([]);
  const [freshNote, setFreshNote] = useState('');

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
  useEffect(() => {
    setFresh([]);
    setFreshNote('');
  }, [filterKey]);

  const shown = useMemo(() => {
    const ids = new Set(fresh.map((o) => o.id));
    return [...fresh, ...list.items.filter((o) => !ids.has(o.id))];
  }, [fresh, list.items]);
  const shownRef = useRef(shown);
  shownRef.current = shown;

  // New orders appear without reloading: the first page again, newest first; what is new goes on top.
  useVisiblePolling(() => {
    if (!filter || !list.loaded) return;
    void client
      .query(StaffOrdersQuery, { filter, nextToken: null }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        const items = result.data?.staffOrders.items ?? [];
        const known = new Set(shownRef.current.map((o) => o.id));
        const added = items.filter((o) => !known.has(o.id));
        if (added.length === 0) return;
        setFresh((current) => [...added, ...current]);
        setFreshNote(added.length === 1 ? 'Llegó 1 pedido nuevo.' : `Llegaron ${added.length} pedidos nuevos.`);
      });
  }, NEW_ORDERS_POLL_MS);

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
      <p className="live" role="status" aria-live="polite" data-testid="new-orders">{freshNote || 'La lista se actualiza sola cada 15 segundos.'}</p>
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
