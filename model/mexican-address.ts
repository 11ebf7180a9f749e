/**
 * Mexican shipping addresses: the 32 federal entities, 5-digit postal codes (código postal) and 10-digit
 * phone numbers (national numbering since 2019; an optional +52 country code in front).
 *
 * A state is accepted by its name with or without accents and in any case ("michoacan", "Michoacán de
 * Ocampo"), by its ISO 3166-2:MX code ("MIC") or by a common abbreviation ("CDMX", "Edomex", "NL"), and
 * stored under one name. Phones are stored as their 10 digits.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { foldAccents } from './input-text';

/**
 * The 32 federal entities: the name stored on orders, its ISO 3166-2:MX code, then the other ways people
 * write it (folded: lower case, no accents, no dots). One string each keeps resolver bundles small.
 */
export const MEXICAN_STATES: readonly string[] = [
  'Aguascalientes|agu|ags',
  'Baja California|bcn|bc',
  'Baja California Sur|bcs',
  'Campeche|cam|camp',
  'Chiapas|chp|chis',
  'Chihuahua|chh|chih',
  'Ciudad de México|cmx|cdmx|cd de mexico|mexico df|df|distrito federal',
  'Coahuila|coa|coahuila de zaragoza|coah',
  'Colima|col',
  'Durango|dur|dgo',
  'Estado de México|mex|mexico|edomex|edo mex|edo de mex|edo de mexico|estado de mexico',
  'Guanajuato|gua|gto',
  'Guerrero|gro',
  'Hidalgo|hid|hgo',
  'Jalisco|jal',
  'Michoacán|mic|michoacan de ocampo|mich',
  'Morelos|mor',
  'Nayarit|nay',
  'Nuevo León|nle|nl',
  'Oaxaca|oax',
  'Puebla|pue',
  'Querétaro|que|queretaro de arteaga|qro',
  'Quintana Roo|roo|q roo|qroo',
  'San Luis Potosí|slp',
  'Sinaloa|sin',
  'Sonora|son',
  'Tabasco|tab',
  'Tamaulipas|tam|tamps',
  'Tlaxcala|tla|tlax',
  'Veracruz|ver|veracruz de ignacio de la llave',
  'Yucatán|yuc',
  'Zacatecas|zac',
];

const DIGITS = '0123456789';
/** Characters people put between phone digits; dropped before counting digits. */
const PHONE_SEPARATORS = ' -.()/\u00a0';

/** "Edo. de Méx." → "edo de mex": folded, dots dropped, single spaces. */
function stateKey(text: string): string {
  const words = foldAccents(text)
    .split('.')
    .join(' ')
    .split(' ')
    .filter((word) => word.length > 0);
  return words.join(' ');
}

/** The stored name of a federal entity written any accepted way, or null when it is not one of the 32. */
export function mexicanStateName(text: string): string | null {
  const key = stateKey(text);
  if (key.length === 0) return null;
  for (const entry of MEXICAN_STATES) {
    const names = entry.split('|');
    const name = names[0] ?? '';
    if (stateKey(name) === key || names.indexOf(key) > 0) return name;
  }
  return null;
}

function isDigits(text: string): boolean {
  return text.length > 0 && text.split('').every((ch) => DIGITS.indexOf(ch) >= 0);
}

/** A código postal: exactly five digits (they start at 01000). */
export function isMexicanPostalCode(text: string): boolean {
  return text.length === 5 && isDigits(text) && text !== '00000';
}

/**
 * The 10 national digits of a Mexican phone number, or null. Accepts separators ("33 1234-5678",
 * "(33) 1234 5678") and an optional +52 in front ("+52 33 1234 5678", "+5233...").
 */
export function mexicanPhoneDigits(text: string): string | null {
  const compact = text
    .split('')
    .filter((ch) => PHONE_SEPARATORS.indexOf(ch) < 0)
    .join('');
  const national = compact.startsWith('+52') ? compact.slice(3) : compact;
  return national.length === 10 && isDigits(national) ? national : null;
}
