/**
 * CSV export for staff (opens in Excel as set up in Mexico): UTF-8 with a byte-order mark so accents survive,
 * comma-separated, every field quoted when needed (RFC 4180), CRLF line ends.
 */
export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => string | number;
}

function field(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ would make a spreadsheet run it as a formula.
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => field(c.header)).join(','), ...rows.map((row) => columns.map((c) => field(c.value(row))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadCsv<T>(fileName: string, rows: readonly T[], columns: readonly CsvColumn<T>[]): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
