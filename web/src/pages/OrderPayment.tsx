/**
 * The payment part of the order page (issue 13): how the order is paid, until when its products stay
 * reserved, and for a bank transfer (SPEI) the reference and amount to transfer. Staff confirm transfers.
 */
import { formatDateTime, formatMoney } from '../money';
import { PHARMACY_CONTACT } from './Orders';

export const PAYMENT_METHOD_LABELS: Record<string, string> = {
  CARD: 'Tarjeta u OXXO',
  SPEI: 'Transferencia bancaria (SPEI)',
};

export interface OrderPaymentProps {
  readonly order: {
    readonly status: string;
    readonly paymentMethod?: string | null;
    readonly reservationExpiresAt?: string | null;
    readonly paymentReference?: string | null;
    readonly total: { readonly amountCents: number; readonly currency: string };
  };
}

export function OrderPayment({ order }: OrderPaymentProps) {
  if (!order.paymentMethod) return null;
  const pending = order.status === 'PENDING';
  return (
    <section aria-labelledby="pago" data-testid="order-payment">
      <h2 id="pago">Pago</h2>
      <p>Forma de pago: <strong>{PAYMENT_METHOD_LABELS[order.paymentMethod] ?? order.paymentMethod}</strong></p>
      {pending && order.reservationExpiresAt && (
        <p className="notice" data-testid="reservation-notice">
          Apartamos tus productos hasta el <strong>{formatDateTime(order.reservationExpiresAt)}</strong>: si no recibimos tu pago
          para entonces, cancelaremos el pedido y los productos volverán al inventario.
        </p>
      )}
      {pending && order.paymentMethod === 'SPEI' && order.paymentReference && (
        <div data-testid="spei-instructions">
          <p>
            Para pagar, haz una transferencia SPEI a la cuenta de FarmaCruz desde la app o el portal de tu banco. Si no
            tienes nuestra CLABE, pídela al {PHARMACY_CONTACT.phone} o a {PHARMACY_CONTACT.email}.
          </p>
          <dl className="order-totals">
            <dt>Importe exacto</dt><dd><strong>{formatMoney(order.total)}</strong></dd>
            <dt>Concepto o referencia</dt><dd><strong>{order.paymentReference}</strong></dd>
          </dl>
          <p>
            Escribe la referencia tal cual en el concepto: así identificamos tu pago. Cuando lo confirmemos (en horario de
            la farmacia) verás el pedido como pagado y te avisaremos por correo.
          </p>
        </div>
      )}
    </section>
  );
}
