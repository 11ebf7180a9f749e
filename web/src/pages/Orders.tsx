import { lazy, Suspense, useCallback, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { MyOrdersQuery as MyOrdersResult } from '../gql/graphql';
import { errorMessage } from '../errors';
import { formatDateTime, formatMoney } from '../money';
import { usePageTitle } from '../page';
import { usePagedList } from '../paging';
import { href } from '../router';
import { useSession } from '../session';
import { STATUS_LABELS } from './order-status';
import { OrderPayment } from './OrderPayment';
import { newest, useMyLiveOrders, useStaffLiveOrders, withLiveOrders } from '../realtime/live-orders';
import { useRealtimeResync } from '../realtime/context';

const MyOrdersQuery = graphql(`
  query MyOrders($nextToken: String) {
    myOrders(limit: 20, nextToken: $nextToken) {
      items { id status createdAt updatedAt itemCount total { amountCents currency } }
      nextToken
    }
  }
`);

const OrderQuery = graphql(`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      id ownerId status createdAt updatedAt itemCount
      lines { productId name quantity unitPrice { amountCents currency } lineTotal { amountCents currency } prescriptionRequired }
      subtotal { amountCents currency } shipping { amountCents currency } total { amountCents currency }
      shippingAddress { recipientName line1 line2 city state postalCode country phone }
      statusHistory { status at by }
      paymentMethod reservationExpiresAt paymentReference
    }
  }
`);

/** Staff's panel (actions, prescription, who changed what): its own chunk, shoppers never download it. */
const StaffOrderPanel = lazy(() => import('./StaffOrderActions'));

const CancelMyOrderMutation = graphql(`
  mutation CancelMyOrder($id: ID!) {
    cancelMyOrder(id: $id) { id status statusHistory { status at by } }
  }
`);

/**
 * The shopper's own unpaid order can be cancelled from its page, after a confirmation; the server checks owner
 * and status again (cancelMyOrder) and gives the reserved units back to stock.
 */
function CancelOwnOrder({ id, onCancelled }: { id: string; onCancelled: () => void }) {
  const [asking, setAsking] = useState(false);
  const [result, cancel] = useMutation(CancelMyOrderMutation);
  async function confirm() {
    const outcome = await cancel({ id });
    if (outcome.data?.cancelMyOrder) {
      setAsking(false);
      onCancelled();
    }
  }
  return (
    <section className="cancel-order" aria-labelledby="cancel-order-title">
      <h2 id="cancel-order-title">¿Ya no lo necesitas?</h2>
      {asking ? (
        <div role="group" aria-label="Confirmar la cancelación">
          <p>¿Cancelar el pedido {id.slice(-8)}? No se te cobrará nada y los productos quedan libres para otros clientes.</p>
          <div className="actions">
            <button type="button" className="danger" disabled={result.fetching} onClick={() => void confirm()}>Sí, cancelar el pedido</button>
            <button type="button" className="secondary" disabled={result.fetching} onClick={() => setAsking(false)}>No, conservarlo</button>
          </div>
        </div>
      ) : (
        <p>Puedes cancelarlo mientras no esté pagado. <button type="button" className="secondary" onClick={() => setAsking(true)}>Cancelar pedido</button></p>
      )}
      {result.error && <p className="error" role="alert">{errorMessage(result.error, { action: 'No pudimos cancelar el pedido.' })}</p>}
    </section>
  );
}

type OrderSummary = MyOrdersResult['myOrders']['items'][number];

export function MyOrders() {
  const client = useClient();
  const { session } = useSession();
  usePageTitle('Mis pedidos');
  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      // The first page always from the network: a new order must show up at the top.
      const result = await client.query(MyOrdersQuery, { nextToken }, { requestPolicy: nextToken ? 'cache-first' : 'network-only' }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      return result.data.myOrders;
    },
    [client],
  );
  const list = usePagedList<OrderSummary>(`pedidos:${session?.user.sub ?? ''}`, fetchPage, { pageSize: 20, maxRequestsPerLoad: 1 });
  // Changes pushed by the server (staff, payments, an expired reservation) show without reloading.
  const live = useMyLiveOrders(null);
  useRealtimeResync(list.reload);
  const orders = withLiveOrders(list.items, live, { toItem: (o) => o, sort: 'newest-first', complete: !list.hasMore });
  return (
    <div aria-busy={list.loading && !list.loaded}>
      <h1>Mis pedidos</h1>
      {list.loaded && orders.length === 0 && <p>Aún no tienes pedidos. <a href={href('/')}>Ver productos</a></p>}
      {orders.length > 0 && (
        <table className="stack">
          <thead><tr><th>Pedido</th><th>Fecha</th><th>Artículos</th><th>Total</th><th>Estado</th></tr></thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="order-row">
                <td data-label="Pedido"><a href={href(`/pedidos/${o.id}`)}>{o.id.slice(-8)}</a></td>
                <td data-label="Fecha">{formatDateTime(o.createdAt)}</td>
                <td data-label="Artículos">{o.itemCount}</td>
                <td data-label="Total">{formatMoney(o.total)}</td>
                <td data-label="Estado">{STATUS_LABELS[o.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.loading && <p role="status" className="loading">Cargando pedidos…</p>}
      {list.error !== null && (
        <p className="error" role="alert">{errorMessage(list.error, { action: 'No pudimos cargar tus pedidos.' })} <button className="link" onClick={list.retry}>Reintentar</button></p>
      )}
      {list.hasMore && !list.loading && list.error === null && <button className="more" onClick={list.more}>Ver más pedidos</button>}
    </div>
  );
}

export function OrderDetail({ id }: { id: string }) {
  const [{ data, error }, refetch] = useQuery({ query: OrderQuery, variables: { id }, requestPolicy: 'network-only' });
  const { isStaff, session, config } = useSession();
  const contact = config.pharmacyContact;
  // Pushed changes of this order: the shopper's own (server-filtered), or staff's feed of every order.
  const mine = useMyLiveOrders(id, isStaff);
  const everyOrder = useStaffLiveOrders(!isStaff);
  useRealtimeResync(() => refetch({ requestPolicy: 'network-only' }));
  const read = data?.order;
  const order = read ? newest(read, (isStaff ? everyOrder : mine).get(id)) : undefined;
  const refreshOrder = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  usePageTitle(order ? `Pedido ${order.id.slice(-8)}` : error ? 'Pedido no disponible' : null);
  if (error) {
    return (
      <div>
        <h1>Pedido no disponible</h1>
        <p className="error" role="alert">{errorMessage(error, { action: 'No pudimos cargar el pedido.' })}</p>
        <p><a href={href('/pedidos')}>Ver mis pedidos</a></p>
      </div>
    );
  }
  if (!order) return <p role="status" aria-busy="true">Cargando pedido…</p>;
  const names = (productId: string) => order.lines.find((l) => l.productId === productId)?.name;
  const needsPrescription = order.lines.some((l) => l.prescriptionRequired);
  return (
    <article className="order">
      <h1>Pedido {order.id.slice(-8)}</h1>
      <p data-testid="order-status" aria-live="polite">Estado: <strong>{STATUS_LABELS[order.status]}</strong> · {formatDateTime(order.createdAt)}</p>
      {needsPrescription && (
        <p className="notice rx" data-testid="rx-notice">
          Este pedido incluye medicamentos que requieren receta médica. Tenla a la mano al recibirlo: el repartidor la
          revisará y, si no la presentas, esos productos no se entregan y te reembolsamos su importe.
        </p>
      )}
      <table className="stack">
        <thead><tr><th>Producto</th><th>Cantidad</th><th>Precio</th><th>Importe</th></tr></thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.productId}>
              <td data-label="Producto">{l.name}{l.prescriptionRequired && <span className="badge rx">Receta</span>}</td>
              <td data-label="Cantidad">{l.quantity}</td>
              <td data-label="Precio">{formatMoney(l.unitPrice)}</td>
              <td data-label="Importe">{formatMoney(l.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="order-totals">
        <dt>Subtotal</dt><dd>{formatMoney(order.subtotal)}</dd>
        <dt>Envío</dt><dd>{order.shipping.amountCents === 0 ? 'Gratis' : formatMoney(order.shipping)}</dd>
        <dt>Total</dt><dd data-testid="order-total"><strong>{formatMoney(order.total)}</strong></dd>
      </dl>
      <OrderPayment order={order} onRefresh={refreshOrder} />
      <h2>Entrega</h2>
      <p>
        {order.shippingAddress.recipientName}<br />
        {order.shippingAddress.line1}{order.shippingAddress.line2 ? `, ${order.shippingAddress.line2}` : ''}<br />
        {order.shippingAddress.postalCode} {order.shippingAddress.city}, {order.shippingAddress.state}
        {order.shippingAddress.phone && <><br />Tel. {order.shippingAddress.phone}</>}
      </p>
      <h2>Historial</h2>
      <ol>
        {order.statusHistory.map((s, i) => (
          <li key={i}>{STATUS_LABELS[s.status]} — {formatDateTime(s.at)}</li>
        ))}
      </ol>
      {order.status === 'PENDING' && order.ownerId === session?.user.sub && (
        <CancelOwnOrder id={order.id} onCancelled={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {contact && (
        <>
          <h2>¿Dudas sobre tu pedido?</h2>
          <p data-testid="pharmacy-contact">
            Llámanos al <a href={`tel:${contact.phoneE164}`}>{contact.phone}</a> o escríbenos a{' '}
            <a href={`mailto:${contact.email}?subject=${encodeURIComponent(`Pedido ${order.id.slice(-8)}`)}`}>{contact.email}</a>, {contact.hours}.
            Menciona el pedido {order.id.slice(-8)}.
          </p>
        </>
      )}
      {isStaff && (
        <Suspense fallback={<p role="status">Cargando gestión del pedido…</p>}>
          <StaffOrderPanel id={order.id} productName={names} onChanged={() => refetch({ requestPolicy: 'network-only' })} />
        </Suspense>
      )}
    </article>
  );
}
