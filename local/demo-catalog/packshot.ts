/**
 * Deterministic packshots for the demo catalog: a drawn pack (box, bottle, tube, jar, sachet, spray) chosen by
 * the presentation's first word, in the category's colour with a tint from the lab, the product name, lab and
 * presentation printed on it, and an "Rx" seal on prescription products. The same product always gives the
 * same picture. Drawn as SVG, 640×400 (the 16:10 box the shop's cards and product page show pictures in), and
 * served as WebP in DEMO_PACKSHOT_WIDTHS, the way uploaded photos are (functions/product-image): a browser
 * decodes a WebP off the main thread, while an SVG with text is laid out and drawn on it, which held the home
 * page's largest paint back by about 100 ms at 4× CPU throttle (issue 11's benchmark).
 *
 * Rasterising the 1,200 products takes about 20 s on two cores, so the pictures are kept in a cache shared by every
 * local stack on the machine (the temp directory, keyed by drawing, widths and encoder version): the test run
 * starts many stacks, and each copies what an earlier one drew.
 */
import { createHash } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { DEMO_PACKSHOT_WIDTHS, demoPackshotKey } from '../../model/product-image';
import type { DemoProduct } from './generate';

export const PACKSHOT_WIDTH = 640;
export const PACKSHOT_HEIGHT = 400;

type PackShape = 'box' | 'bottle' | 'tube' | 'jar' | 'sachet' | 'spray';

/** Hue per category id (the shop's palette is teal; categories get their own hue, kept soft). */
const CATEGORY_HUES: Record<string, number> = {};

function hashOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

function hueOf(categoryId: string): number {
  CATEGORY_HUES[categoryId] ??= hashOf(`category:${categoryId}`) % 360;
  return CATEGORY_HUES[categoryId]!;
}

export function packShapeOf(presentation: string): PackShape {
  const first = presentation.toLowerCase().split(/\s+/)[0] ?? '';
  if (['frasco', 'botella'].includes(first)) return 'bottle';
  if (['tubo', 'barra', 'roll-on'].includes(first)) return 'tube';
  if (['bote', 'tarro', 'lata'].includes(first)) return 'jar';
  if (['sobre', 'paquete'].includes(first)) return 'sachet';
  if (['aerosol', 'inhalador', 'spray'].includes(first)) return 'spray';
  return 'box';
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Splits text into at most `lines` lines of about `width` characters (last one cut with an ellipsis). */
function wrap(text: string, width: number, lines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && (current + ' ' + word).length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1]!.slice(0, width - 1)}…`;
    return kept;
  }
  return out;
}

interface Label {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly nameLines: number;
}

/** The pack's outline (and where its label text goes). */
function packBody(shape: PackShape, main: string, dark: string, light: string): { svg: string; label: Label } {
  switch (shape) {
    case 'bottle':
      return {
        svg:
          `<rect x="281" y="58" width="78" height="34" rx="6" fill="${dark}"/>` +
          `<path d="M270 92h100v18c40 14 52 40 52 70v160a22 22 0 0 1-22 22H240a22 22 0 0 1-22-22V180c0-30 12-56 52-70z" fill="${main}"/>` +
          `<rect x="232" y="176" width="176" height="128" rx="10" fill="${light}"/>`,
        label: { x: 320, y: 206, width: 15, nameLines: 3 },
      };
    case 'tube':
      return {
        svg:
          `<rect x="296" y="40" width="48" height="34" rx="5" fill="${dark}"/>` +
          `<path d="M284 74h72l46 270H238z" fill="${main}"/>` +
          `<rect x="240" y="334" width="160" height="18" rx="3" fill="${dark}"/>` +
          `<rect x="262" y="150" width="116" height="150" rx="8" fill="${light}"/>`,
        label: { x: 320, y: 178, width: 11, nameLines: 4 },
      };
    case 'jar':
      return {
        svg:
          `<rect x="214" y="78" width="212" height="46" rx="10" fill="${dark}"/>` +
          `<rect x="204" y="118" width="232" height="232" rx="26" fill="${main}"/>` +
          `<rect x="222" y="170" width="196" height="140" rx="10" fill="${light}"/>`,
        label: { x: 320, y: 200, width: 17, nameLines: 3 },
      };
    case 'sachet':
      return {
        svg:
          `<path d="M190 70h260l-8 16 8 16-8 16 8 16v190l-8 16 8 16H190l8-16-8-16V134l8-16-8-16 8-16z" fill="${main}"/>` +
          `<rect x="214" y="150" width="212" height="150" rx="10" fill="${light}"/>`,
        label: { x: 320, y: 180, width: 19, nameLines: 3 },
      };
    case 'spray':
      return {
        svg:
          `<rect x="290" y="36" width="60" height="26" rx="6" fill="${dark}"/>` +
          `<rect x="278" y="60" width="84" height="30" rx="8" fill="${light}" stroke="${dark}" stroke-width="4"/>` +
          `<rect x="252" y="88" width="136" height="268" rx="40" fill="${main}"/>` +
          `<rect x="262" y="168" width="116" height="140" rx="8" fill="${light}"/>`,
        label: { x: 320, y: 196, width: 11, nameLines: 4 },
      };
    case 'box':
      return {
        svg:
          // A carton in three-quarter view: front, side and top faces.
          `<path d="M176 92l46-34h252l-46 34z" fill="${light}" opacity=".85"/>` +
          `<path d="M428 92l46-34v250l-46 42z" fill="${dark}"/>` +
          `<rect x="176" y="92" width="252" height="258" rx="4" fill="${main}"/>` +
          `<rect x="192" y="150" width="220" height="150" rx="8" fill="${light}"/>`,
        label: { x: 302, y: 180, width: 20, nameLines: 3 },
      };
  }
}

/** The packshot of one product, as SVG text. */
export function packshotSvg(product: Pick<DemoProduct, 'name' | 'lab' | 'presentation' | 'categoryId' | 'prescriptionRequired'>): string {
  const hue = (hueOf(product.categoryId) + (hashOf(`lab:${product.lab}`) % 40) - 20 + 360) % 360;
  const main = `hsl(${hue} 55% 52%)`;
  const dark = `hsl(${hue} 50% 36%)`;
  const light = `hsl(${hue} 60% 96%)`;
  const ink = `hsl(${hue} 45% 22%)`;
  const shape = packShapeOf(product.presentation);
  const { svg: body, label } = packBody(shape, main, dark, light);
  const nameLines = wrap(product.name, label.width, label.nameLines);
  const lab = wrap(product.lab.replace(/^Laboratorios\s+/i, ''), label.width + 4, 1)[0] ?? '';
  const presentation = wrap(product.presentation, label.width + 6, 1)[0] ?? '';
  let y = label.y;
  const text: string[] = [];
  text.push(`<text x="${label.x}" y="${y}" font-size="12" font-weight="600" fill="${dark}" letter-spacing="1">${escapeXml(lab.toUpperCase())}</text>`);
  const nameSize = label.width <= 11 ? 15 : nameLines.length > 2 ? 17 : 19;
  y += 8 + nameSize;
  for (const line of nameLines) {
    text.push(`<text x="${label.x}" y="${y}" font-size="${nameSize}" font-weight="700" fill="${ink}">${escapeXml(line)}</text>`);
    y += nameSize + 3;
  }
  text.push(`<text x="${label.x}" y="${y + 4}" font-size="11" fill="${dark}">${escapeXml(presentation)}</text>`);
  const rx = product.prescriptionRequired
    ? `<circle cx="468" cy="318" r="30" fill="#fff" stroke="#b42318" stroke-width="4"/><text x="468" y="327" font-size="24" font-weight="800" fill="#b42318" text-anchor="middle">Rx</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${PACKSHOT_WIDTH} ${PACKSHOT_HEIGHT}" width="${PACKSHOT_WIDTH}" height="${PACKSHOT_HEIGHT}" font-family="Arial,Helvetica,sans-serif">` +
    `<defs><radialGradient id="g" cx="50%" cy="40%" r="70%"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="hsl(${hue} 30% 90%)"/></radialGradient></defs>` +
    `<rect width="${PACKSHOT_WIDTH}" height="${PACKSHOT_HEIGHT}" fill="url(#g)"/>` +
    `<ellipse cx="320" cy="366" rx="180" ry="14" fill="#000" opacity=".08"/>` +
    body +
    `<g text-anchor="middle">${text.join('')}</g>` +
    rx +
    `</svg>`
  );
}

/** WebP settings: lossy at 82, which keeps the labels' small text sharp, at effort 2 (about a third of the default's encoding time). */
const WEBP_OPTIONS = { quality: 82, effort: 2 } as const;

/** The packshot of one product as WebP, one picture per width in DEMO_PACKSHOT_WIDTHS (640×400 and 320×200). */
export async function packshotWebp(product: Parameters<typeof packshotSvg>[0]): Promise<Map<number, Buffer>> {
  const { data, info } = await sharp(Buffer.from(packshotSvg(product))).raw().toBuffer({ resolveWithObject: true });
  const raster = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const pictures = await Promise.all(
    DEMO_PACKSHOT_WIDTHS.map(async (width) => {
      const resized = width === info.width ? sharp(data, raster) : sharp(data, raster).resize({ width });
      return [width, await resized.webp(WEBP_OPTIONS).toBuffer()] as const;
    }),
  );
  return new Map(pictures);
}

/** The shared cache's folder: one per renderer and settings, so a sharp upgrade never serves an older drawing. */
export function defaultPackshotCacheDir(): string {
  const version = createHash('sha256')
    .update(JSON.stringify([sharp.versions, WEBP_OPTIONS, DEMO_PACKSHOT_WIDTHS]))
    .digest('hex')
    .slice(0, 12);
  return path.join(tmpdir(), `farmacruz-packshots-${version}`);
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Writes a file whole or not at all (a stack stopped mid-write, or two stacks filling the cache at once). */
async function writeAtomically(file: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await write(temporary);
  await rename(temporary, file);
}

export interface EnsureDemoPackshotsOptions {
  /** Where drawn pictures are shared between stacks; default a folder in the temp directory. */
  readonly cacheDir?: string;
}

export interface DemoPackshotsReport {
  /** Files written into the images folder. */
  readonly written: number;
  /** Of the products, how many had to be drawn (not in the cache). */
  readonly drawn: number;
}

/** Runs `work` on every product, a worker per core (sharp's encoders run on libuv's threads). */
async function forEachProduct(products: readonly DemoProduct[], work: (product: DemoProduct) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < products.length) {
      const product = products[next]!;
      next += 1;
      await work(product);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
}

/** The cached files of a product's packshot by width, drawing it first when the cache lacks any of `widths`. */
async function cachedPackshot(product: DemoProduct, cacheDir: string, widths: readonly number[]): Promise<{ files: Map<number, string>; drawn: boolean }> {
  const drawing = createHash('sha256').update(packshotSvg(product)).digest('hex');
  const files = new Map<number, string>(DEMO_PACKSHOT_WIDTHS.map((width) => [width, path.join(cacheDir, `${drawing}-${width}.webp`)]));
  let complete = true;
  for (const width of widths) if (!(await exists(files.get(width)!))) complete = false;
  if (complete) return { files, drawn: false };
  for (const [width, bytes] of await packshotWebp(product)) await writeAtomically(files.get(width)!, (temporary) => writeFile(temporary, bytes));
  return { files, drawn: true };
}

/**
 * Draws into the shared cache every packshot it lacks, without an images folder: the test run does it once
 * before its files start their stacks, so parallel stacks do not each draw the same pictures.
 */
export async function fillPackshotCache(products: readonly DemoProduct[], options: EnsureDemoPackshotsOptions = {}): Promise<number> {
  const cacheDir = options.cacheDir ?? defaultPackshotCacheDir();
  await mkdir(cacheDir, { recursive: true });
  let drawn = 0;
  await forEachProduct(products, async (product) => {
    if ((await cachedPackshot(product, cacheDir, DEMO_PACKSHOT_WIDTHS)).drawn) drawn += 1;
  });
  return drawn;
}

/**
 * Puts the packshots of every product into the images bucket folder (`images/demo/<id>-<width>.webp`),
 * skipping those already there, copying those in the shared cache and drawing the rest.
 */
export async function ensureDemoPackshots(
  imagesDir: string,
  products: readonly DemoProduct[],
  options: EnsureDemoPackshotsOptions = {},
): Promise<DemoPackshotsReport> {
  const cacheDir = options.cacheDir ?? defaultPackshotCacheDir();
  await mkdir(cacheDir, { recursive: true });
  await mkdir(path.join(imagesDir, 'images', 'demo'), { recursive: true });
  let written = 0;
  let drawn = 0;
  await forEachProduct(products, async (product) => {
    const fileOf = (width: number) => path.join(imagesDir, ...demoPackshotKey(product.id, width).split('/'));
    const missing: number[] = [];
    for (const width of DEMO_PACKSHOT_WIDTHS) if (!(await exists(fileOf(width)))) missing.push(width);
    if (missing.length === 0) return;
    const cached = await cachedPackshot(product, cacheDir, missing);
    if (cached.drawn) drawn += 1;
    for (const width of missing) {
      await writeAtomically(fileOf(width), (temporary) => copyFile(cached.files.get(width)!, temporary));
      written += 1;
    }
  });
  return { written, drawn };
}
