/**
 * Generates the demo catalog: realistic Spanish pharmacy products built from the reference families, the
 * same every time for the same seed and count (seeded PRNG, fixed clock, ULIDs from seeded randomness).
 *
 * A larger count extends a smaller one: the first N products of a 1,200-product catalog are exactly the
 * products of an N-product catalog, because each product's attributes come from its own seed.
 */
import { ulid } from 'ulid';
import { slugify } from '../../model/search-text';
import { makeEan13 } from './ean13';
import { createPrng, shuffled, type Prng } from './prng';
import { CATEGORY_NAMES, PRODUCT_FAMILIES, type Maker, type PresentationOption, type ProductFamily } from './reference';

export const DEFAULT_DEMO_PRODUCT_COUNT = 1200;
export const DEFAULT_DEMO_SEED = 'farmacruz-demo-v1';
export const DEMO_CURRENCY = 'MXN';

/** First product's creation time; later products follow, so ids (ULIDs) sort in creation order. */
const DEMO_EPOCH_MS = Date.UTC(2025, 0, 6, 15, 0, 0);
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A product as the data model stores it (docs/data-model.md), without the table keys. */
export interface DemoProduct {
  readonly id: string;
  readonly sku: string;
  readonly barcode?: string;
  readonly name: string;
  readonly description: string;
  readonly activeIngredients: readonly string[];
  readonly lab: string;
  readonly presentation: string;
  readonly categoryId: string;
  readonly categoryName: string;
  readonly priceCents: number;
  readonly currency: string;
  readonly stock: number;
  readonly prescriptionRequired: boolean;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DemoCategory {
  readonly id: string;
  readonly name: string;
}

export interface DemoCatalogOptions {
  /** How many products; default 1,200. At most `demoCatalogCapacity()`. */
  readonly count?: number;
  /** Changes every random choice; default `DEFAULT_DEMO_SEED`. */
  readonly seed?: string;
}

/** SKU prefix per category, as the point of sale would label shelves. */
const SKU_PREFIX: Record<(typeof CATEGORY_NAMES)[number], string> = {
  Analgésicos: 'ANA',
  Antibióticos: 'ATB',
  Gastrointestinal: 'GAS',
  Antialérgicos: 'ALE',
  Cardiovascular: 'CAR',
  Diabetes: 'DIA',
  Respiratorio: 'RES',
  'Tos y resfriado': 'TOS',
  'Sistema nervioso': 'SNC',
  Dermatología: 'DER',
  Dermocosmética: 'DMC',
  'Vitaminas y suplementos': 'VIT',
  Bebés: 'BEB',
  'Higiene personal': 'HIG',
  'Primeros auxilios': 'PAX',
  Oftálmicos: 'OFT',
};

interface CatalogEntry {
  readonly key: string;
  readonly family: ProductFamily;
  readonly maker: Maker;
  readonly option: PresentationOption;
}

/** Every distinct product the reference data can describe, in a fixed order. */
function catalogUniverse(): CatalogEntry[] {
  return PRODUCT_FAMILIES.flatMap((family) =>
    family.makers.flatMap((maker) =>
      family.options.map((option) => ({
        key: `${family.key}|${maker.lab}|${maker.brand ?? ''}|${option.nameSuffix}|${option.presentation}`,
        family,
        maker,
        option,
      })),
    ),
  );
}

/** The largest catalog the reference data can produce without repeating a product. */
export function demoCatalogCapacity(): number {
  return catalogUniverse().length;
}

export function demoCategories(): DemoCategory[] {
  return CATEGORY_NAMES.map((name) => ({ id: slugify(name), name }));
}

function productName(family: ProductFamily, maker: Maker, option: PresentationOption): string {
  const genericName = family.genericName ?? family.activeIngredients.join(' / ');
  const base = maker.brand ?? genericName;
  const suffix = option.nameSuffix || (maker.brand && family.genericName ? family.genericName : '');
  return [base, suffix].filter((part) => part.length > 0).join(' ');
}

function describe(family: ProductFamily, maker: Maker, name: string, presentation: string): string {
  const sentences = [`${name} de ${maker.lab}.`, family.use, `Presentación: ${presentation}.`];
  if (family.activeIngredients.length > 0 && maker.brand) {
    sentences.push(`Contiene ${family.activeIngredients.join(', ').toLowerCase()}.`);
  }
  if (!maker.brand && isMedicine(family)) {
    sentences.push('Medicamento genérico intercambiable.');
  }
  if (family.controlled) {
    sentences.push('Medicamento controlado: se surte solo con receta médica original, que la farmacia retiene.');
  } else if (family.prescriptionRequired) {
    sentences.push('Su venta requiere receta médica.');
  }
  return sentences.join(' ');
}

/** Categories of goods, not medicines: no "genérico intercambiable" label there. */
const NON_MEDICINE_CATEGORIES: ReadonlySet<string> = new Set([
  'Dermocosmética',
  'Vitaminas y suplementos',
  'Bebés',
  'Higiene personal',
  'Primeros auxilios',
]);

function isMedicine(family: ProductFamily): boolean {
  return family.activeIngredients.length > 0 && !NON_MEDICINE_CATEGORIES.has(family.category);
}

/** Mexican shelf prices: whole pesos, often ending in .90 or .50. */
function shelfPrice(family: ProductFamily, maker: Maker, option: PresentationOption, prng: Prng): number {
  // A brand costs about twice the generic, unless the family has no generics (its base is a brand price).
  const hasGenerics = family.makers.some((other) => other.tier !== 'brand');
  const brandFactor = hasGenerics ? prng.between(1.8, 2.6) : prng.between(0.9, 1.15);
  const tierFactor =
    maker.tier === 'brand' ? brandFactor : maker.tier === 'value' ? prng.between(0.5, 0.68) : prng.between(0.85, 1.15);
  const raw = family.baseCents * option.priceFactor * tierFactor * prng.between(0.95, 1.05);
  const pesos = Math.max(12, Math.round(raw / 100));
  const ending = prng.next();
  if (ending < 0.5) return pesos * 100 - 10;
  if (ending < 0.7) return pesos * 100 - 50;
  return pesos * 100;
}

function stockLevel(prng: Prng): number {
  if (prng.chance(0.06)) return 0;
  if (prng.chance(0.1)) return prng.int(1, 5);
  return prng.int(6, 250);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function generateDemoCatalog(options: DemoCatalogOptions = {}): DemoProduct[] {
  const count = options.count ?? DEFAULT_DEMO_PRODUCT_COUNT;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const universe = catalogUniverse();
  if (!Number.isInteger(count) || count < 0 || count > universe.length) {
    throw new Error(`The demo catalog can hold 0 to ${universe.length} distinct products; ${count} were asked for`);
  }
  const labs = [...new Set(universe.map((entry) => entry.maker.lab))].sort();
  const chosen = shuffled(universe, createPrng(`${seed}:order`)).slice(0, count);

  return chosen.map((entry, index) => {
    const { family, maker, option } = entry;
    const prng = createPrng(`${seed}:${entry.key}`);
    const name = productName(family, maker, option);
    const createdMs = DEMO_EPOCH_MS + index * 53 * MINUTE_MS + prng.int(0, 3000) * 1000;
    const updatedMs = createdMs + prng.int(0, 120) * DAY_MS + prng.int(0, 86_399) * 1000;
    const category = family.category as (typeof CATEGORY_NAMES)[number];
    const labCode = pad(labs.indexOf(maker.lab) + 1, 4);
    const priceCents = shelfPrice(family, maker, option, prng);
    const stock = stockLevel(prng);
    const active = !prng.chance(0.02);
    const hasBarcode = !prng.chance(0.02);
    const id = ulid(createdMs, () => prng.next());
    return {
      id,
      sku: `${SKU_PREFIX[category]}-${pad(index + 1, 5)}`,
      ...(hasBarcode ? { barcode: makeEan13(`750${labCode}${pad(index + 1, 5)}`) } : {}),
      name,
      description: describe(family, maker, name, option.presentation),
      activeIngredients: [...family.activeIngredients],
      lab: maker.lab,
      presentation: option.presentation,
      categoryId: slugify(category),
      categoryName: category,
      priceCents,
      currency: DEMO_CURRENCY,
      stock,
      prescriptionRequired: family.prescriptionRequired,
      active,
      createdAt: new Date(createdMs).toISOString(),
      updatedAt: new Date(updatedMs).toISOString(),
    };
  });
}
