/**
 * Staff: the shop's payment methods (/personal/pagos). Card and bank transfer are always offered; cash on delivery
 * only while it is turned on here (ShopSettings.cashOnDelivery, read by the checkout and by createOrder). The list
 * and its Spanish texts are model/payment-methods.ts, the same the checkout shows.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { errorMessage } from '../errors';
import { formatDateTime } from '../money';
import { usePageTitle } from '../page';
import { describedPaymentMethods } from '../../../model/payment-method-texts';
import { StaffNav } from './StaffNav';

const StaffShopSettingsQuery = graphql(`
  query StaffShopSettings {
    shopSettings { cashOnDelivery updatedAt }
  }
`);

const UpdateShopSettingsMutation = graphql(`
  mutation UpdateShopSettings($input: ShopSettingsInput!) {
    updateShopSettings(input: $input) { cashOnDelivery updatedAt }
  }
`);

export function StaffPaymentSettings() {
  usePageTitle('Formas de pago (personal)');
  const [{ data, error, fetching }, refetch] = useQuery({ query: StaffShopSettingsQuery, requestPolicy: 'network-only' });
  const [update, updateSettings] = useMutation(UpdateShopSettingsMutation);
  const [saved, setSaved] = useState<string | null>(null);
  // What staff just chose, shown at once while it is saved; back to the stored value if saving fails.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const settings = data?.shopSettings;

  async function setCashOnDelivery(on: boolean) {
    setSaved(null);
    setChosen(on);
    const result = await updateSettings({ input: { cashOnDelivery: on } });
    if (result.error) setChosen(null);
    else {
      setSaved(on ? 'Listo: los clientes ya pueden elegir pago en efectivo al recibir.' : 'Listo: el pago en efectivo al recibir ya no se ofrece en pedidos nuevos.');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <div className="staff-settings">
      <StaffNav current="pagos" />
      <h1>Formas de pago</h1>
      <p>Lo que los clientes pueden elegir al confirmar su pedido. Los pedidos ya hechos conservan su forma de pago.</p>
      {error && <p className="error" role="alert">{errorMessage(error, { action: 'No pudimos cargar las formas de pago.' })}</p>}
      {!settings && fetching && <p role="status">Cargando…</p>}
      {settings && (
        <ul className="payment-settings">
          {describedPaymentMethods().map((option) => (
            <li key={option.method} data-testid={`setting-${option.method}`}>
              <h2>{option.label}</h2>
              <p className="muted">{option.description}</p>
              {option.requiresSetting === 'cashOnDelivery' ? (
                <label className="switch">
                  <input
                    type="checkbox"
                    name="cashOnDelivery"
                    checked={chosen ?? settings.cashOnDelivery}
                    disabled={update.fetching}
                    onChange={(e) => void setCashOnDelivery(e.target.checked)}
                  />
                  Ofrecer pago en efectivo al recibir
                </label>
              ) : (
                <p><strong>Siempre disponible.</strong></p>
              )}
            </li>
          ))}
        </ul>
      )}
      {settings?.updatedAt && <p className="muted">Último cambio: {formatDateTime(settings.updatedAt)}</p>}
      {saved && <p className="notice ok" role="status">{saved}</p>}
      {update.error && <p className="error" role="alert">{errorMessage(update.error, { action: 'No pudimos guardar el cambio.' })}</p>}
    </div>
  );
}
