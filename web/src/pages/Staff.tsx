import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrderStatus } from '../gql/graphql';
import { formatDateTime, formatMoney } from '../money';
import { STATUS_LABELS } from './Orders';

const OrdersByStatusQuery = graphql(`
  query OrdersByStatus($status: OrderStatus!, $nextToken: String) {
    ordersByStatus(status: $status, limit: 50, nextToken: $nextToken) {
      items { id status createdAt itemCount customerEmail total { amountCents currency } }
      nextToken
    }
  }
`);

export function Staff() {
  const [status, setStatus] = useState<OrderStatus>('PENDING');
  const [{ data, error }] = useQuery({ query: OrdersByStatusQuery, variables: { status }, requestPolicy: 'network-only' });
  return (
    <div>
      <h1>Pedidos (personal)</h1>
      <div className="tabs">
        {(Object.keys(STATUS_LABELS) as OrderStatus[]).map((s) => (
          <button key={s} className={s === status ? 'active' : ''} onClick={() => setStatus(s)}>{STATUS_LABELS[s]}</button>
        ))}
      </div>
      {error && <p className="error">{error.graphQLErrors[0]?.message ?? error.message}</p>}
      {data && (
        <table>
          <thead><tr><th>Pedido</th><th>Fecha</th><th>Cliente</th><th>Artículos</th><th>Total</th></tr></thead>
          <tbody>
            {data.ordersByStatus.items.map((o) => (
              <tr key={o.id}>
                <td><a href={`#/pedidos/${o.id}`}>{o.id.slice(-8)}</a></td>
                <td>{formatDateTime(o.createdAt)}</td>
                <td>{o.customerEmail ?? '—'}</td>
                <td>{o.itemCount}</td>
                <td>{formatMoney(o.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
