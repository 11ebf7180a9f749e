/**
 * Generated order lakes for the analytics benchmark (and demo data): lake records as order-lake writes
 * them (functions/order-lake/lake-record.ts), each order's versions from placement to its last status,
 * grouped into gzip JSON-lines objects under `orders/dt=YYYY-MM-DD/` as Firehose delivers them, with a
 * share of records delivered twice. Deterministic for a seed; products from the demo catalog.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateDemoCatalog } from '../local/demo-catalog/generate';
import { customerKey, lakeRecordData, type LakeOrderLine, type LakeOrderRecord } from '../functions/order-lake/lake-record';
import { shippingCentsFor } from '../model/order-pricing';
import { categoryIdOf } from '../model/product-items';
import { addDays } from './periods';

export interface GeneratedLakeOptions {
  readonly lakeDir: string;
  /** Lake records to write, copies included (bounded: at most 5,000,000). */
  readonly records: number;
  /** Last shop day with orders (YYYY-MM-DD); orders spread over `days` days before it. */
  readonly lastDay: string;
  readonly days: number;
  /** Share of records delivered twice (0–0.5). */
  readonly duplicateShare?: number;
  /** Records per lake object (a Firehose flush). */
  readonly recordsPerObject?: number;
  readonly seed?: number;
}

export interface GeneratedLake {
  readonly records: number;
  readonly orders: number;
  readonly duplicates: number;
  readonly objects: number;
  readonly bytes: number;
}

const STATES = ['Ciudad de México', 'Jalisco', 'Nuevo León', 'Estado de México', 'Puebla', 'Veracruz', 'Guanajuato', 'Yucatán', 'Querétaro', 'Chihuahua', 'Baja California', 'Sonora', 'Oaxaca', 'Chiapas', 'Michoacán', 'Sinaloa'];

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The statuses an order goes through, placement first. */
function statusPath(r: number): string[] {
  if (r < 0.06) return ['PENDING', 'CANCELLED'];
  if (r < 0.1) return ['PENDING', 'PAID', 'CANCELLED'];
  if (r < 0.2) return ['PENDING'];
  if (r < 0.35) return ['PENDING', 'PAID'];
  if (r < 0.5) return ['PENDING', 'PAID', 'SHIPPED'];
  return ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED'];
}

export function generateLake(options: GeneratedLakeOptions): GeneratedLake {
  if (!Number.isInteger(options.records) || options.records < 1 || options.records > 5_000_000) throw new Error('records: 1 to 5,000,000');
  const duplicateShare = options.duplicateShare ?? 0.02;
  if (duplicateShare < 0 || duplicateShare > 0.5) throw new Error('duplicateShare: 0 to 0.5');
  const perObject = options.recordsPerObject ?? 5_000;
  const next = random(options.seed ?? 20_260_301);
  const products = generateDemoCatalog({ count: 1_200 }).filter((p) => p.active);
  const customers = Math.max(1, Math.round(options.records / 12));
  const firstDay = addDays(options.lastDay, -(options.days - 1));
  const pending = new Map<string, string[]>(); // dt → JSON lines
  let objects = 0;
  let bytes = 0;
  const flush = (dt: string, lines: string[]) => {
    const dir = path.join(options.lakeDir, 'orders', `dt=${dt}`);
    mkdirSync(dir, { recursive: true });
    const data = gzipSync(lines.join(''), { level: 1 });
    objects += 1;
    bytes += data.length;
    writeFileSync(path.join(dir, `farmacruz-orders-lake-1-${dt}-00-00-00-${String(objects).padStart(8, '0')}.gz`), data);
  };
  const put = (record: LakeOrderRecord, dt: string) => {
    const lines = pending.get(dt) ?? [];
    lines.push(new TextDecoder().decode(lakeRecordData(record)));
    if (lines.length >= perObject) {
      flush(dt, lines);
      pending.delete(dt);
    } else pending.set(dt, lines);
  };

  let written = 0;
  let orders = 0;
  let duplicates = 0;
  while (written < options.records) {
    orders += 1;
    const day = addDays(firstDay, Math.floor(next() * options.days));
    // 08:00–23:59 shop time (UTC-6) → 14:00–05:59 UTC, so some orders arrive on the next UTC date.
    const minute = 8 * 60 + Math.floor(next() * 16 * 60);
    const createdAt = new Date(Date.parse(`${day}T00:00:00.000Z`) + (minute + 360) * 60_000).toISOString();
    const lineCount = 1 + Math.floor(next() * next() * 5);
    const lines: LakeOrderLine[] = [];
    const used = new Set<number>();
    for (let n = 1; n <= lineCount; n += 1) {
      let index = Math.floor(next() * next() * products.length); // popular products sell more
      while (used.has(index)) index = (index + 1) % products.length;
      used.add(index);
      const product = products[index]!;
      const quantity = 1 + Math.floor(next() * next() * 4);
      lines.push({
        line_number: n,
        product_id: product.id,
        sku: product.sku,
        product_name: product.name,
        quantity,
        unit_price_cents: product.priceCents,
        line_total_cents: product.priceCents * quantity,
        prescription_required: product.prescriptionRequired,
        category_id: categoryIdOf(product.categoryName),
        category_name: product.categoryName,
      });
    }
    const subtotal = lines.reduce((s, l) => s + l.line_total_cents, 0);
    const shipping = shippingCentsFor(subtotal);
    const id = `O${String(orders).padStart(9, '0')}`;
    const customer = customerKey(`customer-${Math.floor(next() * next() * customers)}`);
    const state = STATES[Math.floor(next() * next() * STATES.length)]!;
    const statuses = statusPath(next());
    for (let v = 0; v < statuses.length && written < options.records; v += 1) {
      const eventTime = new Date(Date.parse(createdAt) + v * 36 * 3_600_000).toISOString();
      const status = statuses[v]!;
      const record: LakeOrderRecord = {
        record_version: 1,
        event_id: `${id}#v${v + 1}`,
        event_type: v === 0 ? 'OrderPlaced' : status === 'CANCELLED' ? 'OrderCancelled' : 'OrderStatusChanged',
        event_time: eventTime,
        event_date: eventTime.slice(0, 10),
        order_id: id,
        order_version: v + 1,
        status,
        previous_status: v === 0 ? null : statuses[v - 1]!,
        customer_key: customer,
        currency: 'MXN',
        item_count: lines.reduce((s, l) => s + l.quantity, 0),
        line_count: lines.length,
        subtotal_cents: subtotal,
        shipping_cents: shipping,
        total_cents: subtotal + shipping,
        prescription_line_count: lines.filter((l) => l.prescription_required).length,
        ship_state: state,
        ship_postal_code: '01000',
        ship_country: 'MX',
        order_created_at: createdAt,
        lines,
      };
      const dt = eventTime.slice(0, 10);
      put(record, dt);
      written += 1;
      if (written < options.records && next() < duplicateShare) {
        put(record, dt);
        written += 1;
        duplicates += 1;
      }
    }
  }
  for (const [dt, lines] of pending) flush(dt, lines);
  return { records: written, orders, duplicates, objects, bytes };
}
