/** EAN-13 barcodes: the check digit weighs the first 12 digits 1, 3, 1, 3, … from the left. */

export function ean13CheckDigit(first12: string): number {
  if (first12.length !== 12 || [...first12].some((ch) => ch < '0' || ch > '9')) {
    throw new Error(`EAN-13 needs 12 digits before the check digit, got "${first12}"`);
  }
  const sum = [...first12].reduce((total, ch, index) => total + Number(ch) * (index % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

/** Appends the check digit to 12 digits. */
export function makeEan13(first12: string): string {
  return `${first12}${ean13CheckDigit(first12)}`;
}

export function isValidEan13(code: string): boolean {
  if (code.length !== 13 || [...code].some((ch) => ch < '0' || ch > '9')) return false;
  return ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}
