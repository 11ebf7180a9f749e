import { useEffect, useEffectEvent, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { lineLimit, useCart, type CartLine } from '../cart';
import { useSession } from '../session';
import { apiErrorOf, errorMessage } from '../errors';
import { formatMoney } from '../money';
import { usePageTitle } from '../page';
import { href, navigate } from '../router';
import { SHIPPING_RULE, shippingCentsFor } from '../../../model/order-pricing';
import { productPath } from '../../../model/shop-paths';
import { MEXICAN_STATES, isMexicanPostalCode, mexicanPhoneDigits } from '../../../model/mexican-address';
import { DEFAULT_PAYMENT_SETTINGS } from '../../../model/payment-methods';
import { offeredDescribedPaymentMethods } from '../../../model/payment-method-texts';
import type { PaymentMethod } from '../gql/graphql';
import { EMPTY_ADDRESS, rememberAddress, rememberedAddress, type Address, type AddressField } from './address-memory';
import { QuantityInput } from './QuantityInput';

const CreateOrderMutation = graphql(`
  mutation CreateOrder($input: CreateOrderInput!) {
    createOrder(input: $input) { id status total { amountCents currency } }
  }
`);

const CartProductQuery = graphql(`
  query CartProduct($id: ID!) {
    product(id: $id) { id name price { amountCents currency } stock active prescriptionRequired }
  }
`);

const CheckoutSettingsQuery = graphql(`
  query CheckoutSettings {
    shopSettings { cashOnDelivery }
  }
`);

const CHECKOUT_TOKEN_KEY = 'farmacruz.checkoutToken';

/** One token per checkout attempt, kept until the order succeeds, so a retry never places a second order. */
function checkoutToken(): string {
  let token = sessionStorage.getItem(CHECKOUT_TOKEN_KEY);
  if (!token) {
    token = crypto.randomUUID();
    sessionStorage.setItem(CHECKOUT_TOKEN_KEY, token);
  }
  return token;
}

const ADDRESS_FIELDS = [
  ['recipientName', 'Nombre de quien recibe', true, 'shipping name'],
  ['line1', 'Calle y número', true, 'shipping address-line1'],
  ['line2', 'Colonia / referencias', false, 'shipping address-line2'],
  ['city', 'Ciudad o municipio', true, 'shipping address-level2'],
  ['state', 'Estado', true, 'shipping address-level1'],
  ['postalCode', 'Código postal', true, 'shipping postal-code'],
  ['phone', 'Teléfono', false, 'shipping tel-national'],
] as const satisfies readonly (readonly [AddressField, string, boolean, string])[];


/** The 32 federal entities as the server stores them (model/mexican-address.ts: one list for both). */
const STATE_NAMES = MEXICAN_STATES.map((entry) => entry.split('|')[0]!);

/** Input hints for the Mexican formats (the checks themselves are `addressErrors`, the server's own rules). */
const FIELD_FORMATS: Partial<Record<AddressField, Record<string, string>>> = {
  postalCode: { inputMode: 'numeric', maxLength: '5' },
  phone: { type: 'tel', inputMode: 'tel' },
};

const FIELD_HINTS: Partial<Record<AddressField, string>> = {
  postalCode: '5 dígitos, p. ej. 44100',
  phone: '10 dígitos, p. ej. 33 1234 5678 (opcional)',
};

/** What is wrong with each field, in Spanish, by the same rules createOrder applies. */
function addressErrors(address: Address): Partial<Record<AddressField, string>> {
  const errors: Partial<Record<AddressField, string>> = {};
  for (const [name, label, required] of ADDRESS_FIELDS) {
    if (required && address[name].trim() === '') errors[name] = `Escribe ${label.toLowerCase()}.`;
  }
  if (address.state === '') errors.state = 'Elige el estado.';
  if (!errors.postalCode && !isMexicanPostalCode(address.postalCode.trim())) errors.postalCode = 'El código postal debe tener 5 dígitos.';
  if (address.phone.trim() !== '' && mexicanPhoneDigits(address.phone.trim()) === null) errors.phone = 'El teléfono debe tener 10 dígitos (puedes anteponer +52).';
  return errors;
}

/** One cart line, refreshed from the API: the quantity never goes above the product's stock. */
function CartRow({ line, unavailable }: { line: CartLine; unavailable: (productId: string, gone: boolean) => void }) {
  const cart = useCart();
  const [{ data }] = useQuery({ query: CartProductQuery, variables: { id: line.productId }, requestPolicy: 'cache-and-network' });
  const product = data?.product;
  // Runs when the product read changes; reads the cart as it is then without re-running on every cart change.
  const refreshLine = useEffectEvent((read: NonNullable<typeof product>) => {
    cart.refresh(line.productId, { name: read.name, unitPriceCents: read.price.amountCents, currency: read.price.currency, stock: read.active ? read.stock : 0, prescriptionRequired: read.prescriptionRequired });
    unavailable(line.productId, !read.active || read.stock === 0);
  });
  useEffect(() => {
    if (product) refreshLine(product);
  }, [product]);
  const limit = lineLimit(line.stock);
  const soldOut = product ? !product.active || product.stock === 0 : false;
  return (
    <tr>
      <td data-label="Producto">
        <a href={href(productPath({ id: line.productId, name: line.name }))}>{line.name}</a>
        {line.prescriptionRequired && <span className="badge rx">Receta</span>}
        {soldOut && <span className="badge out">Agotado</span>}
      </td>
      <td data-label="Precio">{formatMoney({ amountCents: line.unitPriceCents, currency: line.currency })}</td>
      <td data-label="Cantidad">
        {soldOut ? '—' : (
          <>
            <QuantityInput label={`Cantidad de ${line.name}`} value={line.quantity} max={Math.max(1, limit)} onChange={(q) => cart.setQuantity(line.productId, q)} hideLabel />
            {line.stock <= MAX_SHOWN_STOCK && <span className="muted stock-note">{line.stock === 1 ? 'Queda 1' : `Quedan ${line.stock}`}</span>}
          </>
        )}
      </td>
      <td data-label="Importe">{formatMoney({ amountCents: line.unitPriceCents * line.quantity, currency: line.currency })}</td>
      <td><button className="link remove" onClick={() => cart.remove(line.productId)} aria-label={`Quitar ${line.name} del carrito`}>Quitar</button></td>
    </tr>
  );
}

/**
 * How the shopper pays: one radio per method the shop offers now (model/payment-methods.ts, the one list; cash
 * on delivery only while staff have it on), each with its short explanation.
 */
function PaymentChoice({ value, onChange, reloads }: { value: PaymentMethod | null; onChange(method: PaymentMethod): void; reloads: number }) {
  const [{ data }, refetch] = useQuery({ query: CheckoutSettingsQuery, requestPolicy: 'cache-and-network' });
  // The API refused the chosen method (staff turned it off meanwhile): read what the shop offers now.
  useEffect(() => {
    if (reloads > 0) refetch({ requestPolicy: 'network-only' });
  }, [reloads, refetch]);
  const offered = offeredDescribedPaymentMethods(data?.shopSettings ?? DEFAULT_PAYMENT_SETTINGS);
  const chosen = offered.some((o) => o.method === value) ? value : (offered[0]?.method ?? null);
  useEffect(() => {
    if (chosen && chosen !== value) onChange(chosen);
  });
  return (
    <fieldset className="payment-choice" data-testid="payment-choice">
      <legend>Forma de pago</legend>
      {offered.map((option) => (
        <label key={option.method} className="payment-option">
          <input type="radio" name="paymentMethod" value={option.method} checked={chosen === option.method}
            aria-describedby={`pago-${option.method}`} onChange={() => onChange(option.method)} />
          <span>
            <strong>{option.label}</strong>
            <span className="muted" id={`pago-${option.method}`}>{option.description}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Below this many units, the cart says how many are left. */
const MAX_SHOWN_STOCK = 10;

function ShippingNote({ subtotalCents, currency }: { subtotalCents: number; currency: string }) {
  const shipping = shippingCentsFor(subtotalCents);
  const missing = SHIPPING_RULE.freeFromSubtotalCents - subtotalCents;
  return (
    <div className="totals">
      <p>Subtotal: <strong>{formatMoney({ amountCents: subtotalCents, currency })}</strong></p>
      <p>Envío: <strong>{shipping === 0 ? 'gratis' : formatMoney({ amountCents: shipping, currency })}</strong></p>
      <p className="shipping-note" data-testid="shipping-note">
        {missing > 0
          ? `Te faltan ${formatMoney({ amountCents: missing, currency })} para envío gratis.`
          : `Tu pedido tiene envío gratis (desde ${formatMoney({ amountCents: SHIPPING_RULE.freeFromSubtotalCents, currency })}).`}
      </p>
      <p>Total estimado: <strong>{formatMoney({ amountCents: subtotalCents + shipping, currency })}</strong></p>
      <p className="muted">La farmacia confirma precios y existencias al crear el pedido.</p>
    </div>
  );
}

export function Cart() {
  const cart = useCart();
  const { session } = useSession();
  usePageTitle('Carrito');
  const [address, setAddress] = useState<Address>(() => rememberedAddress(session?.user.sub) ?? EMPTY_ADDRESS);
  const [paymentMethod, setPaymentMethod] = useState<PaymentMethod | null>(null);
  const [settingsReloads, setSettingsReloads] = useState(0);
  const [result, createOrder] = useMutation(CreateOrderMutation);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<AddressField, string>>>({});
  const [soldOut, setSoldOut] = useState<ReadonlySet<string>>(new Set());
  const subtotal = cart.lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const currency = cart.lines[0]?.currency ?? 'MXN';
  const markUnavailable = (productId: string, gone: boolean) =>
    setSoldOut((previous) => {
      if (previous.has(productId) === gone) return previous;
      const next = new Set(previous);
      if (gone) next.add(productId);
      else next.delete(productId);
      return next;
    });
  const blocking = cart.lines.filter((l) => soldOut.has(l.productId));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const errors = addressErrors(address);
    setFieldErrors(errors);
    const firstInvalid = ADDRESS_FIELDS.find(([name]) => errors[name]);
    if (firstInvalid) {
      document.querySelector<HTMLElement>(`.checkout [name=${firstInvalid[0]}]`)?.focus();
      return;
    }
    const outcome = await createOrder({
      input: {
        items: cart.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        shippingAddress: { ...address, line2: address.line2 || null, phone: address.phone || null, country: 'MX' },
        clientToken: checkoutToken(),
        paymentMethod,
      },
    });
    const order = outcome.data?.createOrder;
    if (order) {
      sessionStorage.removeItem(CHECKOUT_TOKEN_KEY);
      if (session) rememberAddress(session.user.sub, address);
      cart.clear();
      navigate(`/pedidos/${order.id}`);
    } else {
      const api = apiErrorOf(outcome.error);
      const short = cart.lines.find((l) => l.productId === api?.errorInfo?.productId);
      if (api?.errorType === 'PaymentMethodUnavailable') setSettingsReloads((n) => n + 1);
      if (api?.errorType === 'OutOfStock' && short && typeof api.errorInfo?.available === 'number') {
        cart.refresh(short.productId, { ...short, stock: api.errorInfo.available });
      }
      setMessage(errorMessage(outcome.error, { productName: (id) => cart.lines.find((l) => l.productId === id)?.name, action: 'No pudimos crear tu pedido.' }));
    }
  }

  if (cart.lines.length === 0) {
    return (
      <div>
        <h1>Carrito</h1>
        <p>Tu carrito está vacío. <a href={href('/')}>Ver productos</a></p>
      </div>
    );
  }
  return (
    <div className="cart">
      <h1>Carrito</h1>
      <table className="stack">
        <thead><tr><th>Producto</th><th>Precio</th><th>Cantidad</th><th>Importe</th><th><span className="visually-hidden">Quitar</span></th></tr></thead>
        <tbody>
          {cart.lines.map((l) => <CartRow key={l.productId} line={l} unavailable={markUnavailable} />)}
        </tbody>
      </table>
      <ShippingNote subtotalCents={subtotal} currency={currency} />
      {blocking.length > 0 && (
        <p className="error" role="alert">{blocking.map((l) => l.name).join(', ')} {blocking.length === 1 ? 'ya no está disponible' : 'ya no están disponibles'}: quítalo del carrito para continuar.</p>
      )}
      {session ? (
        <form className="checkout" onSubmit={submit} noValidate>
          <h2>Dirección de entrega</h2>
          {ADDRESS_FIELDS.map(([name, label, required, autoComplete]) => {
            const error = fieldErrors[name];
            const describedBy = [FIELD_HINTS[name] ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
            const common = {
              name,
              required,
              autoComplete,
              value: address[name],
              'aria-invalid': error ? true : undefined,
              'aria-describedby': describedBy,
            };
            return (
              <label key={name}>
                {label}
                {name === 'state' ? (
                  <select {...common} onChange={(e) => setAddress({ ...address, state: e.target.value })}>
                    <option value="">Elige un estado</option>
                    {STATE_NAMES.map((state) => <option key={state} value={state}>{state}</option>)}
                  </select>
                ) : (
                  <input {...common} maxLength={name === 'line1' || name === 'line2' ? 200 : 100} {...FIELD_FORMATS[name]}
                    onChange={(e) => setAddress({ ...address, [name]: e.target.value })} />
                )}
                {FIELD_HINTS[name] && <span className="muted" id={`${name}-hint`}>{FIELD_HINTS[name]}</span>}
                {error && <span className="error field-error" id={`${name}-error`}>{error}</span>}
              </label>
            );
          })}
          <PaymentChoice value={paymentMethod} onChange={setPaymentMethod} reloads={settingsReloads} />
          <button type="submit" disabled={result.fetching || blocking.length > 0}>Confirmar pedido</button>
          {message && <p className="error" role="alert">{message}</p>}
        </form>
      ) : (
        <p><a href={href(`/entrar?volver=${encodeURIComponent('/carrito')}`)}>Inicia sesión</a> o <a href={href(`/registro?volver=${encodeURIComponent('/carrito')}`)}>crea tu cuenta</a> para confirmar tu pedido.</p>
      )}
    </div>
  );
}
