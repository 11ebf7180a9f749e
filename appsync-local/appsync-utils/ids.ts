/**
 * `util.autoId`, `util.autoUlid`, `util.autoKsuid`. Randomness comes from the host (a CSPRNG), passed in,
 * because the sandbox realm has none of its own beyond `Math.random`.
 */

/** Returns `count` cryptographically random bytes. */
export type RandomBytes = (count: number) => readonly number[];

const HEX = '0123456789abcdef';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID timestamps count seconds from 2014-05-13T16:53:20Z. */
const KSUID_EPOCH_SECONDS = 1400000000;

/** A random (version 4, RFC 4122 variant) UUID in its canonical lowercase form. */
export function autoId(random: RandomBytes): string {
  const bytes = random(16).slice();
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  let out = '';
  bytes.forEach((b, i) => {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[b >> 4]! + HEX[b & 15]!;
  });
  return out;
}

/** A ULID: 48-bit millisecond timestamp then 80 random bits, 26 Crockford base32 characters. */
export function autoUlid(random: RandomBytes, nowMs: number): string {
  let time = '';
  let t = Math.floor(nowMs);
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const bytes = random(10);
  let rest = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rest += CROCKFORD[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return time + rest;
}

/** A KSUID: 32-bit seconds since the KSUID epoch then 128 random bits, base62, 27 characters. */
export function autoKsuid(random: RandomBytes, nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000) - KSUID_EPOCH_SECONDS;
  const digits = [(seconds >>> 24) & 0xff, (seconds >>> 16) & 0xff, (seconds >>> 8) & 0xff, seconds & 0xff, ...random(16)];
  // Repeated division of the 160-bit big-endian number by 62.
  let out = '';
  let number = digits;
  while (number.length > 0) {
    const quotient: number[] = [];
    let remainder = 0;
    for (const d of number) {
      const acc = remainder * 256 + d;
      const q = Math.floor(acc / 62);
      remainder = acc % 62;
      if (quotient.length > 0 || q > 0) quotient.push(q);
    }
    out = BASE62[remainder] + out;
    number = quotient;
  }
  while (out.length < 27) out = `0${out}`;
  return out;
}
