/**
 * A MIME message (RFC 5322 / 2045–2047) of a rendered email: multipart/alternative with a text and an
 * HTML part, both UTF-8 in base64, and non-ASCII headers as encoded words. This is the archived copy;
 * SES composes the message it sends from the same template and data.
 */
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

/** `Name <addr>` with a non-ASCII display name encoded; plain addresses unchanged. */
export function encodeAddress(address: string): string {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(address);
  if (!match || !match[1]) return address.trim();
  const name = match[1].replace(/^"|"$/g, '');
  return `${isAscii(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeHeaderText(name)} <${match[2]}>`;
}

function base64Body(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return encoded.replace(/.{1,76}/g, (line) => `${line}\r\n`);
}

export function buildMimeMessage(input: MimeMessageInput): string {
  const boundary = input.boundary ?? `=_farmacruz_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const headers: [string, string][] = [
    ['From', encodeAddress(input.from)],
    ['To', input.to.map(encodeAddress).join(', ')],
    ...(input.replyTo ? ([['Reply-To', encodeAddress(input.replyTo)]] as [string, string][]) : []),
    ['Subject', encodeHeaderText(input.subject)],
    ['Date', input.date.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<${input.messageId}>`],
    ['MIME-Version', '1.0'],
    ...Object.entries(input.headers ?? {}),
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ];
  const part = (type: string, body: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Body(body)}`;
  return [
    headers.map(([name, value]) => `${name}: ${value}`).join('\r\n'),
    '',
    part('text/plain', input.text) + part('text/html', input.html) + `--${boundary}--\r\n`,
  ].join('\r\n');
}
