/**
 * CLABE (Clave Bancaria Estandarizada): the 18-digit account number every SPEI transfer goes to — 3 digits of
 * bank, 3 of plaza, 11 of account and a control digit. The control digit is Banxico's: each of the first 17
 * digits times the weights 3, 7, 1, 3, 7, 1…, each product taken mod 10, summed; the digit is
 * (10 − sum mod 10) mod 10. A CLABE with a wrong control digit is a typo, and money sent to it bounces or
 * lands elsewhere, so the shop refuses to start with one (config/settings.ts loadSpeiAccount).
 *
 * Pure and small; no regular expressions so it may be bundled anywhere.
 */
const CLABE_LENGTH = 18;
const WEIGHTS = [3, 7, 1];
const DIGITS = '0123456789';

function isDigits(text: string): boolean {
  return text.split('').every((ch) => DIGITS.indexOf(ch) >= 0);
}

/** The control digit of the first 17 digits of a CLABE. */
export function clabeControlDigit(first17: string): number {
  const sum = first17
    .split('')
    .map((ch, index) => (Number(ch) * WEIGHTS[index % 3]!) % 10)
    .reduce((total, value) => total + value, 0);
  return (10 - (sum % 10)) % 10;
}

/** Why a text is not a CLABE, in Spanish; null when it is one. */
export function clabeProblem(clabe: string): string | null {
  if (clabe.length !== CLABE_LENGTH || !isDigits(clabe)) return 'La CLABE debe tener exactamente 18 dígitos.';
  if (clabeControlDigit(clabe.slice(0, 17)) !== Number(clabe.slice(17))) {
    return 'El dígito de control de la CLABE no coincide: revisa que esté bien escrita.';
  }
  return null;
}

export function isValidClabe(clabe: string): boolean {
  return clabeProblem(clabe) === null;
}

/** A CLABE as people read it on paper: bank, plaza, account, control digit, e.g. "012 180 00123456789 6". */
export function formatClabe(clabe: string): string {
  return `${clabe.slice(0, 3)} ${clabe.slice(3, 6)} ${clabe.slice(6, 17)} ${clabe.slice(17)}`;
}
