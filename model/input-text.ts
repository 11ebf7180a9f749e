/**
 * The rules every text typed by people (GraphQL input) or read from files (the point-of-sale import) follows
 * before it is stored, in one place so the API and the import refuse the same things:
 *  - Unicode NFC, so "Pediatría" typed on a Mac (decomposed) and on Windows (composed) is the same text;
 *  - no control characters (C0, DEL, C1, line/paragraph separators, noncharacters, tag characters), except
 *    line breaks and tabs in multi-line fields (descriptions);
 *  - no bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C): they make a name read
 *    differently from what is stored (the "Trojan Source" trick);
 *  - no lone UTF-16 surrogates (they cannot be encoded as UTF-8, so DynamoDB, SES and JSON readers choke);
 *  - at least one visible character: a name of only spaces, zero-width characters or fillers is empty.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset: no regular expressions, no classic for
 * loops, no ++, no try/throw. Characters are compared as strings (UTF-16 code units), so no code-point API
 * is needed; `for…of` walks code points, so a well-formed surrogate pair arrives as one 2-unit string and a
 * lone surrogate as a 1-unit string.
 */
import { util } from '@aws-appsync/utils';

/** Why a text was refused; `null` when it is fine. */
export type TextFault = 'required' | 'tooLong' | 'control' | 'bidi' | 'surrogate' | 'invisible' | 'notNfc';

export interface TextRules {
  /** Empty (after trimming) is refused when true; an empty optional text is dropped. */
  readonly required: boolean;
  /** Most characters (UTF-16 code units, as JavaScript counts) after normalizing and trimming. */
  readonly max: number;
  /** Line breaks and tabs are allowed (descriptions); everywhere else they are control characters. */
  readonly multiline?: boolean;
}

/**
 * Characters that never show anything on their own: soft hyphen, combining grapheme joiner, Hangul and
 * Khmer fillers, Mongolian vowel separator, zero-width space/non-joiner/joiner, word joiner and invisible
 * operators, Hangul filler, zero-width no-break space (BOM), halfwidth Hangul filler. Strings, not tables:
 * every resolver bundle must stay under AppSync's 32 KB.
 */
const INVISIBLE = '\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\u3164\ufeff\uffa0';

/** Whitespace that trims away and does not count as visible (besides U+2000–U+200A). */
const SPACES = ' \n\t\u00a0\u1680\u202f\u205f\u3000';

/** Bidirectional controls: Arabic letter mark, LRM/RLM, embeddings and overrides, isolates. */
const BIDI = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';

function isOneOf(ch: string, characters: string): boolean {
  return ch.length === 1 && characters.indexOf(ch) >= 0;
}

function between(ch: string, low: string, high: string): boolean {
  return ch >= low && ch <= high;
}

function isLoneSurrogate(ch: string): boolean {
  return ch.length === 1 && between(ch, '\ud800', '\udfff');
}

function isLineBreakOrTab(ch: string): boolean {
  return ch === '\n' || ch === '\t';
}

function isControl(ch: string): boolean {
  if (ch.length === 2) {
    // Tag characters U+E0000–U+E007F: invisible, used to smuggle text past people.
    return between(ch, '\udb40\udc00', '\udb40\udc7f');
  }
  return (
    between(ch, '\u0000', '\u001f') ||
    between(ch, '\u007f', '\u009f') ||
    ch === '\u2028' ||
    ch === '\u2029' ||
    between(ch, '\ufff9', '\ufffb') || // interlinear annotation controls
    ch === '\ufffe' ||
    ch === '\uffff'
  );
}

function isVariationSelector(ch: string): boolean {
  if (ch.length === 2) return between(ch, '\udb40\udd00', '\udb40\uddef');
  return between(ch, '\ufe00', '\ufe0f');
}

function isSpace(ch: string): boolean {
  return isOneOf(ch, SPACES) || between(ch, '\u2000', '\u200a');
}

/** True when the character shows nothing by itself (spaces, zero-width characters, fillers, selectors). */
export function isBlankCharacter(ch: string): boolean {
  return isSpace(ch) || isOneOf(ch, INVISIBLE) || isVariationSelector(ch);
}

/**
 * NFC through the runtime's own normalizer: APPSYNC_JS has `util.str.normalize` (its String prototype is not
 * documented to have `normalize`); Node has `String.prototype.normalize` and an empty `util` object.
 */
export function toNfc(text: string): string {
  return normalized(text, 'nfc');
}

/** NFD: letters and their accents apart ("é" → "e" + U+0301), for accent-insensitive comparisons. */
export function toNfd(text: string): string {
  return normalized(text, 'nfd');
}

function normalized(text: string, form: 'nfc' | 'nfd'): string {
  const str = util ? util.str : undefined;
  if (str && typeof str.normalize === 'function') {
    return str.normalize(text, form);
  }
  return text.normalize(form === 'nfc' ? 'NFC' : 'NFD');
}

/** Lower case without accents: "Michoacán" → "michoacan". */
export function foldAccents(text: string): string {
  let folded = '';
  for (const ch of toNfd(text.toLowerCase())) {
    if (!between(ch, '\u0300', '\u036f')) folded = folded + ch;
  }
  return folded;
}

/** Printable ASCII other than the space: visible, never blank, never a fault. */
function isPlainVisible(ch: string): boolean {
  return ch > ' ' && ch < '\u007f';
}

/**
 * A character that cannot make a text faulty, blank or not NFC: printable ASCII and printable Latin-1 (no
 * C1 controls, no NBSP, no soft hyphen). Nothing below U+0300 composes, so text of these alone is NFC.
 * Product names, codes and addresses are almost always only these: `textFault` then skips the full rules.
 */
function isPlainCharacter(ch: string): boolean {
  return (ch >= ' ' && ch <= '~') || (ch >= '\u00a1' && ch <= '\u00ff' && ch !== '\u00ad');
}

/** Trims every blank character (not only ASCII spaces) from both ends. */
export function trimBlank(text: string): string {
  // Most texts start and end with a visible ASCII character: nothing to trim, no need to walk them.
  if (text.length === 0 || (isPlainVisible(text.charAt(0)) && isPlainVisible(text.charAt(text.length - 1)))) {
    return text;
  }
  const chars: string[] = [];
  for (const ch of text) {
    chars.push(ch);
  }
  let start = 0;
  let end = chars.length;
  for (const ch of chars) {
    if (!isBlankCharacter(ch)) break;
    start = start + 1;
  }
  for (const ch of chars.slice(start).reverse()) {
    if (!isBlankCharacter(ch)) break;
    end = end - 1;
  }
  return chars.slice(start, end).join('');
}

/** The first fault of an already cleaned text, or null. */
export function textFault(text: string, rules: TextRules): TextFault | null {
  if (text.length === 0) return rules.required ? 'required' : null;
  let plain = true;
  let plainVisible = false;
  for (const ch of text) {
    if (plain) {
      if (!isPlainCharacter(ch)) {
        plain = false;
      } else if (ch !== ' ') {
        plainVisible = true;
      }
    }
  }
  if (plain) {
    // The same answer as the full rules below: no fault, NFC already; only visibility and length to check.
    if (!plainVisible) return 'invisible';
    if (text.length > rules.max) return 'tooLong';
    return null;
  }
  let visible = false;
  let fault: TextFault | null = null;
  for (const ch of text) {
    if (fault === null) {
      if (isLoneSurrogate(ch)) {
        fault = 'surrogate';
      } else if (isOneOf(ch, BIDI)) {
        fault = 'bidi';
      } else if (isControl(ch) && !(rules.multiline && isLineBreakOrTab(ch))) {
        fault = 'control';
      } else if (!isBlankCharacter(ch)) {
        visible = true;
      }
    }
  }
  if (fault !== null) return fault;
  if (!visible) return 'invisible';
  if (toNfc(text) !== text) return 'notNfc';
  if (text.length > rules.max) return 'tooLong';
  return null;
}

/** A human-readable sentence for a fault of `field` (English, as every server message; the web app shows Spanish). */
export function textFaultMessage(field: string, fault: TextFault, rules: TextRules): string {
  switch (fault) {
    case 'required':
      return `${field} is required`;
    case 'tooLong':
      return `${field} is longer than ${rules.max} characters`;
    case 'control':
      return `${field} contains control characters`;
    case 'bidi':
      return `${field} contains bidirectional control characters`;
    case 'surrogate':
      return `${field} contains an invalid character (a lone UTF-16 surrogate)`;
    case 'invisible':
      return `${field} has no visible characters`;
    case 'notNfc':
      return `${field} is not in Unicode NFC`;
  }
  return `${field} is invalid`;
}

export type CleanText = { ok: true; text: string } | { ok: false; fault: TextFault; message: string };

/** NFC, Windows line breaks as "\n", blank characters trimmed from both ends: what every writer stores. */
export function normalizeText(value: string): string {
  const lines = value.indexOf('\r\n') >= 0 ? value.split('\r\n').join('\n') : value;
  return trimBlank(toNfc(lines));
}

/**
 * Normalizes a raw value (NFC, Windows line breaks to "\n", blank characters trimmed from both ends) and
 * checks it. A missing or non-string value is an empty text.
 */
export function cleanText(field: string, value: unknown, rules: TextRules): CleanText {
  const text = normalizeText(typeof value === 'string' ? value : '');
  const fault = textFault(text, rules);
  if (fault !== null) {
    return { ok: false, fault, message: textFaultMessage(field, fault, rules) };
  }
  return { ok: true, text };
}

/** The first problem of an already cleaned text as a sentence, or null (for writers that collect problems). */
export function textProblem(field: string, text: string | undefined | null, rules: TextRules): string | null {
  const fault = textFault(typeof text === 'string' ? text : '', rules);
  return fault === null ? null : textFaultMessage(field, fault, rules);
}

const URL_HOST_END = '/?#';
const LOCAL_HOSTS: Record<string, boolean> = { localhost: true, '127.0.0.1': true, '[::1]': true };
const HOST_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789-.';

/** The host part of an absolute http(s) URL (lower case, no port), or null when it has none. */
function urlHost(url: string, scheme: string): string | null {
  const rest = url.slice(scheme.length);
  let hostEnd = rest.length;
  for (const ch of URL_HOST_END.split('')) {
    const index = rest.indexOf(ch);
    if (index >= 0 && index < hostEnd) hostEnd = index;
  }
  const authority = rest.slice(0, hostEnd);
  if (authority.indexOf('@') >= 0) return null; // credentials in an image URL are never meant
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : (authority.split(':')[0] ?? '');
  return host.length > 0 ? host.toLowerCase() : null;
}

/**
 * Image URLs: https only (http only for localhost, for local development), a plain host name, no spaces.
 * `javascript:`, `data:` and relative URLs are refused.
 */
export function imageUrlProblem(field: string, url: string): string | null {
  const lower = url.toLowerCase();
  const scheme = lower.startsWith('https://') ? 'https://' : lower.startsWith('http://') ? 'http://' : '';
  if (scheme === '') return `${field} must be an https:// URL`;
  const host = urlHost(lower, scheme);
  const hostOk =
    host !== null &&
    (Object.hasOwn(LOCAL_HOSTS, host) || host.split('').every((ch) => HOST_CHARACTERS.indexOf(ch) >= 0));
  if (!hostOk) return `${field} must be an https:// URL with a valid host name`;
  if (scheme === 'http://' && !Object.hasOwn(LOCAL_HOSTS, host as string)) {
    return `${field} must be an https:// URL (http:// only for localhost)`;
  }
  const spaced = url.split('').some((ch) => ch === ' ' || isBlankCharacter(ch) || isControl(ch));
  if (spaced) return `${field} must not contain spaces or control characters`;
  return null;
}

const EMAIL_LOCAL_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-";
const EMAIL_DOMAIN_CHARACTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-';

/**
 * An email address we send to: plain ASCII `local@domain.tld` (RFC 5321 dot-atom, at most 254 characters),
 * nothing else — no display name, no spaces, no CR/LF, no quotes. Stricter than GraphQL's AWSEmail, so every
 * address that passes here also serializes as AWSEmail.
 */
export function isEmailAddress(value: unknown): boolean {
  if (typeof value !== 'string' || value.length < 3 || value.length > 254) return false;
  const parts = value.split('@');
  if (parts.length !== 2) return false;
  const local = parts[0] ?? '';
  const domain = parts[1] ?? '';
  if (local.length === 0 || local.length > 64 || domain.length < 3) return false;
  if (!local.split('').every((ch) => EMAIL_LOCAL_CHARACTERS.indexOf(ch) >= 0)) return false;
  if (!domain.split('').every((ch) => EMAIL_DOMAIN_CHARACTERS.indexOf(ch) >= 0)) return false;
  const labels = domain.split('.');
  const goodLabels = labels.every(
    (label) => label.length > 0 && label.length <= 63 && !label.startsWith('-') && !label.endsWith('-'),
  );
  const localAtoms = local.split('.').every((atom) => atom.length > 0);
  return labels.length >= 2 && goodLabels && localAtoms;
}
