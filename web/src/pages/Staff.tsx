import { useCallback, useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '../gql';
import type { OrdersByStatusQuery as OrdersByStatusResult, OrderStatus } from '../gql/graphql';
import { errorMessage } from '../errors';
import { formatDateTime, formatMoney } from '../money';
import { usePageTitle } from '../page';
import { usePagedList } from '../paging';
import { href } from '../router';
import { STATUS_LABELS } from './order-status';

const OrdersByStatusQuery = graphql(`
  query OrdersByStatus($status: OrderStatus!, $nextToken: String) {
    ordersByStatus(status: $status, limit: 50, nextToken: $nextToken) {
      items { id status createdAt itemCount customerEmail total { amountCents currency } }
      nextToken
    }
  }
`);

type StaffOrder = OrdersByStatusResult['ordersByStatus']['items'][number];

export function Staff() {
  const client = useClient();
  const [status, setStatus] = useState<OrderStatus>('PENDING');
  usePageTitle('Pedidos (personal)');
  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      const result = await client.query(OrdersByStatusQuery, { status, nextToken }, { requestPolicy: nextToken ? 'cache-first' : 'network-only' }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      return result.data.ordersByStatus;
    },
    [client, status],
  );
  const list = usePagedList<StaffOrder>(`personal:${status}`, fetchPage, { pageSize: 50, maxRequestsPerLoad: 1 });
  return (
    <div aria-busy={list.loading && !list.loaded}>
      <h1>Pedidos (personal)</h1>
      <p><a href={href('/personal/ventas')}>Ver ventas y estadísticas →</a></p>
      <div className="tabs" role="group" aria-label="Estado de los pedidos">
        {(Object.keys(STATUS_LABELS) as OrderStatus[]).map((s) => (
          <button key={s} className={s === status ? 'active' : ''} aria-pressed={s === status} onClick={() => setStatus(s)}>{STATUS_LABELS[s]}</button>
        ))}
      </div>
      {list.loaded && list.items.length === 0 && <p>No hay pedidos en este estado.</p>}
      {list.items.length > 0 && (
        <table className="stack">
          <thead><tr><th>Pedido</th><th>Fecha</th><th>Cliente</th><th>Artículos</th><th>Total</th></tr></thead>
          <tbody>
            {list.items.map((o) => (
              <tr key={o.id} data-testid="staff-order-row">
                <td data-label="Pedido"><a href={href(`/pedidos/${o.id}`)}>{o.id.slice(-8)}</a></td>
                <td data-label="Fecha">{formatDateTime(o.createdAt)}</td>
                <td data-label="Cliente">{o.customerEmail ?? '—'}</td>
                <td data-label="Artículos">{o.itemCount}</td>
                <td data-label="Total">{formatMoney(o.total)}</td>
              </tr>
            ))}
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
