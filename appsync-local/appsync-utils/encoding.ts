/**
 * `util.urlEncode`, `util.urlDecode`, `util.base64Encode`, `util.base64Decode`, `util.escapeJavaScript`.
 * AppSync's utilities follow Java semantics (URLEncoder, Base64, commons-text escapeEcmaScript) over UTF-8;
 * these do the same with nothing but ECMAScript, so they run unchanged inside the sandbox realm.
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) as number;
    // A lone surrogate is not encodable: Java writes '?' for it.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x3f;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return bytes;
}

/** Decodes UTF-8, replacing malformed sequences with U+FFFD as Java's `new String(bytes, UTF_8)` does. */
function utf8Text(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] as number;
    const need = b0 < 0x80 ? 0 : b0 < 0xc2 ? -1 : b0 < 0xe0 ? 1 : b0 < 0xf0 ? 2 : b0 < 0xf5 ? 3 : -1;
    if (need < 0) {
      out += '\ufffd';
      i += 1;
      continue;
    }
    let cp = need === 0 ? b0 : b0 & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k += 1) {
      const b = bytes[i + k];
      if (b === undefined || (b & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    const overlong = (need === 2 && cp < 0x800) || (need === 3 && cp < 0x10000);
    if (!ok || overlong || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
      out += '\ufffd';
      i += 1;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

export function base64Encode(text: string): string {
  const bytes = utf8Bytes(String(text));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += BASE64_ALPHABET[b0 >> 2];
    out += BASE64_ALPHABET[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)];
    out += b1 === undefined ? '=' : BASE64_ALPHABET[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)];
    out += b2 === undefined ? '=' : BASE64_ALPHABET[b2 & 63];
  }
  return out;
}

export function base64Decode(encoded: string): string {
  const text = String(encoded);
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (body.length % 4 === 1) throw new Error(`Input is not valid base64: ${text}`);
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of body) {
    const value = BASE64_ALPHABET.indexOf(ch);
    if (value < 0) throw new Error(`Input is not valid base64: ${text}`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return utf8Text(bytes);
}

const HEX = '0123456789ABCDEF';

/** `application/x-www-form-urlencoded`, as Java's URLEncoder: only `A-Za-z0-9.-*_` stay, space becomes `+`. */
export function urlEncode(text: string): string {
  let out = '';
  for (const ch of String(text)) {
    const code = ch.charCodeAt(0);
    const keep =
      (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || '.-*_'.indexOf(ch) >= 0;
    if (keep) out += ch;
    else if (ch === ' ') out += '+';
    else for (const b of utf8Bytes(ch)) out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

/** Reverses `urlEncode`: `+` is a space, `%XX` sequences are UTF-8 bytes. */
export function urlDecode(text: string): string {
  const source = String(text);
  let out = '';
  let pending: number[] = [];
  const flush = () => {
    if (pending.length > 0) out += utf8Text(pending);
    pending = [];
  };
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i] as string;
    if (ch === '%') {
      const hex = source.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        throw new Error(`URLDecoder: Illegal hex characters in escape (%) pattern - ${hex}`);
      }
      pending.push(parseInt(hex, 16));
      i += 2;
      continue;
    }
    flush();
    out += ch === '+' ? ' ' : ch;
  }
  flush();
  return out;
}

const ECMASCRIPT_ESCAPES: Readonly<Record<string, string>> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

/** Escapes a string for a JavaScript string literal, as commons-text `escapeEcmaScript` does. */
export function escapeJavaScript(text: string): string {
  const source = String(text);
  let out = '';
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i] as string;
    const fixed = ECMASCRIPT_ESCAPES[ch];
    if (fixed !== undefined) {
      out += fixed;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code > 0x7f) {
      const hex = code.toString(16).toUpperCase();
      out += `\\u${'0000'.slice(hex.length)}${hex}`;
    } else {
      out += ch;
    }
  }
  return out;
}
