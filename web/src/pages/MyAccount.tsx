/**
 * "Mi cuenta": the shopper's ARCO rights (LFPDPPP) without writing to anyone — access (download every datum we
 * hold about them as JSON), rectification (their name in Cognito; the address and phone this device remembers)
 * and cancellation (delete the account: deleteMyAccount pseudonymises their orders and deletes the user).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { graphql } from '../gql';
import { PRIVACY_CONSENT_ATTRIBUTE, PRIVACY_NOTICE_VERSION, parsePrivacyConsent } from '../../../auth/privacy-notice';
import { errorMessage } from '../errors';
import { formatDateTime } from '../money';
import { usePageTitle } from '../page';
import { href, navigate } from '../router';
import { useSession } from '../session';
import { forgetAddress, rememberedAddress } from './address-memory';

const ExportOrdersQuery = graphql(`
  query ExportMyOrders($nextToken: String) {
    myOrders(limit: 100, nextToken: $nextToken) {
      items {
        id status createdAt updatedAt itemCount
        lines { productId sku name quantity prescriptionRequired unitPrice { amountCents currency } lineTotal { amountCents currency } }
        subtotal { amountCents currency } shipping { amountCents currency } total { amountCents currency }
        shippingAddress { recipientName line1 line2 city state postalCode country phone }
        statusHistory { status at reason }
      }
      nextToken
    }
  }
`);

const DeleteMyAccountMutation = graphql(`
  mutation DeleteMyAccount {
    deleteMyAccount { pseudonym ordersKept }
  }
`);

/** Pages of 100 orders read for the download at most (10,000 orders): bounded like every loop. */
const MAX_EXPORT_PAGES = 100;

function download(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function MyAccount() {
  usePageTitle('Mi cuenta');
  const client = useClient();
  const { auth, session, accessToken, forget } = useSession();
  const [attributes, setAttributes] = useState<Readonly<Record<string, string>> | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<'name' | 'export' | 'delete' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [address, setAddress] = useState(() => rememberedAddress(session?.user.sub));
  const [, deleteAccount] = useMutation(DeleteMyAccountMutation);

  useEffect(() => {
    let live = true;
    void (async () => {
      const token = await accessToken();
      if (!token) return;
      try {
        const read = await auth.getUserAttributes(token);
        if (!live) return;
        setAttributes(read);
        setName(read.name ?? '');
      } catch (error) {
        if (live) setMessage({ kind: 'error', text: errorMessage(error, { action: 'No pudimos leer tu cuenta.' }) });
      }
    })();
    return () => {
      live = false;
    };
  }, [auth, accessToken]);

  async function saveName(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    setBusy('name');
    try {
      const token = await accessToken();
      if (!token) return;
      await auth.updateUserAttributes(token, { name: name.trim() });
      setAttributes({ ...attributes, name: name.trim() });
      setMessage({ kind: 'ok', text: 'Guardamos tu nombre.' });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error, { action: 'No pudimos guardar tu nombre.' }) });
    } finally {
      setBusy(null);
    }
  }

  async function exportData() {
    setMessage(null);
    setBusy('export');
    try {
      const orders: unknown[] = [];
      let nextToken: string | null = null;
      for (let page = 0; page < MAX_EXPORT_PAGES; page++) {
        const result = await client.query(ExportOrdersQuery, { nextToken }, { requestPolicy: 'network-only' }).toPromise();
        if (result.error || !result.data) throw result.error ?? new Error('no data');
        orders.push(...result.data.myOrders.items);
        nextToken = result.data.myOrders.nextToken ?? null;
        if (nextToken === null) break;
      }
      download(`farmacruz-mis-datos-${new Date().toISOString().slice(0, 10)}.json`, {
        exportedAt: new Date().toISOString(),
        privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
        account: { ...attributes, privacyConsent: parsePrivacyConsent(attributes?.[PRIVACY_CONSENT_ATTRIBUTE]) },
        savedOnThisDevice: { lastAddress: address },
        orders,
      });
      setMessage({ kind: 'ok', text: `Descargamos tus datos: tu cuenta y ${orders.length} ${orders.length === 1 ? 'pedido' : 'pedidos'}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error, { action: 'No pudimos preparar tus datos.' }) });
    } finally {
      setBusy(null);
    }
  }

  async function deleteForever() {
    setMessage(null);
    setBusy('delete');
    const outcome = await deleteAccount({});
    if (outcome.data?.deleteMyAccount) {
      forgetAddress(session?.user.sub);
      // To the goodbye page first: signed out on "Mi cuenta", the page would send them to the login.
      navigate('/cuenta-eliminada', { replace: true });
      forget();
      return;
    }
    setBusy(null);
    setMessage({ kind: 'error', text: errorMessage(outcome.error, { action: 'No pudimos eliminar tu cuenta.' }) });
  }

  const consent = parsePrivacyConsent(attributes?.[PRIVACY_CONSENT_ATTRIBUTE]);
  return (
    <div className="my-account" aria-busy={attributes === null && message === null}>
      <h1>Mi cuenta</h1>
      {message && <p className={message.kind === 'ok' ? 'ok' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}

      <section className="panel" aria-labelledby="account-data">
        <h2 id="account-data">Tus datos</h2>
        <dl className="facts">
          <dt>Correo electrónico</dt><dd>{attributes?.email ?? session?.user.email}</dd>
          <dt>Aviso de privacidad</dt>
          <dd data-testid="consent">
            {consent ? `Aceptaste la versión ${consent.version} el ${formatDateTime(consent.at)}` : 'Sin registro de aceptación (cuenta creada antes del aviso).'}{' '}
            <a href={href('/aviso-de-privacidad')}>Leer el aviso</a>
          </dd>
        </dl>
        <form className="inline-form" onSubmit={saveName}>
          <label>Nombre<input name="name" autoComplete="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} /></label>
          <button type="submit" disabled={busy !== null || attributes === null}>Guardar nombre</button>
        </form>
      </section>

      <section className="panel" aria-labelledby="saved-address">
        <h2 id="saved-address">Dirección y teléfono guardados en este dispositivo</h2>
        {address ? (
          <>
            <p data-testid="saved-address">
              {address.recipientName}, {address.line1}{address.line2 ? `, ${address.line2}` : ''}, {address.postalCode} {address.city}, {address.state}
              {address.phone ? ` · Tel. ${address.phone}` : ''}
            </p>
            <p className="muted">Se corrige escribiendo otra en tu próximo pedido, o bórrala aquí. Las direcciones de pedidos ya hechos no cambian.</p>
            <button type="button" className="secondary" onClick={() => { forgetAddress(session?.user.sub); setAddress(null); }}>Borrar la dirección guardada</button>
          </>
        ) : (
          <p>No hay una dirección guardada en este dispositivo.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="download-data">
        <h2 id="download-data">Descargar mis datos</h2>
        <p>Un archivo JSON con tu cuenta y todos tus pedidos (derecho de acceso).</p>
        <button type="button" disabled={busy !== null || attributes === null} onClick={() => void exportData()}>Descargar mis datos</button>
      </section>

      <section className="panel danger-zone" aria-labelledby="delete-account">
        <h2 id="delete-account">Eliminar mi cuenta</h2>
        <p>
          Borramos tu usuario. Tus pedidos se conservan 5 años como registros contables, con tu nombre cambiado por un seudónimo y sin tu
          calle, teléfono ni correo (<a href={href('/aviso-de-privacidad#arco')}>qué conservamos y por qué</a>). No se puede deshacer.
        </p>
        <label className="inline">
          <input type="checkbox" checked={confirmDelete} onChange={(e) => setConfirmDelete(e.target.checked)} />
          Entiendo que mi cuenta se elimina para siempre.
        </label>
        <button type="button" className="danger" disabled={!confirmDelete || busy !== null} onClick={() => void deleteForever()}>Eliminar mi cuenta</button>
      </section>
    </div>
  );
}

export function AccountDeleted() {
  usePageTitle('Cuenta eliminada');
  return (
    <div>
      <h1>Tu cuenta fue eliminada</h1>
      <p>Borramos tu usuario y quitamos tus datos personales de tus pedidos. Gracias por haber comprado con nosotros.</p>
      <p><a href={href('/')}>Ir a la tienda</a></p>
    </div>
  );
}
