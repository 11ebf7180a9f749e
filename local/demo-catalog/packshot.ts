/**
 * Deterministic packshots for the demo catalog: a drawn pack (box, bottle, tube, jar, sachet, spray) chosen by
 * the presentation's first word, in the category's colour with a tint from the lab, the product name, lab and
 * presentation printed on it, and an "Rx" seal on prescription products. The same product always gives the
 * same bytes. Written as SVG (1–2 KB each, sharp at any size, no encoder run at start), 640×400: the 16:10
 * box the shop's cards and product page show pictures in. Only our own generated markup: no user SVG is ever
 * served (uploads are JPEG, PNG or WebP, re-encoded).
 */
import { createHash } from 'node:crypto';
import { mkdir, stat, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { demoPackshotKey } from '../../model/product-image';
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

/**
 * Writes the packshot of every product into the images bucket folder (`images/demo/<id>.svg`), skipping
 * those already there; returns how many it wrote.
 */
export async function ensureDemoPackshots(imagesDir: string, products: readonly DemoProduct[]): Promise<number> {
  let written = 0;
  for (const product of products) {
    const file = path.join(imagesDir, ...demoPackshotKey(product.id).split('/'));
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, packshotSvg(product));
    await rename(temporary, file);
    written += 1;
  }
  return written;
}
