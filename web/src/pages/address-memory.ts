/**
 * The last address a signed-in shopper ordered to, on this device only (per user, so a shared device does not
 * mix them): offered again at checkout, shown and erasable in "Mi cuenta", included in "Descargar mis datos".
 */
import { mexicanStateName } from '../../../model/mexican-address';

export const ADDRESS_FIELD_NAMES = ['recipientName', 'line1', 'line2', 'city', 'state', 'postalCode', 'phone'] as const;
export type AddressField = (typeof ADDRESS_FIELD_NAMES)[number];
export type Address = Record<AddressField, string>;
export const EMPTY_ADDRESS: Address = { recipientName: '', line1: '', line2: '', city: '', state: '', postalCode: '', phone: '' };

const ADDRESS_KEY_PREFIX = 'farmacruz.lastAddress.';

export function rememberedAddress(userSub: string | undefined): Address | null {
  if (!userSub) return null;
  try {
    const stored = JSON.parse(localStorage.getItem(ADDRESS_KEY_PREFIX + userSub) ?? 'null') as Partial<Address> | null;
    // An address kept before the state became a list: its state as the list names it, or chosen again.
    return stored ? { ...EMPTY_ADDRESS, ...stored, state: mexicanStateName(stored.state ?? '') ?? '' } : null;
  } catch {
    return null;
  }
}

export function rememberAddress(userSub: string, address: Address): void {
  localStorage.setItem(ADDRESS_KEY_PREFIX + userSub, JSON.stringify(address));
}

export function forgetAddress(userSub: string | undefined): void {
  if (userSub) localStorage.removeItem(ADDRESS_KEY_PREFIX + userSub);
}
