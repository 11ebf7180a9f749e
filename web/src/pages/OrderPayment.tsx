/**
 * The payment part of the order page (issue 13): how the order is paid, until when its products stay
 * reserved, for a bank transfer (SPEI) the reference and amount to transfer (staff confirm transfers), and for a
 * card order "Pagar con tarjeta": the API makes a Stripe Checkout page for the order and the shopper goes there.
 * Stripe sends them back to this page with `?pago=exito` (paid: we wait until Stripe's webhook has marked the
 * order PAID, which takes seconds) or `?pago=cancelado` (came back without paying: the products stay reserved
 * until the reservation ends, and they can try again). A cash-on-delivery order says what to have ready when
 * it arrives. SPEI details (CLABE, beneficiary, bank) come from config.json (config/settings.ts loadSpeiAccount,
 * the same definition the order-placed email uses).
 */
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { errorMessage } from '../errors';
import { formatDateTime, formatMoney } from '../money';
import { useRoute } from '../router';
import { useSession } from '../session';
import { formatClabe, isValidClabe } from '../../../model/clabe';
import { paysOnDelivery } from '../../../model/payment-methods';
import { paymentMethodLabel } from '../../../model/payment-method-texts';

const StartCardPayment = graphql(`
  mutation StartCardPayment($orderId: ID!) {
    startCardPayment(orderId: $orderId) { url expiresAt }
  }
`);

/** After Stripe's success page: how often and how long the order is read again until it shows PAID. */
const CONFIRMATION_POLL_MS = 2000;
const CONFIRMATION_POLLS = 45;

/** Where the browser goes: a function so tests of the page can watch it. */
function goTo(url: string): void {
  window.location.assign(url);
}

export interface OrderPaymentProps {
  readonly order: {
    readonly id: string;
    readonly status: string;
    readonly paymentMethod?: string | null;
    readonly reservationExpiresAt?: string | null;
    readonly paymentReference?: string | null;
    readonly total: { readonly amountCents: number; readonly currency: string };
  };
  /** Reads the order again (after Stripe's success page, until the payment is confirmed). */
  readonly onRefresh?: () => void;
}

export function OrderPayment({ order, onRefresh }: OrderPaymentProps) {
  const route = useRoute();
  const { pharmacyContact: contact, speiAccount: configuredAccount } = useSession().config;
  // No bank details rather than wrong ones: a CLABE with a bad control digit is not shown.
  const speiAccount = configuredAccount && isValidClabe(configuredAccount.clabe) ? configuredAccount : undefined;
  const returned = route.query.get('pago');
  const [start, startPayment] = useMutation(StartCardPayment);
  const [redirecting, setRedirecting] = useState(false);
  const [polls, setPolls] = useState(0);
  const pending = order.status === 'PENDING';
  const waitingForWebhook = returned === 'exito' && pending && polls < CONFIRMATION_POLLS;

  useEffect(() => {
    if (!waitingForWebhook || !onRefresh) return undefined;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      onRefresh();
    }, CONFIRMATION_POLL_MS);
    return () => clearTimeout(timer);
  }, [waitingForWebhook, onRefresh, polls]);

  if (!order.paymentMethod) return null;

  const payByCard = async () => {
    const result = await startPayment({ orderId: order.id });
    const url = result.data?.startCardPayment.url;
    if (url) {
      setRedirecting(true);
      goTo(url);
    }
  };
  const canPayByCard = pending && order.paymentMethod === 'CARD' && !waitingForWebhook;
  // OXXO: the same Stripe Checkout, OXXO-only; the shopper gets a voucher and pays at the store later.
  const oxxo = order.paymentMethod === 'OXXO';
  return (
    <section aria-labelledby="pago" data-testid="order-payment">
      <h2 id="pago">Pago</h2>
      <p>Forma de pago: <strong>{paymentMethodLabel(order.paymentMethod)}</strong></p>
      {returned === 'exito' && order.status === 'PAID' && (
        <p className="notice ok" role="status" data-testid="card-paid">
          {oxxo ? '¡Gracias! OXXO nos confirmó tu pago.' : '¡Gracias! Recibimos tu pago con tarjeta.'} Te avisaremos por correo cuando enviemos tu pedido.
        </p>
      )}
      {returned === 'exito' && pending && oxxo && (
        <p className="notice" role="status" data-testid="oxxo-voucher-issued">
          Ya tienes tu ficha OXXO. Paga el monto exacto en efectivo en cualquier tienda OXXO antes de que venza; cuando
          OXXO nos confirme el pago (a más tardar el siguiente día hábil) verás tu pedido como pagado y te avisaremos por correo.
        </p>
      )}
      {returned === 'exito' && pending && !oxxo && (
        <p className="notice" role="status" data-testid="card-confirming">
          {waitingForWebhook
            ? 'Estamos confirmando tu pago con el banco. Esto tarda unos segundos; no cierres esta página.'
            : 'Tu pago aún no se confirma. Si se hizo el cargo a tu tarjeta, lo veremos en unos minutos; vuelve a cargar la página más tarde.'}
        </p>
      )}
      {returned === 'cancelado' && pending && (
        <p className="notice" role="status" data-testid="card-cancelled">
          No se completó el pago y no hicimos ningún cargo. Puedes intentarlo de nuevo mientras tus productos sigan apartados.
        </p>
      )}
      {pending && order.reservationExpiresAt && (
        <p className="notice" data-testid="reservation-notice">
          Apartamos tus productos hasta el <strong>{formatDateTime(order.reservationExpiresAt)}</strong>: si no recibimos tu pago
          para entonces, cancelaremos el pedido y los productos volverán al inventario.
        </p>
      )}
      {canPayByCard && (
        <div data-testid="card-payment">
          <button type="button" onClick={() => void payByCard()} disabled={start.fetching || redirecting}>
            {start.fetching || redirecting ? 'Abriendo la página de pago…' : 'Pagar con tarjeta'}
          </button>
          <p className="hint">Pagarás {formatMoney(order.total)} en la página segura de Stripe, nuestro procesador de pagos.</p>
          {start.error && <p className="error" role="alert">{errorMessage(start.error, { action: 'No pudimos abrir la página de pago.' })}</p>}
        </div>
      )}
      {pending && oxxo && !waitingForWebhook && returned !== 'exito' && (
        <div data-testid="oxxo-payment">
          <button type="button" onClick={() => void payByCard()} disabled={start.fetching || redirecting}>
            {start.fetching || redirecting ? 'Abriendo la página de pago…' : 'Obtener ficha para pagar en OXXO'}
          </button>
          <p className="hint">
            Generarás en la página segura de Stripe una ficha por {formatMoney(order.total)} para pagar en efectivo en cualquier
            tienda OXXO. La ficha vence antes de que termine el apartado de tus productos.
          </p>
          {start.error && <p className="error" role="alert">{errorMessage(start.error, { action: 'No pudimos abrir la página de pago.' })}</p>}
        </div>
      )}
      {pending && order.paymentMethod === 'SPEI' && order.paymentReference && (
        <div data-testid="spei-instructions">
          <h3>Cómo pagar por transferencia (SPEI)</h3>
          <p>Desde la app o el portal de tu banco, haz una transferencia SPEI con estos datos:</p>
          <dl className="order-totals spei-account">
            {speiAccount && (
              <>
                <dt>CLABE</dt><dd><strong className="clabe" data-testid="spei-clabe">{formatClabe(speiAccount.clabe)}</strong></dd>
                <dt>Beneficiario</dt><dd><strong>{speiAccount.beneficiary}</strong></dd>
                <dt>Banco</dt><dd><strong>{speiAccount.bank}</strong></dd>
              </>
            )}
            <dt>Importe exacto</dt><dd><strong data-testid="spei-amount">{formatMoney(order.total)}</strong></dd>
            <dt>Concepto o referencia</dt><dd><strong data-testid="spei-reference">{order.paymentReference}</strong></dd>
            {order.reservationExpiresAt && <><dt>Paga antes del</dt><dd><strong>{formatDateTime(order.reservationExpiresAt)}</strong></dd></>}
          </dl>
          {!speiAccount && (
            <p>Si no tienes nuestra CLABE, {contact ? <>pídela al {contact.phone} o a {contact.email}</> : 'pídela en tu farmacia'}.</p>
          )}
          <p>
            Escribe la referencia tal cual en el concepto: así identificamos tu pago. Cuando lo confirmemos (en horario de
            la farmacia) verás el pedido como pagado y te avisaremos por correo.
          </p>
        </div>
      )}
      {paysOnDelivery(order.paymentMethod) && (order.status === 'PENDING' || order.status === 'SHIPPED') && (
        <p className="notice" data-testid="cod-instructions">
          Pagarás <strong>{formatMoney(order.total)}</strong> en efectivo a quien te entregue el pedido. Ten el importe exacto
          a la mano: el repartidor puede no llevar cambio.
        </p>
      )}
      {paysOnDelivery(order.paymentMethod) && order.status === 'DELIVERED' && (
        <p className="notice ok" data-testid="cod-paid">Pagaste {formatMoney(order.total)} en efectivo al recibir tu pedido. ¡Gracias!</p>
      )}
    </section>
  );
}
