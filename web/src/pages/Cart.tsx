import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { useCart } from '../cart';
import { useSession } from '../session';
import { formatMoney } from '../money';
import { navigate } from '../router';

const CreateOrderMutation = graphql(`
  mutation CreateOrder($input: CreateOrderInput!) {
    createOrder(input: $input) { id status total { amountCents currency } }
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
  ['recipientName', 'Nombre de quien recibe', true],
  ['line1', 'Calle y número', true],
  ['line2', 'Colonia / referencias', false],
  ['city', 'Ciudad', true],
  ['state', 'Estado', true],
  ['postalCode', 'Código postal', true],
  ['phone', 'Teléfono', false],
] as const;

type AddressField = (typeof ADDRESS_FIELDS)[number][0];

export function Cart() {
  const cart = useCart();
  const { session } = useSession();
  const [address, setAddress] = useState<Record<AddressField, string>>({ recipientName: '', line1: '', line2: '', city: '', state: '', postalCode: '', phone: '' });
  const [result, createOrder] = useMutation(CreateOrderMutation);
  const [message, setMessage] = useState<string | null>(null);
  const estimate = cart.lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const currency = cart.lines[0]?.currency ?? 'MXN';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const outcome = await createOrder({
      input: {
        items: cart.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        shippingAddress: { ...address, line2: address.line2 || null, phone: address.phone || null, country: 'MX' },
        clientToken: checkoutToken(),
      },
    });
    const order = outcome.data?.createOrder;
    if (order) {
      sessionStorage.removeItem(CHECKOUT_TOKEN_KEY);
      cart.clear();
      navigate(`/pedidos/${order.id}`);
    } else {
      setMessage(outcome.error?.graphQLErrors[0]?.message ?? outcome.error?.message ?? 'No se pudo crear el pedido');
    }
  }

  if (cart.lines.length === 0) return <p>Tu carrito está vacío. <a href="#/">Ver productos</a></p>;
  return (
    <div className="cart">
      <h1>Carrito</h1>
      <table>
        <thead><tr><th>Producto</th><th>Precio</th><th>Cantidad</th><th>Importe</th></tr></thead>
        <tbody>
          {cart.lines.map((l) => (
            <tr key={l.productId}>
              <td><a href={`#/producto/${l.productId}`}>{l.name}</a>{l.prescriptionRequired && <span className="badge rx">Receta</span>}</td>
              <td>{formatMoney({ amountCents: l.unitPriceCents, currency: l.currency })}</td>
              <td><input type="number" min={0} max={100} value={l.quantity} aria-label={`Cantidad de ${l.name}`} onChange={(e) => cart.setQuantity(l.productId, Number(e.target.value) || 0)} /></td>
              <td>{formatMoney({ amountCents: l.unitPriceCents * l.quantity, currency: l.currency })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Subtotal estimado: {formatMoney({ amountCents: estimate, currency })}. El total final (con envío) lo calcula la farmacia al confirmar.</p>
      {session ? (
        <form className="checkout" onSubmit={submit}>
          <h2>Dirección de entrega</h2>
          {ADDRESS_FIELDS.map(([name, label, required]) => (
            <label key={name}>
              {label}
              <input name={name} required={required} maxLength={name === 'line1' || name === 'line2' ? 200 : 100} value={address[name]}
                onChange={(e) => setAddress({ ...address, [name]: e.target.value })} />
            </label>
          ))}
          <button type="submit" disabled={result.fetching}>Confirmar pedido</button>
          {message && <p className="error" role="alert">{message}</p>}
        </form>
      ) : (
        <p><a href="#/entrar?volver=carrito">Inicia sesión</a> o <a href="#/registro">crea tu cuenta</a> para confirmar tu pedido.</p>
      )}
    </div>
  );
}
