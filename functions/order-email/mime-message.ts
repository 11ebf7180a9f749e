/**
 * A MIME message (RFC 5322 / 2045–2047) of a rendered email: multipart/alternative with a text and an
 * HTML part, both UTF-8 in base64, and non-ASCII headers as encoded words. This is the archived copy;
 * SES composes the message it sends from the same template and data.
 *
 * Header injection: every header name and value is checked before anything is joined; a CR, LF or any
 * other control character (or a malformed address) throws HeaderInjectionError instead of starting a new
 * header line. Values come from orders and settings, so this is the last line of defence behind
 * createOrder's validation. (A hand-written builder rather than a MIME library: the copy is small, fully
 * tested, and the library candidates add a streaming API and ~0.5 MB to the Lambda bundle.)
 */
export class HeaderInjectionError extends Error {
  constructor(header: string) {
    super(`Refusing to write the ${header} header: it contains a line break or another control character`);
    this.name = 'HeaderInjectionError';
  }
}

/** Any C0 control (CR and LF included), DEL, C1 controls, and the Unicode line/paragraph separators. */
function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
}

function checkedHeader(name: string, value: string): [string, string] {
  if (!/^[!-9;-~]+$/.test(name)) throw new HeaderInjectionError(JSON.stringify(name));
  if (hasControlCharacter(value)) throw new HeaderInjectionError(name);
  return [name, value];
}
export interface MimeMessageInput {
  readonly from: string;
  readonly to: readonly string[];
  readonly replyTo?: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly date: Date;
  readonly messageId: string;
  /** Extra headers, ASCII values (e.g. X-FarmaCruz-Event-Id). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Multipart boundary; fixed by tests, random otherwise. */
  readonly boundary?: string;
}

function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** RFC 2047 encoded words, split so every line stays short and no UTF-8 sequence is cut. */
export function encodeHeaderText(text: string): string {
  if (isAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** An address part we write: ASCII, no spaces, no angle brackets, commas or quotes, exactly one "@". */
const PLAIN_ADDRESS = /^[^\s@<>,;:"()\[\]\\]+@[^\s@<>,;:"()\[\]\\]+$/;

/** `Name <addr>` with a non-ASCII display name encoded; plain addresses unchanged. Refuses anything else. */
export function encodeAddress(address: string): string {
  if (hasControlCharacter(address)) throw new HeaderInjectionError('address');
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(address);
  const plain = match ? match[2]! : address.trim();
  if (!PLAIN_ADDRESS.test(plain) || !/^[\x21-\x7e]+$/.test(plain)) throw new HeaderInjectionError('address');
  if (!match || !match[1]) return plain;
  const name = match[1].replace(/^"|"$/g, '');
  return `${isAscii(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeHeaderText(name)} <${match[2]}>`;
}

function base64Body(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return encoded.replace(/.{1,76}/g, (line) => `${line}\r\n`);
}

export function buildMimeMessage(input: MimeMessageInput): string {
  const boundary = input.boundary ?? `=_farmacruz_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  if (hasControlCharacter(input.subject)) throw new HeaderInjectionError('Subject');
  if (!/^[\x21-\x7e]+$/.test(input.messageId) || /[<>]/.test(input.messageId)) throw new HeaderInjectionError('Message-ID');
  const headers: [string, string][] = [
    checkedHeader('From', encodeAddress(input.from)),
    checkedHeader('To', input.to.map(encodeAddress).join(', ')),
    ...(input.replyTo ? [checkedHeader('Reply-To', encodeAddress(input.replyTo))] : []),
    ['Subject', encodeHeaderText(input.subject)],
    ['Date', input.date.toUTCString().replace('GMT', '+0000')],
    checkedHeader('Message-ID', `<${input.messageId}>`),
    ['MIME-Version', '1.0'],
    ...Object.entries(input.headers ?? {}).map(([name, value]) => checkedHeader(name, value)),
    checkedHeader('Content-Type', `multipart/alternative; boundary="${boundary}"`),
  ];
  const part = (type: string, body: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Body(body)}`;
  return [
    headers.map(([name, value]) => `${name}: ${value}`).join('\r\n'),
    '',
    part('text/plain', input.text) + part('text/html', input.html) + `--${boundary}--\r\n`,
  ].join('\r\n');
}
