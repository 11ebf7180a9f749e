/**
 * What a pharmacist reads off a product before calling two of them equivalent: its strength, its
 * pharmaceutical form, who it is for (infant, child, adult), its stage or size variant (diaper "Etapa 1",
 * "Venda 5 cm"), its pack size, and — for consumables that only fit one meter — its product line.
 *
 * Parsed from the product's name and presentation ("Ibuprofeno 400 mg" / "Caja con 20 tabletas de 400 mg",
 * or the point of sale's "IBUPROFENO 400MG TAB C/20"), not stored as new product fields: every catalog
 * writer (import, upsertProduct, demo loader) already fills those two texts, the nightly job re-derives the
 * facts on each run, and no schema or item change collides with the import or search work. The price is
 * that a badly written name parses to "unknown", which scores as neutral, never as a match.
 *
 * Pure and Node-only (regular expressions are fine here: this is not bundled into APPSYNC_JS).
 */

export type Population = 'infant' | 'child' | 'adult';

export type FormGroup =
  | 'oral-solid'
  | 'oral-liquid'
  | 'topical'
  | 'ophthalmic'
  | 'otic'
  | 'nasal'
  | 'inhaled'
  | 'injectable'
  | 'rectal'
  | 'vaginal'
  | 'transdermal';

export interface PackSize {
  readonly amount: number;
  /** `u` = pieces (tablets, diapers, strips), `ml`, `g`. */
  readonly unit: 'u' | 'ml' | 'g';
}

export interface ProductFacts {
  /** Canonical strength: "400mg", "20mg/ml" (100 mg/5 ml), "37.5mg+325mg", "1%"; null when none is written. */
  readonly strength: string | null;
  /** Canonical form ("tableta", "suspension", "crema"...); null when none is recognised. */
  readonly form: string | null;
  readonly formGroup: FormGroup | null;
  /** Explicit ("infantil", "adultos", "lactantes") or inferred (an oral solid with no child word: adult). */
  readonly population: Population | null;
  /** Size variant that must match: "etapa 1", "talla g", "10cm"; null when none. */
  readonly stage: string | null;
  /** The number of a numeric stage ("etapa 3" → 3), to tell near stages from far ones. */
  readonly stageNumber: number | null;
  readonly packSize: PackSize | null;
  /**
   * For meters and the consumables that only work with one meter (glucose test strips, lancets, sensors):
   * the line they belong to. Two products of different lines are never similar (`sameDeviceLine`).
   */
  readonly deviceLine: DeviceLine | null;
  /**
   * Words that say what the product is (brand, line, kind, flavour), for the name's TF-IDF vector: folded,
   * one-letter words kept ("Vitamina C", "Omega 3"), strengths, units, counts, form and population words
   * and the stage left out (they are compared as facts, not as words).
   */
  readonly words: readonly string[];
}

export interface DeviceLine {
  /** Folded lab. */
  readonly lab: string;
  /** The brand and model words ("accu chek active"), sorted. */
  readonly words: readonly string[];
}

/**
 * Whether two meter-system products fit together: same lab, and one's brand/model words contain the
 * other's ("Accu-Chek tiras" fits "Accu-Chek Active"; "Accu-Chek Active" does not fit "Accu-Chek Performa").
 */
export function sameDeviceLine(a: DeviceLine, b: DeviceLine): boolean {
  if (a.lab !== b.lab) return false;
  const [small, large] = a.words.length <= b.words.length ? [a, b] : [b, a];
  return small.words.every((word) => large.words.includes(word));
}

export interface FactsInput {
  readonly name: string;
  readonly presentation?: string | null;
  readonly lab?: string | null;
  readonly categoryId?: string | null;
}

// ── Forms ─────────────────────────────────────────────────────────────────────

interface FormRule {
  readonly pattern: RegExp;
  readonly form: string;
  readonly group: FormGroup;
}

/** Most specific first: "solución oftálmica" before "solución", "tabletas masticables" before "tabletas". */
const FORM_RULES: readonly FormRule[] = [
  { pattern: /\b(oftalmic[oa]s?|colirio|gotas para (los )?ojos)\b/, form: 'solucion-oftalmica', group: 'ophthalmic' },
  { pattern: /\b(otic[oa]s?|gotas (para el )?oido)\b/, form: 'gotas-oticas', group: 'otic' },
  { pattern: /\b(nebulizar|nebulizacion|nebulizador)\b/, form: 'nebulizacion', group: 'inhaled' },
  { pattern: /\b(inhalador|inhalacion|aerosol para inhalar|polvo para inhalar)\b/, form: 'inhalador', group: 'inhaled' },
  { pattern: /\b(spray nasal|nasal|aerosol nasal)\b/, form: 'spray-nasal', group: 'nasal' },
  { pattern: /\b(inyectables?|ampolletas?|ampulas?|amp|jeringas? prellenadas?|iny|solucion inyectable)\b/, form: 'inyectable', group: 'injectable' },
  { pattern: /\b(supositorios?|sup)\b/, form: 'supositorio', group: 'rectal' },
  { pattern: /\b(ovulos?|crema vaginal|gel vaginal|tabletas? vaginal(es)?)\b/, form: 'vaginal', group: 'vaginal' },
  { pattern: /\b(parches?)\b/, form: 'parche', group: 'transdermal' },
  { pattern: /\b(masticables?|mast)\b/, form: 'tableta-masticable', group: 'oral-solid' },
  { pattern: /\b(efervescentes?|eferv)\b/, form: 'tableta-efervescente', group: 'oral-solid' },
  { pattern: /\b(liberacion (prolongada|retardada|extendida|controlada|modificada)|retard|lp|xr|xl|sr)\b/, form: 'liberacion-prolongada', group: 'oral-solid' },
  { pattern: /\b(capa enterica|grageas? entericas?|tabletas? entericas?)\b/, form: 'tableta-enterica', group: 'oral-solid' },
  { pattern: /\b(capsulas?|caps?|cps)\b/, form: 'capsula', group: 'oral-solid' },
  { pattern: /\b(grageas?|grag)\b/, form: 'gragea', group: 'oral-solid' },
  { pattern: /\b(tabletas?|tabs?|comprimidos?|comp)\b/, form: 'tableta', group: 'oral-solid' },
  { pattern: /\b(pastillas?|trociscos?)\b/, form: 'pastilla', group: 'oral-solid' },
  { pattern: /\b(granulado|sobres? (con|de) polvo|polvo para (solucion|suspension))\b/, form: 'granulado', group: 'oral-liquid' },
  { pattern: /\b(suspension|susp)\b/, form: 'suspension', group: 'oral-liquid' },
  { pattern: /\b(jarabe|jbe)\b/, form: 'jarabe', group: 'oral-liquid' },
  { pattern: /\b(gotas|gts)\b/, form: 'gotas', group: 'oral-liquid' },
  { pattern: /\b(elixir)\b/, form: 'jarabe', group: 'oral-liquid' },
  { pattern: /\b(crema|cr)\b/, form: 'crema', group: 'topical' },
  { pattern: /\b(unguento|pomada|pasta)\b/, form: 'pomada', group: 'topical' },
  { pattern: /\b(gel)\b/, form: 'gel', group: 'topical' },
  { pattern: /\b(locion|emulsion)\b/, form: 'locion', group: 'topical' },
  { pattern: /\b(shampoo|champu)\b/, form: 'shampoo', group: 'topical' },
  { pattern: /\b(talco)\b/, form: 'talco', group: 'topical' },
  { pattern: /\b(spray|aerosol)\b/, form: 'spray', group: 'topical' },
  { pattern: /\b(solucion|sol)\b/, form: 'solucion', group: 'oral-liquid' },
];

/** Words of the forms above, left out of the name vector (form is compared as a fact). */
const FORM_WORDS = new Set(
  (
    'oftalmico oftalmica oftalmicos oftalmicas colirio otico otica nebulizar nebulizacion inhalador inhalacion ' +
    'nasal inyectable inyectables ampolleta ampolletas ampula ampulas supositorio supositorios ovulo ovulos ' +
    'parche parches masticable masticables efervescente efervescentes liberacion prolongada retardada extendida ' +
    'enterica capsula capsulas caps grageas gragea tableta tabletas tab tabs comprimido comprimidos suspension ' +
    'susp jarabe gotas crema unguento pomada gel locion solucion granulado pastilla pastillas blanda blandas'
  ).split(' '),
);

// ── Populations ───────────────────────────────────────────────────────────────

const INFANT = /\b(lactantes?|bebes?|recien nacidos?|neonatal|neonatos?|infant|baby)\b/;
const CHILD = /\b(infantil|infantiles|ninos?|ninas?|pediatric[oa]s?|junior|kids|nino)\b/;
const ADULT = /\b(adultos?|adulto mayor|adult)\b/;
const POPULATION_WORDS = new Set(
  'lactante lactantes bebe bebes recien nacido nacidos neonatal infant baby infantil infantiles nino ninos nina ninas pediatrico pediatrica pediatricos pediatricas junior kids adulto adultos adult'.split(
    ' ',
  ),
);

// ── Numbers and units ─────────────────────────────────────────────────────────

/** Mass and dose units to milligrams (UI and mEq are kept as their own unit). */
const MASS_TO_MG: Record<string, number> = { mg: 1, g: 1000, gr: 1000, mcg: 0.001, µg: 0.001, ug: 0.001 };
const UNIT_WORDS = new Set(['mg', 'g', 'gr', 'mcg', 'ug', 'µg', 'ml', 'ui', 'meq', 'kg', 'l', 'lt', 'cm', 'mm', 'dosis']);
/** Containers and filler words of presentations ("Caja con 20 ...", "Frasco gotero"). */
const PACK_WORDS = new Set(
  'caja cajas frasco frascos gotero tubo tubos sobre sobres paquete paquetes lata latas bolsa bolsas envase blister pieza piezas pza pzas pz c con de del al la las el los y o x en para por un una tarro botella dosis unidades'.split(
    ' ',
  ),
);

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const AMOUNT = new RegExp(String.raw`${NUMBER}\s*(mg|mcg|µg|ug|gr|g|ui|meq|%)(?![a-z])`, 'g');
const CONCENTRATION = new RegExp(
  String.raw`${NUMBER}\s*(mg|mcg|µg|ug|g|ui|meq)\s*/\s*(\d+(?:[.,]\d+)?)?\s*(ml|g|dosis|gotas?)(?![a-z])`,
  'g',
);
const PACK = new RegExp(String.raw`\b(?:con|c\s*/)\s*${NUMBER}\s*(kg|g|gr|ml|l|lt|litros?)?(?![a-z0-9])`);
const STAGE = /\b(etapa|etp|talla|tamano|size|paso)\s*([0-9]+|[a-z]{1,3})\b/;
const DIMENSION = new RegExp(String.raw`${NUMBER}\s*(?:x\s*${NUMBER}\s*)?(cm|mm)\b`);

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/** A short canonical number: 37.5 → "37.5", 0.1 → "0.1", 20 → "20". */
function canonicalNumber(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

function massInMg(value: number, unit: string): string | null {
  const factor = MASS_TO_MG[unit];
  if (factor !== undefined) return `${canonicalNumber(value * factor)}mg`;
  if (unit === 'ui' || unit === 'meq') return `${canonicalNumber(value)}${unit}`;
  if (unit === '%') return `${canonicalNumber(value)}%`;
  return null;
}

/**
 * The strengths written in a text, in canonical units, with the spans they took (so the same numbers are
 * not read again as a pack size). "100 mg/5 ml" → "20mg/ml"; "37.5 mg/325 mg" → "37.5mg", "325mg".
 */
function strengthsIn(text: string): { values: string[]; spans: [number, number][] } {
  const values: string[] = [];
  const spans: [number, number][] = [];
  const taken = (at: number) => spans.some(([from, to]) => at >= from && at < to);
  for (const match of text.matchAll(CONCENTRATION)) {
    const [whole, amount, unit, perText, perUnit] = match as unknown as [string, string, string, string | undefined, string];
    const index = match.index ?? 0;
    const mass = massInMg(toNumber(amount), unit);
    if (!mass) continue;
    const perAmount = perText ? toNumber(perText) : 1;
    if (!(perAmount > 0)) continue;
    const numeric = Number.parseFloat(mass);
    const unitSuffix = mass.replace(/^[0-9.]+/, '');
    // "100 mcg/dosis" is the dose itself: the same strength as an inhaler labelled "100 µg".
    const per = perUnit === 'dosis' ? '' : `/${perUnit.startsWith('gota') ? 'gota' : perUnit}`;
    values.push(`${canonicalNumber(numeric / perAmount)}${unitSuffix}${per}`);
    spans.push([index, index + whole.length]);
  }
  for (const match of text.matchAll(AMOUNT)) {
    const index = match.index ?? 0;
    if (taken(index)) continue;
    const [whole, amount, unit] = match as unknown as [string, string, string];
    // "Tubo con 30 g", "Lata con 400 g de polvo": a mass after "con" is the pack, not the strength.
    if ((unit === 'g' || unit === 'gr') && /\b(con|c\s*\/)\s*$/.test(text.slice(Math.max(0, index - 6), index))) continue;
    const mass = massInMg(toNumber(amount), unit);
    if (!mass) continue;
    values.push(mass);
    spans.push([index, index + whole.length]);
  }
  return { values, spans };
}

function canonicalStrength(values: readonly string[]): string | null {
  const unique = [...new Set(values)];
  return unique.length === 0 ? null : unique.join('+');
}

function packSizeIn(text: string): PackSize | null {
  const match = PACK.exec(text);
  if (!match) return null;
  const amount = toNumber(match[1] as string);
  if (!(amount > 0)) return null;
  const unit = match[2];
  if (!unit) return { amount, unit: 'u' };
  if (unit === 'kg') return { amount: amount * 1000, unit: 'g' };
  if (unit === 'g' || unit === 'gr') return { amount, unit: 'g' };
  if (unit === 'ml') return { amount, unit: 'ml' };
  return { amount: amount * 1000, unit: 'ml' };
}

function stageIn(text: string): { stage: string; number: number | null } | null {
  const match = STAGE.exec(text);
  if (match) {
    const kind = match[1] === 'etp' || match[1] === 'paso' ? 'etapa' : match[1] === 'tamano' || match[1] === 'size' ? 'talla' : (match[1] as string);
    const value = match[2] as string;
    const number = /^\d+$/.test(value) ? Number(value) : null;
    return { stage: `${kind} ${value}`, number };
  }
  const dimension = DIMENSION.exec(text);
  if (dimension) {
    const first = canonicalNumber(toNumber(dimension[1] as string));
    const second = dimension[2] ? `x${canonicalNumber(toNumber(dimension[2]))}` : '';
    return { stage: `${first}${second}${dimension[3]}`, number: null };
  }
  return null;
}

function detectForm(text: string): FormRule | null {
  for (const rule of FORM_RULES) if (rule.pattern.test(text)) return rule;
  return null;
}

function detectPopulation(text: string): Population | null {
  if (INFANT.test(text)) return 'infant';
  if (CHILD.test(text)) return 'child';
  if (ADULT.test(text)) return 'adult';
  return null;
}

// ── Device consumables ────────────────────────────────────────────────────────

/** Meters and what only fits them: strips, lancets, sensors. */
const DEVICE_SYSTEM = /\b(tiras? reactivas?|tiras? (para|de) (glucosa|prueba|medicion)|lancetas?|sensor(es)?|electrodos?|glucometros?|medidor(es)? de glucosa)\b/;
/** What such products are, not whose: left out when naming their line. */
const DEVICE_WORDS = new Set(
  'tira tiras reactiva reactivas lanceta lancetas sensor sensores electrodo electrodos glucosa glucometro glucometros medidor medidores kit monitor prueba pruebas medicion sangre'.split(
    ' ',
  ),
);

// ── Words ─────────────────────────────────────────────────────────────────────

/**
 * Spanish function words: no meaning for similarity. "y"/"o" join, "x" multiplies ("10 x 10 cm"). Other
 * one-letter words stay: "Vitamina C" is not "Vitamina E".
 */
const STOP_WORDS = new Set('de del la las el los con en para por sin un una al y o u x'.split(' '));

/** Letters and digits runs of a folded text (µ kept: "100 µg"). */
function tokens(folded: string): string[] {
  return folded.match(/[a-z0-9µ]+/g) ?? [];
}

function nameWords(folded: string, strengthSpans: readonly [number, number][]): string[] {
  // Blank out strengths, stage and dimensions so their numbers and units do not become words.
  let text = folded;
  for (const [from, to] of strengthSpans) text = text.slice(0, from) + ' '.repeat(to - from) + text.slice(to);
  text = text.replace(STAGE, ' ').replace(DIMENSION, ' ').replace(PACK, ' ');
  const words: string[] = [];
  for (const word of tokens(text)) {
    if (STOP_WORDS.has(word) || UNIT_WORDS.has(word) || FORM_WORDS.has(word) || POPULATION_WORDS.has(word)) continue;
    if (!words.includes(word)) words.push(word);
  }
  return words;
}

/** Kind words of the presentation ("pañales", "toallitas", "piezas" left out), prefixed to keep them apart. */
function presentationWords(folded: string): string[] {
  const words: string[] = [];
  for (const word of tokens(folded)) {
    if (/^\d/.test(word) || word.length < 3) continue;
    if (PACK_WORDS.has(word) || UNIT_WORDS.has(word) || FORM_WORDS.has(word) || POPULATION_WORDS.has(word)) continue;
    if (!words.includes(word)) words.push(word);
  }
  return words;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Lower case without accents ("Niño" → "nino"), like model/search-text.ts's foldText but through the
 * engine's Unicode decomposition: the nightly job folds every name of a 100,000-product catalog.
 */
export function foldFast(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
}

/** Salt and ester words: "Losartán potásico" is losartán, "Clorhidrato de metformina" is metformina. */
const SALT_WORDS = new Set(
  (
    'sodico sodica potasico potasica calcico calcica magnesico clorhidrato hidrocloruro diclorhidrato ' +
    'hiclato maleato besilato succinato tartrato fumarato mesilato citrato dihidratado monohidratado trihidratado anhidro'
  ).split(' '),
);

/**
 * An active ingredient as compared between products: folded, salt words and "de" dropped, so the same
 * molecule written with or without its salt ("Naproxeno" / "Naproxeno sódico") is one ingredient.
 */
export function ingredientKey(ingredient: string): string {
  const words = (foldFast(ingredient).match(/[a-z0-9]+/g) ?? []).filter((word) => !SALT_WORDS.has(word));
  const kept = words.filter((word, index) => !(word === 'de' && (index === 0 || index === words.length - 1)));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** Folded, "c/20" (the point of sale's "con 20") spelled out, micro signs as "mcg", spaces collapsed. */
function normalized(text: string): string {
  return foldFast(text)
    .replace(/\bc\s*\/\s*/g, 'con ')
    .replace(/[\u00b5\u03bc]g\b/g, 'mcg')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every fact `similarity.ts` compares, read from one product's name and presentation. */
export function productFacts(input: FactsInput): ProductFacts {
  const name = normalized(input.name);
  const presentation = normalized(input.presentation ?? '');
  const both = `${name} | ${presentation}`;

  const inName = strengthsIn(name);
  // The name says what the product is; the presentation's strengths count only when the name has none.
  const strength = canonicalStrength(inName.values.length > 0 ? inName.values : strengthsIn(presentation).values);

  const formRule = detectForm(name) ?? detectForm(presentation);
  let population = detectPopulation(name) ?? detectPopulation(presentation);
  if (!population && input.categoryId && /(^|-)bebes?($|-)/.test(input.categoryId)) population = 'infant';
  // Tablets and capsules without a child's word are an adult's; chewables and liquids may be either.
  if (!population && formRule?.group === 'oral-solid' && formRule.form !== 'tableta-masticable' && formRule.form !== 'pastilla') {
    population = 'adult';
  }

  const stage = stageIn(name) ?? stageIn(presentation);
  const packSize = packSizeIn(presentation) ?? packSizeIn(name);

  const words = [...nameWords(name, inName.spans)];
  for (const word of presentationWords(presentation)) if (!words.includes(word)) words.push(word);

  let deviceLine: DeviceLine | null = null;
  if (DEVICE_SYSTEM.test(both)) {
    deviceLine = {
      lab: foldFast(input.lab ?? '').trim(),
      words: words.filter((word) => !DEVICE_WORDS.has(word) && !/^\d+$/.test(word)).sort(),
    };
  }

  return {
    strength,
    form: formRule?.form ?? null,
    formGroup: formRule?.group ?? null,
    population,
    stage: stage?.stage ?? null,
    stageNumber: stage?.number ?? null,
    packSize,
    deviceLine,
    words,
  };
}
