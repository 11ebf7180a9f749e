import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PACKSHOT_WIDTHS, sniffProductImageType } from '../../model/product-image';
import { generateDemoCatalog } from './generate';
import { demoProductInput } from './load';
import { ensureDemoPackshots, fillPackshotCache, packShapeOf, packshotSvg, packshotWebp } from './packshot';

const products = generateDemoCatalog({ count: 6 });
const folders: string[] = [];
function folder(name: string): string {
  const made = mkdtempSync(path.join(tmpdir(), `farmacruz-packshot-${name}-`));
  folders.push(made);
  return made;
}
afterAll(() => {
  for (const made of folders) rmSync(made, { recursive: true, force: true });
});

describe('demo packshots', () => {
  it('draws each product with its own name, lab and an Rx seal only on prescription products', () => {
    const prescription = products.find((product) => product.prescriptionRequired) ?? { ...products[0]!, prescriptionRequired: true };
    const overTheCounter = products.find((product) => !product.prescriptionRequired) ?? { ...products[0]!, prescriptionRequired: false };
    expect(packshotSvg(prescription)).toContain('>Rx</text>');
    expect(packshotSvg(overTheCounter)).not.toContain('>Rx</text>');
    const svg = packshotSvg({ ...overTheCounter, name: 'Crema <A&B>', lab: 'Laboratorios Sophia' });
    expect(svg).toContain('Crema &lt;A&amp;B&gt;');
    expect(svg).toContain('>SOPHIA</text>');
    expect(packShapeOf('Frasco con 120 ml')).toBe('bottle');
    expect(packShapeOf('Caja con 20 tabletas')).toBe('box');
  });

  it('is WebP in every width, 16:10, and the same bytes for the same product', async () => {
    const first = await packshotWebp(products[0]!);
    const again = await packshotWebp(products[0]!);
    const other = await packshotWebp(products[1]!);
    expect([...first.keys()]).toEqual([...DEMO_PACKSHOT_WIDTHS]);
    for (const width of DEMO_PACKSHOT_WIDTHS) {
      const bytes = first.get(width)!;
      expect(sniffProductImageType(bytes)).toBe('image/webp');
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', width, (width * 10) / 16]);
      expect(Buffer.compare(bytes, again.get(width)!)).toBe(0);
      expect(Buffer.compare(bytes, other.get(width)!)).not.toBe(0);
    }
    // Drawn, not blank: the pack and its label give the picture many colours.
    const { channels } = await sharp(first.get(320)!).stats();
    expect(channels[0]!.max - channels[0]!.min).toBeGreaterThan(100);
  });

  it('fills the images folder, drawing only what the shared cache lacks, and skips what is there', async () => {
    const cacheDir = folder('cache');
    const imagesA = folder('a');
    const firstStack = await ensureDemoPackshots(imagesA, products, { cacheDir });
    expect(firstStack).toEqual({ written: products.length * DEMO_PACKSHOT_WIDTHS.length, drawn: products.length });
    const files = readdirSync(path.join(imagesA, 'images', 'demo')).sort();
    expect(files).toEqual(products.flatMap((product) => DEMO_PACKSHOT_WIDTHS.map((width) => `${product.id}-${width}.webp`)).sort());

    const imagesB = folder('b');
    expect(await ensureDemoPackshots(imagesB, products, { cacheDir })).toEqual({ written: products.length * DEMO_PACKSHOT_WIDTHS.length, drawn: 0 });
    const one = `images/demo/${products[2]!.id}-640.webp`;
    expect(Buffer.compare(readFileSync(path.join(imagesA, one)), readFileSync(path.join(imagesB, one)))).toBe(0);

    // A picture deleted from the folder comes back; the others are not touched.
    rmSync(path.join(imagesB, one));
    const untouched = path.join(imagesB, `images/demo/${products[3]!.id}-320.webp`);
    const before = statSync(untouched).mtimeMs;
    expect(await ensureDemoPackshots(imagesB, products, { cacheDir })).toEqual({ written: 1, drawn: 0 });
    expect(statSync(untouched).mtimeMs).toBe(before);
    expect(readdirSync(path.join(imagesB, 'images', 'demo')).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('can be filled ahead, once, so a stack then draws nothing', async () => {
    const cacheDir = folder('cache-ahead');
    expect(await fillPackshotCache(products, { cacheDir })).toBe(products.length);
    expect(await fillPackshotCache(products, { cacheDir })).toBe(0);
    expect(readdirSync(cacheDir)).toHaveLength(products.length * DEMO_PACKSHOT_WIDTHS.length);
    expect(await ensureDemoPackshots(folder('d'), products, { cacheDir })).toEqual({ written: products.length * DEMO_PACKSHOT_WIDTHS.length, drawn: 0 });
  });

  it('draws again what the cache holds for another drawing only', async () => {
    const cacheDir = folder('cache-other');
    const images = folder('c');
    writeFileSync(path.join(cacheDir, 'not-a-drawing-320.webp'), 'x');
    expect(await ensureDemoPackshots(images, products.slice(0, 1), { cacheDir })).toEqual({ written: 2, drawn: 1 });
  });

  it('gives the demo product every width, smallest first, as an uploaded photo has', () => {
    const input = demoProductInput(products[0]!, 'http://127.0.0.1:5173/');
    expect(input.imageSizes).toEqual([
      { url: `http://127.0.0.1:5173/images/demo/${products[0]!.id}-320.webp`, width: 320, height: 200 },
      { url: `http://127.0.0.1:5173/images/demo/${products[0]!.id}-640.webp`, width: 640, height: 400 },
    ]);
    expect(input.imageUrl).toBe(input.imageSizes!.at(-1)!.url);
    expect(demoProductInput(products[0]!).imageUrl).toBeUndefined();
  });
});
