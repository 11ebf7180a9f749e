/**
 * `util.time`: timestamps in ISO 8601, epoch seconds/milliseconds and custom formats. AppSync documents the
 * format syntax as Java's DateTimeFormatter patterns (e.g. "yyyy-MM-dd HH:mm:ssZ"), so this module reads
 * those patterns and formats/parses with the same field letters, in English, for any IANA time zone or
 * fixed offset (the zone rules come from the realm's Intl). Runs inside the sandbox realm.
 *
 * Choices where the reference is silent: ISO 8601 output always carries milliseconds (like the examples in
 * the AppSync docs); a pattern without an offset or zone, parsed without a time zone argument, is read as
 * UTC; text that does not match the pattern is an error (as DateTimeFormatter's parse is).
 */

export interface TimeUtils {
  nowISO8601(): string;
  nowEpochSeconds(): number;
  nowEpochMilliSeconds(): number;
  nowFormatted(format: string, timezone?: string): string;
  parseFormattedToEpochMilliSeconds(timestamp: string, format: string, timezone?: string): number;
  parseISO8601ToEpochMilliSeconds(timestamp: string): number;
  epochMilliSecondsToSeconds(milliseconds: number): number;
  epochMilliSecondsToISO8601(milliseconds: number): string;
  epochMilliSecondsToFormatted(milliseconds: number, format: string, timezone?: string): string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------- zones

interface Zone {
  readonly id: string;
  /** Offset from UTC in seconds at the given instant (Java's ZoneOffset has second precision). */
  offsetAt(utcMs: number): number;
  shortName(utcMs: number): string;
  longName(utcMs: number): string;
}

function fixedZone(id: string, offsetSeconds: number): Zone {
  return { id, offsetAt: () => offsetSeconds, shortName: () => id, longName: () => id };
}

const UTC_ZONE: Zone = {
  id: 'UTC',
  offsetAt: () => 0,
  shortName: () => 'UTC',
  longName: () => 'Coordinated Universal Time',
};

/** An offset text (`+05:30`, `-0800`, `+05:30:15`) in seconds; Java's limit is ±18:00. */
function parseOffsetText(text: string): number | undefined {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  const seconds = Number(m[4] ?? '0');
  if (minutes > 59 || seconds > 59) return undefined;
  const total = hours * 3600 + minutes * 60 + seconds;
  if (total > 18 * 3600) return undefined;
  return m[1] === '-' ? -total : total;
}

interface OffsetParts {
  readonly sign: string;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

function offsetParts(offsetSeconds: number): OffsetParts {
  const abs = Math.abs(offsetSeconds);
  return { sign: offsetSeconds < 0 ? '-' : '+', hours: Math.floor(abs / 3600), minutes: Math.floor(abs / 60) % 60, seconds: abs % 60 };
}

/** Java's ZoneOffset id: `Z`, `+05:30`, `+05:30:15`. */
function offsetId(offsetSeconds: number): string {
  if (offsetSeconds === 0) return 'Z';
  const { sign, hours, minutes, seconds } = offsetParts(offsetSeconds);
  return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}${seconds === 0 ? '' : `:${pad(seconds, 2)}`}`;
}

const zoneCache = new Map<string, Zone>();

function intlZone(id: string): Zone | undefined {
  let offsetFormat: Intl.DateTimeFormat;
  try {
    offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longOffset' });
  } catch {
    return undefined;
  }
  const shortFormat = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'short' });
  const longFormat = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'long' });
  const nameOf = (format: Intl.DateTimeFormat, utcMs: number) =>
    format.formatToParts(utcMs).find((p) => p.type === 'timeZoneName')?.value ?? id;
  return {
    id,
    offsetAt(utcMs) {
      const name = nameOf(offsetFormat, utcMs);
      return name === 'GMT' ? 0 : (parseOffsetText(name.slice(3)) ?? 0);
    },
    shortName: (utcMs) => nameOf(shortFormat, utcMs),
    longName: (utcMs) => nameOf(longFormat, utcMs),
  };
}

/** A Java ZoneId: "UTC", "Z", "+08:00", "GMT+8", "America/Lima", ... */
function zoneOf(id: string): Zone {
  const cached = zoneCache.get(id);
  if (cached) return cached;
  let zone: Zone | undefined;
  if (id === 'UTC' || id === 'GMT' || id === 'UT' || id === 'Z') {
    zone = id === 'Z' ? fixedZone('Z', 0) : { ...UTC_ZONE, id, shortName: () => id };
  } else if (/^[+-]/.test(id)) {
    const offset = parseOffsetText(id);
    if (offset !== undefined) zone = fixedZone(offsetId(offset), offset);
  } else if (/^(UTC|GMT|UT)[+-]/.test(id)) {
    const prefix = id.startsWith('UT') && !id.startsWith('UTC') ? 2 : 3;
    const offset = parseOffsetText(id.slice(prefix));
    if (offset !== undefined) zone = fixedZone(`${id.slice(0, prefix)}${offsetId(offset) === 'Z' ? '' : offsetId(offset)}`, offset);
  } else {
    zone = intlZone(id);
  }
  if (!zone) throw new Error(`Unknown time-zone ID: ${id}`);
  if (zoneCache.size > 200) zoneCache.clear();
  zoneCache.set(id, zone);
  return zone;
}

/** The instant at which a wall-clock time (expressed as if it were UTC) happens in `zone`. */
function instantOfLocal(localMs: number, zone: Zone): number {
  const first = localMs - zone.offsetAt(localMs) * SECOND_MS;
  return localMs - zone.offsetAt(first) * SECOND_MS;
}

// ------------------------------------------------------------------------------------------- patterns

type Token =
  | { readonly kind: 'field'; readonly letter: string; readonly count: number }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'optionalStart' }
  | { readonly kind: 'optionalEnd' };

const SUPPORTED_LETTERS = 'GuyQqMLdDEecaHhKkmsSAnNVzOXxZ';

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (/[A-Za-z]/.test(ch)) {
      let count = 1;
      while (pattern[i + count] === ch) count += 1;
      if (SUPPORTED_LETTERS.indexOf(ch) < 0) throw new Error(`Unsupported pattern letter '${ch}' in "${pattern}"`);
      tokens.push({ kind: 'field', letter: ch, count });
      i += count;
    } else if (ch === "'") {
      let text = '';
      let j = i + 1;
      if (pattern[j] === "'") {
        text = "'";
        j += 1;
      } else {
        while (j < pattern.length) {
          if (pattern[j] === "'") {
            if (pattern[j + 1] === "'") {
              text += "'";
              j += 2;
              continue;
            }
            break;
          }
          text += pattern[j];
          j += 1;
        }
        if (j >= pattern.length) throw new Error(`Pattern ends inside a quoted literal: "${pattern}"`);
        j += 1;
      }
      tokens.push({ kind: 'literal', text });
      i = j;
    } else if (ch === '[') {
      tokens.push({ kind: 'optionalStart' });
      i += 1;
    } else if (ch === ']') {
      tokens.push({ kind: 'optionalEnd' });
      i += 1;
    } else {
      tokens.push({ kind: 'literal', text: ch });
      i += 1;
    }
  }
  return tokens;
}

function pad(value: number, width: number): string {
  const text = String(Math.abs(value));
  const padded = text.length >= width ? text : '0'.repeat(width - text.length) + text;
  return value < 0 ? `-${padded}` : padded;
}

/**
 * Java's offset patterns: `withSeconds` (X/x with 4 or 5 letters, Z with 5) prints the seconds when they are
 * not zero; the shorter forms leave them out.
 */
function offsetText(offsetSeconds: number, withColon: boolean, zeroAsZ: boolean, hoursOnlyWhenWhole: boolean, withSeconds = false): string {
  if (offsetSeconds === 0 && zeroAsZ) return 'Z';
  const { sign, hours, minutes, seconds } = offsetParts(offsetSeconds);
  if (hoursOnlyWhenWhole && minutes === 0) return sign + pad(hours, 2);
  const separator = withColon ? ':' : '';
  const secondsText = withSeconds && seconds !== 0 ? separator + pad(seconds, 2) : '';
  return sign + pad(hours, 2) + separator + pad(minutes, 2) + secondsText;
}

function localizedOffset(offsetSeconds: number, full: boolean): string {
  if (offsetSeconds === 0) return 'GMT';
  const { sign, hours, minutes, seconds } = offsetParts(offsetSeconds);
  const secondsText = seconds === 0 ? '' : `:${pad(seconds, 2)}`;
  if (full) return `GMT${sign}${pad(hours, 2)}:${pad(minutes, 2)}${secondsText}`;
  return `GMT${sign}${hours}${minutes === 0 && seconds === 0 ? '' : `:${pad(minutes, 2)}`}${secondsText}`;
}

function text(value: string, count: number): string {
  return count >= 5 ? value.slice(0, 1) : count === 4 ? value : value.slice(0, 3);
}

function formatField(letter: string, count: number, utcMs: number, zone: Zone): string {
  const offset = zone.offsetAt(utcMs);
  const local = new Date(utcMs + offset * SECOND_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const hour = local.getUTCHours();
  const millisOfDay = ((utcMs + offset * SECOND_MS) % DAY_MS + DAY_MS) % DAY_MS;
  switch (letter) {
    case 'G':
      return count === 4 ? (year > 0 ? 'Anno Domini' : 'Before Christ') : year > 0 ? 'AD' : 'BC';
    case 'u':
    case 'y': {
      const y = letter === 'y' && year <= 0 ? 1 - year : year;
      return count === 2 ? pad(((y % 100) + 100) % 100, 2) : pad(y, count);
    }
    case 'Q':
    case 'q': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      if (count <= 2) return pad(quarter, count);
      return count === 3 ? `Q${quarter}` : `${['1st', '2nd', '3rd', '4th'][quarter - 1]} quarter`;
    }
    case 'M':
    case 'L':
      return count <= 2 ? pad(month, count) : text(MONTHS[month - 1] as string, count);
    case 'd':
      return pad(local.getUTCDate(), count);
    case 'D': {
      const dayOfYear = Math.floor((Date.UTC(year, month - 1, local.getUTCDate()) - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
      return pad(dayOfYear, count);
    }
    case 'E':
      return text(DAYS[local.getUTCDay()] as string, Math.max(count, 3));
    case 'e':
    case 'c':
      return count <= 2 ? pad(local.getUTCDay() + 1, count) : text(DAYS[local.getUTCDay()] as string, count);
    case 'a':
      return hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(hour, count);
    case 'k':
      return pad(hour === 0 ? 24 : hour, count);
    case 'K':
      return pad(hour % 12, count);
    case 'h':
      return pad(hour % 12 === 0 ? 12 : hour % 12, count);
    case 'm':
      return pad(local.getUTCMinutes(), count);
    case 's':
      return pad(local.getUTCSeconds(), count);
    case 'S':
      return (pad(local.getUTCMilliseconds(), 3) + '000000').slice(0, count);
    case 'A':
      return pad(millisOfDay, count);
    case 'n':
      return pad(local.getUTCMilliseconds() * 1_000_000, count);
    case 'N':
      return pad(millisOfDay * 1_000_000, count);
    case 'V':
      return zone.id;
    case 'z':
      return count === 4 ? zone.longName(utcMs) : zone.shortName(utcMs);
    case 'O':
      return localizedOffset(offset, count === 4);
    case 'X':
    case 'x': {
      const z = letter === 'X';
      if (count === 1) return offsetText(offset, false, z, true);
      return offsetText(offset, count === 3 || count === 5, z, false, count >= 4);
    }
    case 'Z':
      if (count <= 3) return offsetText(offset, false, false, false);
      return count === 4 ? localizedOffset(offset, true) : offsetText(offset, true, true, false, true);
    default:
      throw new Error(`Unsupported pattern letter '${letter}'`);
  }
}

// ------------------------------------------------------------------------------------------- parsing

interface ParsedFields {
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hour?: number;
  hourOfAmPm?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  nanos?: number;
  milliOfDay?: number;
  offsetSeconds?: number;
  zone?: Zone;
}

interface FieldParser {
  readonly regex: string;
  apply(value: string, fields: ParsedFields): void;
}

function escapeRegex(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function numberParser(count: number, max: number, assign: (n: number, f: ParsedFields) => void): FieldParser {
  return { regex: count === 1 ? `(\\d{1,${max}})` : `(\\d{${count}})`, apply: (v, f) => assign(Number(v), f) };
}

function textParser(names: readonly string[], count: number, assign: (index: number, f: ParsedFields) => void): FieldParser {
  const forms = names.map((n) => text(n, count));
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegex);
  return { regex: `(${alternatives.join('|')})`, apply: (v, f) => assign(forms.indexOf(v), f) };
}

function offsetParser(regex: string): FieldParser {
  return {
    regex: `(${regex})`,
    apply(v, f) {
      if (v === 'Z' || v === 'GMT') f.offsetSeconds = 0;
      else f.offsetSeconds = parseOffsetText(v.startsWith('GMT') ? v.slice(3) : v);
    },
  };
}

function fieldParser(letter: string, count: number): FieldParser {
  switch (letter) {
    case 'G':
      return { regex: '(AD|BC|Anno Domini|Before Christ)', apply: () => undefined };
    case 'u':
    case 'y':
      if (count === 2) return numberParser(2, 2, (n, f) => (f.year = 2000 + n));
      return { regex: count === 1 ? '([+-]?\\d+)' : `([+-]?\\d{${count},})`, apply: (v, f) => (f.year = Number(v)) };
    case 'Q':
    case 'q':
      return count <= 2 ? numberParser(count, 1, () => undefined) : textParser(['Q1', 'Q2', 'Q3', 'Q4'], 4, () => undefined);
    case 'M':
    case 'L':
      return count <= 2 ? numberParser(count, 2, (n, f) => (f.month = n)) : textParser(MONTHS, count, (i, f) => (f.month = i + 1));
    case 'd':
      return numberParser(count, 2, (n, f) => (f.day = n));
    case 'D':
      return numberParser(count, 3, (n, f) => (f.dayOfYear = n));
    case 'E':
      return textParser(DAYS, Math.max(count, 3), () => undefined);
    case 'e':
    case 'c':
      return count <= 2 ? numberParser(count, 1, () => undefined) : textParser(DAYS, count, () => undefined);
    case 'a':
      return { regex: '(AM|PM)', apply: (v, f) => (f.pm = v === 'PM') };
    case 'H':
      return numberParser(count, 2, (n, f) => (f.hour = n));
    case 'k':
      return numberParser(count, 2, (n, f) => (f.hour = n === 24 ? 0 : n));
    case 'K':
      return numberParser(count, 2, (n, f) => (f.hourOfAmPm = n));
    case 'h':
      return numberParser(count, 2, (n, f) => (f.hourOfAmPm = n === 12 ? 0 : n));
    case 'm':
      return numberParser(count, 2, (n, f) => (f.minute = n));
    case 's':
      return numberParser(count, 2, (n, f) => (f.second = n));
    case 'S':
      return { regex: `(\\d{${count}})`, apply: (v, f) => (f.nanos = Math.round(Number(`0.${v}`) * 1e9)) };
    case 'A':
      return { regex: '(\\d+)', apply: (v, f) => (f.milliOfDay = Number(v)) };
    case 'n':
      return { regex: '(\\d+)', apply: (v, f) => (f.nanos = Number(v)) };
    case 'N':
      return { regex: '(\\d+)', apply: (v, f) => (f.milliOfDay = Math.floor(Number(v) / 1e6)) };
    case 'V':
    case 'z':
      return {
        regex: '([A-Za-z][A-Za-z0-9_+\\-:/]*|[+-]\\d{2}:?\\d{2})',
        apply: (v, f) => (f.zone = zoneOf(v)),
      };
    case 'O':
      return offsetParser('GMT(?:[+-]\\d{1,2}(?::\\d{2}(?::\\d{2})?)?)?');
    case 'X':
      return offsetParser('Z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?');
    case 'x':
      return offsetParser('[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?');
    case 'Z':
      return offsetParser(count === 4 ? 'GMT(?:[+-]\\d{2}:\\d{2}(?::\\d{2})?)?' : count === 5 ? 'Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?' : '[+-]\\d{2}:?\\d{2}');
    default:
      throw new Error(`Unsupported pattern letter '${letter}'`);
  }
}

interface CompiledPattern {
  readonly tokens: readonly Token[];
  readonly parse: { readonly regex: RegExp; readonly parsers: readonly FieldParser[] };
}

const patternCache = new Map<string, CompiledPattern>();

function compile(pattern: string): CompiledPattern {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens = tokenize(String(pattern));
  const parsers: FieldParser[] = [];
  let source = '';
  for (const token of tokens) {
    if (token.kind === 'literal') source += escapeRegex(token.text);
    else if (token.kind === 'optionalStart') source += '(?:';
    else if (token.kind === 'optionalEnd') source += ')?';
    else {
      const parser = fieldParser(token.letter, token.count);
      parsers.push(parser);
      source += parser.regex;
    }
  }
  const compiled: CompiledPattern = { tokens, parse: { regex: new RegExp(`^${source}$`), parsers } };
  if (patternCache.size > 200) patternCache.clear();
  patternCache.set(pattern, compiled);
  return compiled;
}

function formatInstant(utcMs: number, pattern: string, timezone: string | undefined): string {
  const ms = Number(utcMs);
  if (!Number.isFinite(ms)) throw new Error(`Not an epoch milliseconds value: ${utcMs}`);
  const zone = timezone === undefined || timezone === null ? UTC_ZONE : zoneOf(String(timezone));
  let out = '';
  for (const token of compile(pattern).tokens) {
    if (token.kind === 'literal') out += token.text;
    else if (token.kind === 'field') out += formatField(token.letter, token.count, ms, zone);
  }
  return out;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseInstant(timestamp: string, pattern: string, timezone: string | undefined): number {
  const input = String(timestamp);
  const { regex, parsers } = compile(pattern).parse;
  const match = regex.exec(input);
  const fail = () => new Error(`Text '${input}' could not be parsed with pattern "${pattern}"`);
  if (!match) throw fail();
  const fields: ParsedFields = {};
  parsers.forEach((parser, i) => {
    const value = match[i + 1];
    if (value !== undefined) parser.apply(value, fields);
  });
  const year = fields.year ?? 1970;
  let month = fields.month ?? 1;
  let day = fields.day ?? 1;
  if (fields.dayOfYear !== undefined && fields.month === undefined) {
    const date = new Date(Date.UTC(year, 0, fields.dayOfYear));
    month = date.getUTCMonth() + 1;
    day = date.getUTCDate();
  }
  let hour = fields.hour ?? 0;
  if (fields.hourOfAmPm !== undefined) hour = fields.hourOfAmPm + (fields.pm ? 12 : 0);
  else if (fields.pm !== undefined && fields.hour !== undefined && fields.hour < 12 && fields.pm) hour += 12;
  const minute = fields.minute ?? 0;
  const second = fields.second ?? 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) throw fail();
  day = Math.min(day, daysInMonth(year, month));
  let localMs = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor((fields.nanos ?? 0) / 1e6);
  if (fields.milliOfDay !== undefined && fields.hour === undefined && fields.hourOfAmPm === undefined) {
    localMs = Date.UTC(year, month - 1, day) + fields.milliOfDay;
  }
  if (fields.offsetSeconds !== undefined) return localMs - fields.offsetSeconds * SECOND_MS;
  const zone = fields.zone ?? (timezone === undefined || timezone === null ? UTC_ZONE : zoneOf(String(timezone)));
  return instantOfLocal(localMs, zone);
}

const ISO_8601 =
  /^([+-]?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(?:\[([^\]]+)\])?$/;

function parseIso8601(timestamp: string): number {
  const input = String(timestamp);
  const m = ISO_8601.exec(input);
  if (!m) throw new Error(`Text '${input}' could not be parsed as ISO 8601`);
  const [, y, mo, d, h, mi, s, fraction, offset, zoneId] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    throw new Error(`Text '${input}' could not be parsed as ISO 8601`);
  }
  const localMs =
    Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s ?? 0)) + Math.floor(Number(`0.${fraction ?? '0'}`) * 1000);
  if (offset !== undefined) return localMs - (offset === 'Z' ? 0 : (parseOffsetText(offset) ?? 0)) * SECOND_MS;
  return instantOfLocal(localMs, zoneId ? zoneOf(zoneId) : UTC_ZONE);
}

export function createTimeUtils(now: () => number): TimeUtils {
  return {
    nowISO8601: () => new Date(now()).toISOString(),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (format, timezone) => formatInstant(now(), format, timezone),
    parseFormattedToEpochMilliSeconds: (timestamp, format, timezone) => parseInstant(timestamp, format, timezone),
    parseISO8601ToEpochMilliSeconds: (timestamp) => parseIso8601(timestamp),
    epochMilliSecondsToSeconds: (milliseconds) => Math.trunc(Number(milliseconds) / 1000),
    epochMilliSecondsToISO8601: (milliseconds) => new Date(Number(milliseconds)).toISOString(),
    epochMilliSecondsToFormatted: (milliseconds, format, timezone) => formatInstant(milliseconds, format, timezone),
  };
}
