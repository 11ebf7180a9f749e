import { describe, expect, it } from 'vitest';
import { decodeTime, isValid } from 'ulid';
import { isValidEan13, makeEan13 } from './ean13';
import {
  DEFAULT_DEMO_PRODUCT_COUNT,
  demoCatalogCapacity,
  demoCategories,
  generateDemoCatalog,
  type DemoProduct,
} from './generate';
import { createPrng } from './prng';

const catalog = generateDemoCatalog();
const share = (predicate: (product: DemoProduct) => boolean) => catalog.filter(predicate).length / catalog.length;
const named = (prefix: string) => catalog.filter((product) => product.name.startsWith(prefix));

describe('demo catalog generator', () => {
  it('makes 1,200 products by default', () => {
    expect(DEFAULT_DEMO_PRODUCT_COUNT).toBe(1200);
    expect(catalog).toHaveLength(1200);
  });

  it('produces identical data on every run with the same seed', () => {
    expect(generateDemoCatalog()).toEqual(catalog);
  });

  it('produces different data with another seed', () => {
    const other = generateDemoCatalog({ count: 50, seed: 'another-seed' });
    expect(other.map((p) => p.id)).not.toEqual(catalog.slice(0, 50).map((p) => p.id));
  });

  it('makes a smaller catalog the first products of a larger one', () => {
    expect(generateDemoCatalog({ count: 300 })).toEqual(catalog.slice(0, 300));
  });

  it('refuses more products than the reference data can make without repeating one', () => {
    expect(demoCatalogCapacity()).toBeGreaterThanOrEqual(1500);
    expect(() => generateDemoCatalog({ count: demoCatalogCapacity() + 1 })).toThrow(/distinct products/);
    expect(generateDemoCatalog({ count: demoCatalogCapacity() })).toHaveLength(demoCatalogCapacity());
  });

  it('gives every product a unique ULID whose time is its creation time, in creation order', () => {
    const ids = catalog.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const product of catalog) {
      expect(isValid(product.id)).toBe(true);
      expect(decodeTime(product.id)).toBe(Date.parse(product.createdAt));
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats a SKU, a barcode, or a name + presentation + lab', () => {
    const skus = catalog.map((p) => p.sku);
    const barcodes = catalog.flatMap((p) => (p.barcode ? [p.barcode] : []));
    expect(new Set(skus).size).toBe(catalog.length);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(new Set(catalog.map((p) => `${p.name}|${p.presentation}|${p.lab}`)).size).toBe(catalog.length);
  });

  it('prints valid EAN-13 barcodes on almost every box', () => {
    expect(share((p) => p.barcode !== undefined)).toBeGreaterThan(0.95);
    for (const product of catalog) {
      if (product.barcode) expect(isValidEan13(product.barcode), product.barcode).toBe(true);
    }
  });

  it('prices in whole MXN centavos within pharmacy shelf ranges', () => {
    for (const product of catalog) {
      expect(Number.isInteger(product.priceCents)).toBe(true);
      expect(product.priceCents).toBeGreaterThanOrEqual(1000);
      expect(product.priceCents).toBeLessThan(1_000_000);
      expect(product.currency).toBe('MXN');
    }
    const ibuprofeno400 = catalog.find((p) => p.presentation === 'Caja con 20 tabletas de 400 mg' && p.name === 'Ibuprofeno 400 mg');
    expect(ibuprofeno400?.priceCents).toBeGreaterThan(2000);
    expect(ibuprofeno400?.priceCents).toBeLessThan(15000);
  });

  it('sells the everyday medicines of a Mexican pharmacy, with their accents', () => {
    for (const prefix of ['Ibuprofeno', 'Paracetamol', 'Amoxicilina', 'Omeprazol', 'Loratadina', 'Metformina', 'Losartán', 'Ácido acetilsalicílico', 'Clonazepam', 'Salbutamol']) {
      expect(named(prefix).length, prefix).toBeGreaterThan(0);
    }
    expect(share((p) => [...'áéíóúñÁÉÍÓÚÑ'].some((ch) => p.name.includes(ch) || p.categoryName.includes(ch)))).toBeGreaterThan(0.2);
  });

  it('describes each presentation as form, strength and pack size', () => {
    expect(catalog.some((p) => /^Caja con \d+ tabletas de \d+ mg$/.test(p.presentation))).toBe(true);
    expect(catalog.some((p) => /^Frasco con \d+ ml de suspensión \(.+\)$/.test(p.presentation))).toBe(true);
    for (const product of catalog) {
      expect(product.presentation).toMatch(/ con \d/);
      expect(product.description).toContain(product.presentation);
    }
  });

  it('comes from many labs, including brand makers and generics', () => {
    const labs = new Set(catalog.map((p) => p.lab));
    expect(labs.size).toBeGreaterThanOrEqual(15);
    for (const lab of ['Genomma Lab', 'Bayer', 'Pfizer', 'Sanofi', 'Laboratorios Senosiain', 'Liomont', 'Laboratorios Pisa', 'Bioderma', 'Similares']) {
      expect(labs.has(lab), lab).toBe(true);
    }
  });

  it('covers every category, with ids slugged from the accented names', () => {
    expect(new Set(catalog.map((p) => p.categoryId))).toEqual(new Set(demoCategories().map((c) => c.id)));
    expect(demoCategories()).toContainEqual({ id: 'analgesicos', name: 'Analgésicos' });
    expect(demoCategories()).toContainEqual({ id: 'vitaminas-y-suplementos', name: 'Vitaminas y suplementos' });
  });

  it('requires a prescription for antibiotics and controlled medicines, and for about a third of the catalog', () => {
    expect(catalog.filter((p) => p.categoryName === 'Antibióticos').every((p) => p.prescriptionRequired)).toBe(true);
    expect(named('Clonazepam').every((p) => p.prescriptionRequired && p.description.includes('controlado'))).toBe(true);
    expect(named('Rivotril').every((p) => p.prescriptionRequired)).toBe(true);
    expect(named('Paracetamol').every((p) => !p.prescriptionRequired)).toBe(true);
    expect(share((p) => p.prescriptionRequired)).toBeGreaterThan(0.2);
    expect(share((p) => p.prescriptionRequired)).toBeLessThan(0.5);
  });

  it('has some products out of stock and a few inactive', () => {
    expect(share((p) => p.stock === 0)).toBeGreaterThan(0.03);
    expect(share((p) => p.stock === 0)).toBeLessThan(0.1);
    expect(share((p) => !p.active)).toBeGreaterThan(0.005);
    expect(share((p) => !p.active)).toBeLessThan(0.05);
    expect(catalog.every((p) => Number.isInteger(p.stock) && p.stock >= 0)).toBe(true);
  });

  it('stamps times as ISO-8601 UTC, updated no earlier than created', () => {
    for (const product of catalog) {
      expect(new Date(product.createdAt).toISOString()).toBe(product.createdAt);
      expect(Date.parse(product.updatedAt)).toBeGreaterThanOrEqual(Date.parse(product.createdAt));
    }
  });
});

describe('EAN-13', () => {
  it('computes the check digit of a known code', () => {
    // By hand: 1·(4+0+3+1+3+9) + 3·(0+6+8+3+3+3) = 20 + 69 = 89, so the check digit is 1.
    expect(makeEan13('400638133393')).toBe('4006381333931');
    expect(isValidEan13('4006381333931')).toBe(true);
  });

  it('rejects a wrong check digit and non-digits', () => {
    expect(isValidEan13('4006381333932')).toBe(false);
    expect(isValidEan13('40063813339A1')).toBe(false);
    expect(isValidEan13('400638133393')).toBe(false);
  });
});

describe('seeded generator', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createPrng('x');
    const b = createPrng('x');
    const c = createPrng('y');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
