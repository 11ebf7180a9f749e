import { useQuery, useMutation } from 'urql';
import { graphql } from '../gql';
import type { OrderStatus } from '../gql/graphql';
import { formatDateTime, formatMoney } from '../money';
import { useSession } from '../session';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING: 'Pendiente de pago',
  PAID: 'Pagado',
  SHIPPED: 'Enviado',
  DELIVERED: 'Entregado',
  CANCELLED: 'Cancelado',
};

const MyOrdersQuery = graphql(`
  query MyOrders($nextToken: String) {
    myOrders(limit: 20, nextToken: $nextToken) {
      items { id status createdAt itemCount total { amountCents currency } }
      nextToken
    }
  }
`);

const OrderQuery = graphql(`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      id status createdAt itemCount
      lines { productId name quantity unitPrice { amountCents currency } lineTotal { amountCents currency } prescriptionRequired }
      subtotal { amountCents currency } shipping { amountCents currency } total { amountCents currency }
      shippingAddress { recipientName line1 line2 city state postalCode country phone }
      statusHistory { status at by }
    }
  }
`);

const UpdateStatusMutation = graphql(`
  mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {
    updateOrderStatus(id: $id, status: $status) { id status statusHistory { status at by } }
  }
`);

const NEXT_STATUSES: Record<OrderStatus, OrderStatus[]> = {
  PENDING: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

export function MyOrders() {
  const [{ data, error }] = useQuery({ query: MyOrdersQuery, variables: {}, requestPolicy: 'network-only' });
  if (error) return <p className="error">{error.graphQLErrors[0]?.message ?? error.message}</p>;
  if (!data) return <p>Cargando…</p>;
  if (data.myOrders.items.length === 0) return <p>Aún no tienes pedidos. <a href="#/">Ver productos</a></p>;
  return (
    <div>
      <h1>Mis pedidos</h1>
      <table>
        <thead><tr><th>Pedido</th><th>Fecha</th><th>Artículos</th><th>Total</th><th>Estado</th></tr></thead>
        <tbody>
          {data.myOrders.items.map((o) => (
            <tr key={o.id}>
              <td><a href={`#/pedidos/${o.id}`}>{o.id.slice(-8)}</a></td>
              <td>{formatDateTime(o.createdAt)}</td>
              <td>{o.itemCount}</td>
              <td>{formatMoney(o.total)}</td>
              <td>{STATUS_LABELS[o.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrderDetail({ id }: { id: string }) {
  const [{ data, error }, refetch] = useQuery({ query: OrderQuery, variables: { id }, requestPolicy: 'network-only' });
  const { isStaff } = useSession();
  const [update, updateStatus] = useMutation(UpdateStatusMutation);
  if (error) return <p className="error">{error.graphQLErrors[0]?.message ?? error.message}</p>;
  const order = data?.order;
  if (!order) return <p>Cargando…</p>;
  return (
    <article className="order">
      <h1>Pedido {order.id.slice(-8)}</h1>
      <p data-testid="order-status">Estado: <strong>{STATUS_LABELS[order.status]}</strong> · {formatDateTime(order.createdAt)}</p>
      <table>
        <thead><tr><th>Producto</th><th>Cantidad</th><th>Precio</th><th>Importe</th></tr></thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.productId}>
              <td>{l.name}{l.prescriptionRequired && <span className="badge rx">Receta</span>}</td>
              <td>{l.quantity}</td>
              <td>{formatMoney(l.unitPrice)}</td>
              <td>{formatMoney(l.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><td colSpan={3}>Subtotal</td><td>{formatMoney(order.subtotal)}</td></tr>
          <tr><td colSpan={3}>Envío</td><td>{formatMoney(order.shipping)}</td></tr>
          <tr><td colSpan={3}><strong>Total</strong></td><td data-testid="order-total"><strong>{formatMoney(order.total)}</strong></td></tr>
        </tfoot>
      </table>
      <h2>Entrega</h2>
      <p>
        {order.shippingAddress.recipientName}<br />
        {order.shippingAddress.line1}{order.shippingAddress.line2 ? `, ${order.shippingAddress.line2}` : ''}<br />
        {order.shippingAddress.postalCode} {order.shippingAddress.city}, {order.shippingAddress.state}
      </p>
      <h2>Historial</h2>
      <ol>
        {order.statusHistory.map((s, i) => (
          <li key={i}>{STATUS_LABELS[s.status]} — {formatDateTime(s.at)}</li>
        ))}
      </ol>
      {isStaff && NEXT_STATUSES[order.status].length > 0 && (
        <div className="staff-actions">
          {NEXT_STATUSES[order.status].map((status) => (
            <button key={status} disabled={update.fetching} onClick={() => updateStatus({ id: order.id, status }).then(() => refetch({ requestPolicy: 'network-only' }))}>
              Marcar como {STATUS_LABELS[status].toLowerCase()}
            </button>
          ))}
          {update.error && <p className="error">{update.error.graphQLErrors[0]?.message ?? update.error.message}</p>}
        </div>
      )}
    </article>
  );
}
