/**
 * The catalog import's problems in Spanish, for the back office (staff never read the import's English, which
 * the CLI and the JSON reports keep). The import phrases each problem in a fixed way (catalog/pos-mapping.ts,
 * catalog/dbf/read.ts, model/input-text.ts, model/product-items.ts); each pattern here turns one of those
 * phrasings into Spanish, keeping the column names of the file (CLAVE, PRECIO…) that staff see in the point of
 * sale. A phrasing without a pattern is shown as "Dato no válido: <text>" rather than dropped.
 */
import type { CodepageSuspicion } from './dbf/codepage-check';
import type { RefusalKind } from './import';
import { fieldLabelEs } from '../model/catalog-field-labels';

type Rule = readonly [RegExp, (...groups: string[]) => string];

/** `<COLUMN> <problem>` phrasings of the shared text rules and the row mapping. */
const ROW_RULES: readonly Rule[] = [
  [/^CLAVE (.+) repeats record (\d+)$/, (sku, record) => `La CLAVE ${sku} está repetida: ya aparece en el registro ${record}`],
  [/^PRECIO is blank$/, () => 'PRECIO está vacío'],
  [/^PRECIO must be more than 0 pesos: (.+)$/, (value) => `PRECIO debe ser mayor que 0 pesos (trae ${value})`],
  [/^PRECIO is too large: (.+)$/, (value) => `PRECIO es demasiado alto (trae ${value})`],
  [/^EXISTENC must be a whole number: (.+)$/, (value) => `EXISTENC debe ser un número entero (trae ${value})`],
  [/^LINEA needs at least one letter or digit$/, () => 'LINEA debe tener al menos una letra o un número'],
  [/^at most (\d+) active ingredients$/, (max) => `SUSTANCIA trae más de ${max} sustancias activas`],
  [/^CODBARRAS must be 8 to 14 digits: (.*)$/, (value) => `CODBARRAS debe tener de 8 a 14 dígitos (trae ${value})`],
  [/^(\w+): binary data, not (\S+) text \(byte (0x[0-9a-fA-F]+) at position (\d+)\)$/, (column, codepage, byte, position) =>
    `${column} trae datos binarios, no texto ${codepage} (byte ${byte} en la posición ${position})`],
  [/^(\w+): not a number: (.*)$/, (column, value) => `${column} no es un número (trae ${value})`],
  [/^(\w+): not a logical value: (.*)$/, (column, value) => `${column} no es un valor lógico S/N (trae ${value})`],
  [/^(\w+): not a date-time.*$/, (column) => `${column} no es una fecha y hora válida`],
  [/^(\w+): not a date: (.*)$/, (column, value) => `${column} no es una fecha válida (trae ${value})`],
  [/^(\w+) is required$/, (column) => `${column} está vacío y es obligatorio`],
  [/^(\w+) is longer than (\d+) characters$/, (column, max) => `${column} tiene más de ${max} caracteres`],
  [/^(\w+) contains bidirectional control characters$/, (column) => `${column} contiene caracteres de control de dirección del texto`],
  [/^(\w+) contains control characters$/, (column) => `${column} contiene caracteres de control`],
  [/^(\w+) contains an invalid character.*$/, (column) => `${column} contiene un carácter no válido`],
  [/^(\w+) has no visible characters$/, (column) => `${column} no tiene caracteres visibles`],
  [/^(\w+) is not in Unicode NFC$/, (column) => `${column} tiene caracteres mal compuestos (no está en Unicode NFC)`],
  [/^(\w+) is invalid$/, (column) => `${column} no es válido`],
];

function applyRules(rules: readonly Rule[], text: string): string | null {
  for (const [pattern, spanish] of rules) {
    const match = pattern.exec(text);
    if (match) return spanish(...match.slice(1).map((group) => group ?? ''));
  }
  return null;
}

/** The field names the shared product rules use, as the file's columns (pos-mapping keeps unknown ones). */
const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  sku: 'CLAVE',
  barcode: 'CODBARRAS',
  name: 'DESCRIP',
  activeIngredient: 'SUSTANCIA',
  lab: 'LABORATOR',
  presentation: 'PRESENTA',
  categoryName: 'LINEA',
};

/** One reason a row was rejected, in Spanish. */
export function rowReasonEs(reason: string): string {
  const [first = '', ...rest] = reason.split(' ');
  const column = FIELD_COLUMNS[first];
  const text = column ? [column, ...rest].join(' ') : reason;
  return applyRules(ROW_RULES, text) ?? `Dato no válido: ${reason}`;
}

const BARCODE_DROPPED = '; imported without the barcode (an existing product keeps the one it has)';

/** A warning about an imported row (a barcode left out), in Spanish. */
export function rowWarningEs(message: string): string {
  if (message.endsWith(BARCODE_DROPPED)) {
    const problem = message.slice(0, -BARCODE_DROPPED.length);
    return `${rowReasonEs(problem)}; se importó sin código de barras (un producto que ya existe conserva el suyo)`;
  }
  return rowReasonEs(message);
}

/** Where a damaged file is damaged (catalog/dbf/read.ts's DbfDamageError messages), in Spanish. */
const DAMAGE_RULES: readonly Rule[] = [
  [/^the file is cut inside record (\d+) of (\d+) \((\d+) of its (\d+) bytes are there\)$/, (record, total, have, length) =>
    `El archivo se corta dentro del registro ${record} de ${total}: de sus ${length} bytes solo están ${have}.`],
  [/^the header counts (\d+) records but the file holds only (\d+).*$/, (count, held) =>
    `El encabezado dice que hay ${count} registros, pero el archivo solo trae ${held}: está cortado.`],
  [/^the end-of-file mark stands where record (\d+) should start: the header counts (\d+) records but the file holds only (\d+)$/, (_record, count, held) =>
    `El encabezado dice que hay ${count} registros, pero el archivo termina después de ${held}: está cortado.`],
  [/^record (\d+) of (\d+) starts with (0x[0-9a-fA-F]+), not a deletion flag.*$/, (record, total) =>
    `El registro ${record} de ${total} trae bytes que no son de un registro: el archivo tiene datos dañados.`],
  [/^the header counts (\d+) records but (\d+) more bytes follow them \((\d+) more records?\).*$/, (count, _bytes, more) =>
    `El encabezado dice que hay ${count} registros, pero después vienen ${more} más: el encabezado está mal.`],
  [/^(\d+) bytes of unexpected data follow the (\d+) records the header counts$/, (bytes, count) =>
    `Después de los ${count} registros vienen ${bytes} bytes que no deberían estar.`],
];

/** The damage a file has, in Spanish; the reader's own words when it is phrased in a way not listed here. */
export function damageEs(message: string): string {
  return applyRules(DAMAGE_RULES, message) ?? `Detalle técnico: ${message}`;
}

/** A layout problem of the file (missing column, wrong type), in Spanish. */
export function layoutProblemEs(problem: string): string {
  const missing = /^column (\w+) is missing$/.exec(problem);
  if (missing) return `Falta la columna ${missing[1]}`;
  const type = /^column (\w+) has type (\w); expected (.+)$/.exec(problem);
  if (type) return `La columna ${type[1]} es de tipo ${type[2]}; se esperaba ${type[3]!.split(' or ').join(' o ')}`;
  return `Estructura no reconocida: ${problem}`;
}

/** Names staff may recognise for the code pages a refusal suggests. */
const CODEPAGE_NAMES: Readonly<Record<string, string>> = {
  cp437: 'MS-DOS (EE. UU.)',
  cp850: 'MS-DOS (Europa occidental / América Latina)',
  cp1252: 'Windows (Europa occidental / América Latina)',
  'iso-8859-1': 'ISO Latin-1',
  cp852: 'MS-DOS (Europa central)',
  cp1250: 'Windows (Europa central)',
};

export function codepageLabelEs(codepage: string): string {
  const name = CODEPAGE_NAMES[codepage.toLowerCase()];
  return name ? `${codepage} — ${name}` : codepage;
}

export interface RefusalEs {
  readonly message: string;
  readonly details: string[];
  readonly suggestedCodepage?: string;
  readonly examples?: { asRead: string; withSuggested: string }[];
}

/** Why a whole file was refused (nothing written), in Spanish, with what staff can do about it. */
export function refusalEs(
  kind: RefusalKind,
  problems: readonly string[],
  found: { readonly recordsBeforeDamage?: number; readonly codepage?: CodepageSuspicion } = {},
): RefusalEs {
  switch (kind) {
    case 'layout':
      return {
        message: 'El archivo no tiene las columnas del catálogo del punto de venta. No se importó nada.',
        details: [...problems.map(layoutProblemEs), 'Exporta el catálogo de artículos (PRODUCTOS.DBF) desde el punto de venta y súbelo de nuevo.'],
      };
    case 'damaged': {
      const details = ['Vuelve a exportar el catálogo desde el punto de venta y súbelo de nuevo.'];
      if (found.recordsBeforeDamage !== undefined) {
        details.unshift(`Solo los primeros ${found.recordsBeforeDamage.toLocaleString('es-MX')} registros se leyeron completos antes del daño.`);
      }
      if (problems[0]) details.unshift(damageEs(problems[0]));
      return { message: 'El archivo .DBF está dañado (cortado o con datos de más). No se importó nada.', details };
    }
    case 'codepage': {
      const suspicion = found.codepage;
      if (!suspicion) {
        return { message: 'El texto del archivo parece estar en otra página de códigos. No se importó nada.', details: [...problems] };
      }
      return {
        message: `Los acentos y las eñes del archivo no se leen bien con la página de códigos ${suspicion.used}: parece ser ${suspicion.likely}. No se importó nada.`,
        details: [`Revisa el archivo de nuevo leyéndolo como ${codepageLabelEs(suspicion.likely)}.`],
        suggestedCodepage: suspicion.likely,
        examples: suspicion.examples.map((example) => ({ asRead: example.asRead, withSuggested: example.withLikely })),
      };
    }
    case 'not-dbf':
    default: {
      const first = problems[0] ?? '';
      const empty = first === 'the file is empty';
      return {
        message: empty ? 'El archivo está vacío. No se importó nada.' : 'El archivo no es una tabla .DBF que podamos leer. No se importó nada.',
        details: [
          'Sube el catálogo de artículos tal como lo exporta el punto de venta (un archivo .DBF de dBase o FoxPro).',
          ...(first && !empty ? [`Detalle técnico: ${first}`] : []),
        ],
      };
    }
  }
}

export { fieldLabelEs };

const pesos = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' });

/** A product fact as staff read it: "$1,234.50", "Sí", "PARACETAMOL + CAFEÍNA", "(vacío)". */
export function fieldValueEs(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(vacío)';
  if (field === 'priceCents' && typeof value === 'number') return pesos.format(value / 100);
  if (typeof value === 'boolean') return value ? 'Sí' : 'No';
  if (typeof value === 'number') return value.toLocaleString('es-MX');
  if (Array.isArray(value)) return value.length === 0 ? '(vacío)' : value.join(' + ');
  return String(value);
}
