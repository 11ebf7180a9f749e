/**
 * The two halves of AppSync's DynamoDB type system:
 *  - request side: the typed values a request handler returns ({ "S": "…" }, { "N": 5 }, { "B": "<base64>" },
 *    { "NULL": null }) made into what the SDK sends (numbers as strings, binaries as bytes, NULL as true),
 *    copying only what must change;
 *  - response side: DynamoDB attribute values turned into plain JSON as AppSync documents it ("type system,
 *    response mapping"): S → string, N → number, BOOL → boolean, NULL → null, L → list, M → object,
 *    SS/NS → lists, B/BS → base64 strings.
 *
 * Written by hand rather than with util-dynamodb's unmarshall because unmarshall turns sets into `Set` objects
 * and binaries into `Uint8Array`, neither of which is JSON; one walk here gives AppSync's shape directly.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { RequestObjectError } from './errors';

export type Item = Record<string, AttributeValue>;

// ---------------------------------------------------------------- response side

export function toPlainItem(item: Item): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const name in item) plain[name] = toPlainValue(item[name]!);
  return plain;
}

export function toPlainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.M !== undefined) return toPlainItem(value.M);
  if (value.L !== undefined) return value.L.map(toPlainValue);
  if (value.NULL !== undefined) return null;
  if (value.SS !== undefined) return value.SS;
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.B !== undefined) return toBase64(value.B);
  if (value.BS !== undefined) return value.BS.map(toBase64);
  return null;
}

function toBase64(bytes: Uint8Array | string): string {
  if (typeof bytes === 'string') return bytes;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

// ---------------------------------------------------------------- request side

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, value: unknown): RequestObjectError {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  if (shown.length > 200) shown = `${shown.slice(0, 200)}…`;
  return new RequestObjectError(
    `Invalid DynamoDB typed value at ${path}: ${shown}. Expected one of {"S": …}, {"N": …}, {"B": …}, ` +
      '{"BOOL": …}, {"NULL": true}, {"M": {…}}, {"L": […]}, {"SS": […]}, {"NS": […]}, {"BS": […]} ' +
      '(util.dynamodb.toMapValues makes these).',
  );
}

function numberText(value: unknown, path: string): string {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalid(path, value);
}

function bytes(value: unknown, path: string): Uint8Array {
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  if (value instanceof Uint8Array) return value;
  throw invalid(path, value);
}

/** The request handler's own typed value, already in the form the SDK sends. */
function asIs(value: Record<string, unknown>): AttributeValue {
  return value as unknown as AttributeValue;
}

/** A typed value ready for the SDK; the input object itself when nothing needs to change. */
export function toSdkValue(value: unknown, path: string): AttributeValue {
  if (!isObject(value)) throw invalid(path, value);
  if (value.S !== undefined) {
    if (typeof value.S !== 'string') throw invalid(path, value);
    return asIs(value);
  }
  if (value.N !== undefined) {
    return typeof value.N === 'string' && value.N.length > 0
      ? asIs(value)
      : { N: numberText(value.N, path) };
  }
  if (value.BOOL !== undefined) {
    if (typeof value.BOOL !== 'boolean') throw invalid(path, value);
    return asIs(value);
  }
  if ('NULL' in value) {
    // AppSync's util.dynamodb.toNull() gives { "NULL": null }; DynamoDB only takes { "NULL": true }.
    if (value.NULL === true) return asIs(value);
    if (value.NULL === null) return { NULL: true };
    throw invalid(path, value);
  }
  if (value.M !== undefined) {
    if (!isObject(value.M)) throw invalid(path, value);
    const map = toSdkMap(value.M, path);
    return map === value.M ? asIs(value) : { M: map };
  }
  if (value.L !== undefined) {
    if (!Array.isArray(value.L)) throw invalid(path, value);
    const list = mapCopyOnWrite(value.L, (entry, i) => toSdkValue(entry, `${path}[${i}]`));
    return list === value.L ? asIs(value) : { L: list };
  }
  if (value.SS !== undefined) {
    if (!Array.isArray(value.SS) || !value.SS.every((entry) => typeof entry === 'string')) throw invalid(path, value);
    return asIs(value);
  }
  if (value.NS !== undefined) {
    if (!Array.isArray(value.NS)) throw invalid(path, value);
    const numbers = mapCopyOnWrite(value.NS, (entry) =>
      typeof entry === 'string' && entry.length > 0 ? entry : numberText(entry, path),
    );
    return numbers === value.NS ? asIs(value) : { NS: numbers };
  }
  if (value.B !== undefined) {
    return value.B instanceof Uint8Array ? asIs(value) : { B: bytes(value.B, path) };
  }
  if (value.BS !== undefined) {
    if (!Array.isArray(value.BS)) throw invalid(path, value);
    return { BS: value.BS.map((entry) => bytes(entry, path)) };
  }
  throw invalid(path, value);
}

/** A map of typed values (a key, an item, expression values) ready for the SDK; the input when unchanged. */
export function toSdkMap(map: unknown, path: string): Item {
  if (!isObject(map)) {
    throw new RequestObjectError(`Expected ${path} to be an object of DynamoDB typed values, got ${describe(map)}.`);
  }
  let copy: Item | undefined;
  for (const name in map) {
    const original = map[name];
    const converted = toSdkValue(original, `${path}.${name}`);
    if (converted !== original && copy === undefined) copy = { ...(map as Item) };
    if (copy !== undefined) copy[name] = converted;
  }
  return copy ?? (map as Item);
}

function mapCopyOnWrite<T, U>(list: readonly T[], convert: (entry: T, index: number) => U): U[] {
  let copy: U[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const original = list[i] as T;
    const converted = convert(original, i);
    if ((converted as unknown) !== original && copy === undefined) copy = list.slice(0, i) as unknown as U[];
    if (copy !== undefined) copy.push(converted);
  }
  return copy ?? (list as unknown as U[]);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

// ---------------------------------------------------------------- comparing

/**
 * A string that identifies a key: equal for the same key however DynamoDB spells its numbers ("5" vs "5.0")
 * or carries its binaries. `names` fixes which attributes make the key.
 */
export function keyIdentity(key: Item, names: readonly string[]): string {
  let identity = '';
  for (const name of names) {
    const value = key[name];
    identity += `\u0001${name}\u0002`;
    if (value === undefined) identity += '-';
    else if (value.S !== undefined) identity += `S${value.S}`;
    else if (value.N !== undefined) identity += `N${Number(value.N)}`;
    else if (value.B !== undefined) identity += `B${toBase64(value.B)}`;
    else identity += `?${JSON.stringify(toPlainValue(value))}`;
  }
  return identity;
}

/** Whether two items hold the same data, ignoring the attributes in `ignore` (AppSync's `equalsIgnore`). */
export function sameItem(a: Item, b: Item, ignore: readonly string[] = []): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of ignore) names.delete(name);
  for (const name of names) {
    const left = a[name];
    const right = b[name];
    if (left === undefined || right === undefined || !sameValue(left, right)) return false;
  }
  return true;
}

function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined) return a.S === b.S;
  if (a.N !== undefined) return b.N !== undefined && Number(a.N) === Number(b.N);
  if (a.BOOL !== undefined) return a.BOOL === b.BOOL;
  if (a.NULL !== undefined) return b.NULL !== undefined;
  if (a.B !== undefined) return b.B !== undefined && toBase64(a.B) === toBase64(b.B);
  if (a.M !== undefined) return b.M !== undefined && sameItem(a.M, b.M);
  if (a.L !== undefined) {
    return b.L !== undefined && a.L.length === b.L.length && a.L.every((entry, i) => sameValue(entry, b.L![i]!));
  }
  if (a.SS !== undefined) return b.SS !== undefined && sameSet(a.SS, b.SS);
  if (a.NS !== undefined) return b.NS !== undefined && sameSet(a.NS.map(Number), b.NS.map(Number));
  if (a.BS !== undefined) return b.BS !== undefined && sameSet(a.BS.map(toBase64), b.BS.map(toBase64));
  return false;
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  const members = new Set(a);
  return b.every((entry) => members.has(entry));
}
