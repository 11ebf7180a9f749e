/**
 * What staff see and do on an order's page: the customer's email and phone, who made each status change, the
 * prescription check (a pharmacist records it before an order with prescription products can ship), and the
 * status moves — shipping asks for the carrier and the tracking number, cancelling for confirmation and a
 * reason (both go into the customer's email). The server enforces every rule; the page only explains them.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrderStatus, StaffOrderFieldsFragment } from '../gql/graphql';
import { errorMessage } from '../errors';
import { formatDateTime } from '../money';
import { STATUS_LABELS } from './order-status';
import { nextOrderStatuses } from '../../../model/order-status';
import { paysOnDelivery } from '../../../model/payment-methods';
import { paymentMethodLabel } from '../../../model/payment-method-texts';
import { formatMoney } from '../money';

export const StaffOrderFields = graphql(`
  fragment StaffOrderFields on Order {
    id status customerEmail paymentMethod paymentReference
    total { amountCents currency }
    lines { productId sku name prescriptionRequired }
    shippingAddress { phone }
    statusHistory { status at by byEmail reason carrier trackingNumber }
    prescriptionVerification { at by byEmail note }
  }
`);

const StaffOrderQuery = graphql(`
  query StaffOrder($id: ID!) {
    order(id: $id) { ...StaffOrderFields }
  }
`);

const UpdateStatusMutation = graphql(`
  mutation StaffUpdateOrderStatus($id: ID!, $status: OrderStatus!, $reason: String, $carrier: String, $trackingNumber: String) {
    updateOrderStatus(id: $id, status: $status, reason: $reason, carrier: $carrier, trackingNumber: $trackingNumber) { ...StaffOrderFields updatedAt }
  }
`);

const VerifyPrescriptionMutation = graphql(`
  mutation StaffVerifyPrescription($id: ID!, $note: String) {
    verifyPrescription(id: $id, note: $note) { ...StaffOrderFields updatedAt }
  }
`);

/** Carriers offered in the shipping form (any other can be typed). */
export const CARRIERS = ['Estafeta', 'DHL Express', 'FedEx', 'Redpack', 'Paquetexpress', '99 Minutos', 'Correos de México', 'Reparto propio'];

const ACTION_LABELS: Record<OrderStatus, string> = {
  PENDING: 'Marcar como pendiente',
  PAID: 'Marcar como pagado',
  SHIPPED: 'Marcar como enviado…',
  DELIVERED: 'Marcar como entregado',
  CANCELLED: 'Cancelar pedido…',
};

/** The button of a move, named for what staff actually check: a SPEI transfer received, cash collected at the door. */
function actionLabel(status: OrderStatus, order: StaffOrderFieldsFragment): string {
  if (status === 'PAID' && order.paymentMethod === 'SPEI') return 'Confirmar transferencia';
  if (status === 'DELIVERED' && paysOnDelivery(order.paymentMethod)) return `Entregado y cobrado (${formatMoney(order.total)} en efectivo)`;
  return ACTION_LABELS[status];
}

type Dialog = 'SHIPPED' | 'CANCELLED' | 'VERIFY' | null;

/** A native modal dialog: focus stays inside, Esc closes it. */
function Modal({ open, title, onClose, children }: { open: boolean; title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="modal" aria-label={title} onClose={onClose} onCancel={onClose}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

/** Who made a change, as staff read it: the email; the first entry is the customer placing the order. */
function who(change: { by?: string | null; byEmail?: string | null }, first = false): string {
  if (change.byEmail) return change.byEmail;
  if (first) return 'el cliente';
  return change.by ?? 'el sistema';
}

export function StaffOrderActions({ order, productName, onChanged }: { order: StaffOrderFieldsFragment; productName(id: string): string | undefined; onChanged(): void }) {
  const [update, updateStatus] = useMutation(UpdateStatusMutation);
  const [verify, verifyPrescription] = useMutation(VerifyPrescriptionMutation);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [carrier, setCarrier] = useState(CARRIERS[0]!);
  const [tracking, setTracking] = useState('');
  const [note, setNote] = useState('');
  const needsPrescription = order.lines.some((l) => l.prescriptionRequired);
  const verification = order.prescriptionVerification;
  const canVerify = needsPrescription && !verification && (order.status === 'PENDING' || order.status === 'PAID');
  const awaitingPrescription = needsPrescription && !verification;
  const busy = update.fetching || verify.fetching;
  // The order's own life cycle (model/order-status.ts): a cash-on-delivery order ships unpaid and is paid at delivery.
  const nextStatuses = nextOrderStatuses(order.status, order.paymentMethod);
  const error = update.error ?? verify.error;

  async function move(status: OrderStatus, details: { reason?: string; carrier?: string; trackingNumber?: string } = {}) {
    const result = await updateStatus({ id: order.id, status, ...details });
    if (!result.error) {
      setDialog(null);
      setReason('');
      setTracking('');
      onChanged();
    }
  }

  async function submitVerification(event: FormEvent) {
    event.preventDefault();
    const result = await verifyPrescription({ id: order.id, note: note.trim() || null });
    if (!result.error) {
      setDialog(null);
      setNote('');
      onChanged();
    }
  }

  return (
    <section className="staff-panel" aria-labelledby="staff-panel-title" data-testid="staff-order-panel">
      <h2 id="staff-panel-title">Gestión del pedido (personal)</h2>
      <dl className="facts">
        <dt>Correo del cliente</dt>
        <dd data-testid="customer-email">{order.customerEmail ? <a href={`mailto:${order.customerEmail}`}>{order.customerEmail}</a> : 'Sin correo'}</dd>
        <dt>Teléfono</dt>
        <dd data-testid="customer-phone">{order.shippingAddress.phone ? <a href={`tel:${order.shippingAddress.phone.replace(/\s+/g, '')}`}>{order.shippingAddress.phone}</a> : 'Sin teléfono'}</dd>
        <dt>Forma de pago</dt>
        <dd data-testid="staff-payment-method">
          {order.paymentMethod ? paymentMethodLabel(order.paymentMethod) : 'Sin registrar'}
          {order.paymentReference && <> · referencia <strong>{order.paymentReference}</strong> por {formatMoney(order.total)}</>}
        </dd>
        <dt>SKU</dt>
        <dd>{order.lines.map((l) => `${l.sku} (${l.name})`).join(' · ')}</dd>
      </dl>

      {needsPrescription && (
        <div className={verification ? 'notice ok' : 'notice'} data-testid="prescription-status">
          {verification ? (
            <p>
              <strong>Receta verificada</strong> por {who(verification)} · {formatDateTime(verification.at)}
              {verification.note && <><br />Nota: «{verification.note}»</>}
            </p>
          ) : (
            <p><strong>Receta sin verificar.</strong> Este pedido lleva medicamentos con receta: un farmacéutico debe revisarla antes de enviarlo.</p>
          )}
          {canVerify && <button type="button" className="secondary" disabled={busy} onClick={() => setDialog('VERIFY')}>Verificar receta…</button>}
        </div>
      )}

      <h3>Historial de estados</h3>
      <ol className="history" data-testid="staff-history">
        {order.statusHistory.map((s, i) => (
          <li key={i}>
            <strong>{STATUS_LABELS[s.status]}</strong> — {formatDateTime(s.at)} · por {who(s, i === 0)}
            {s.reason && <><br />Motivo: {s.reason}</>}
            {s.trackingNumber && <><br />Paquetería: {s.carrier} · Guía: {s.trackingNumber}</>}
          </li>
        ))}
      </ol>

      {nextStatuses.length > 0 && (
        <div className="staff-actions">
          {nextStatuses.map((status) => (
            <button
              key={status}
              type="button"
              className={status === 'CANCELLED' ? 'danger' : ''}
              disabled={busy || (status === 'SHIPPED' && awaitingPrescription)}
              title={status === 'SHIPPED' && awaitingPrescription ? 'Primero verifica la receta' : undefined}
              onClick={() => (status === 'SHIPPED' || status === 'CANCELLED' ? setDialog(status) : void move(status))}
            >
              {actionLabel(status, order)}
            </button>
          ))}
          {(order.status === 'PAID' || (order.status === 'PENDING' && nextStatuses.includes('SHIPPED'))) && awaitingPrescription && <p className="muted">Para enviarlo, primero verifica la receta.</p>}
        </div>
      )}
      {error && dialog === null && <p className="error" role="alert">{errorMessage(error, { productName, action: 'No pudimos cambiar el pedido.' })}</p>}

      <Modal open={dialog === 'CANCELLED'} title="¿Cancelar este pedido?" onClose={() => setDialog(null)}>
        <form onSubmit={(e) => { e.preventDefault(); void move('CANCELLED', { reason: reason.trim() }); }}>
          <p>Las piezas vuelven al inventario y el cliente recibe un correo con el motivo. No se puede deshacer.</p>
          <label>
            Motivo de la cancelación
            <textarea name="reason" required maxLength={500} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {update.error && <p className="error" role="alert">{errorMessage(update.error, { productName, action: 'No pudimos cancelar el pedido.' })}</p>}
          <div className="dialog-buttons">
            <button type="button" className="secondary" onClick={() => setDialog(null)}>No, volver</button>
            <button type="submit" className="danger" disabled={busy || reason.trim().length === 0}>Sí, cancelar pedido</button>
          </div>
        </form>
      </Modal>

      <Modal open={dialog === 'SHIPPED'} title="Marcar como enviado" onClose={() => setDialog(null)}>
        <form onSubmit={(e) => { e.preventDefault(); void move('SHIPPED', { carrier: carrier.trim(), trackingNumber: tracking.trim() }); }}>
          <p>El cliente recibe un correo con la paquetería y el número de guía.</p>
          <label>
            Paquetería
            <input name="carrier" list="carriers" required maxLength={60} value={carrier} onChange={(e) => setCarrier(e.target.value)} />
            <datalist id="carriers">{CARRIERS.map((c) => <option key={c} value={c} />)}</datalist>
          </label>
          <label>
            Número de guía
            <input name="trackingNumber" required minLength={4} maxLength={40} pattern="[A-Za-z0-9\- ]{4,40}" autoComplete="off" value={tracking} onChange={(e) => setTracking(e.target.value)} />
          </label>
          {update.error && <p className="error" role="alert">{errorMessage(update.error, { productName, action: 'No pudimos marcar el envío.' })}</p>}
          <div className="dialog-buttons">
            <button type="button" className="secondary" onClick={() => setDialog(null)}>Volver</button>
            <button type="submit" disabled={busy}>Marcar como enviado</button>
          </div>
        </form>
      </Modal>

      <Modal open={dialog === 'VERIFY'} title="Verificar receta" onClose={() => setDialog(null)}>
        <form onSubmit={(e) => void submitVerification(e)}>
          <p>Confirma que revisaste la receta médica de: {order.lines.filter((l) => l.prescriptionRequired).map((l) => l.name).join(', ')}. Queda registrado quién y cuándo.</p>
          <label>
            Nota (opcional: médico, cédula, folio de la receta)
            <textarea name="note" maxLength={500} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          {verify.error && <p className="error" role="alert">{errorMessage(verify.error, { productName, action: 'No pudimos registrar la verificación.' })}</p>}
          <div className="dialog-buttons">
            <button type="button" className="secondary" onClick={() => setDialog(null)}>Volver</button>
            <button type="submit" disabled={busy}>Receta verificada</button>
          </div>
        </form>
      </Modal>
    </section>
  );
}

/** The staff panel of the order page (lazy chunk): reads the staff fields of the order itself. */
export default function StaffOrderPanel({ id, productName, onChanged }: { id: string; productName(id: string): string | undefined; onChanged(): void }) {
  const [{ data, error }, refetch] = useQuery({ query: StaffOrderQuery, variables: { id }, requestPolicy: 'network-only' });
  if (error) return <p className="error" role="alert">{errorMessage(error, { action: 'No pudimos cargar la gestión del pedido.' })}</p>;
  if (!data?.order) return <p role="status">Cargando gestión del pedido…</p>;
  return (
    <StaffOrderActions
      order={data.order}
      productName={productName}
      onChanged={() => {
        refetch({ requestPolicy: 'network-only' });
        onChanged();
      }}
    />
  );
}
