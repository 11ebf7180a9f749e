import { describe, expect, it } from 'vitest';
import { DEMO_SPEI_ACCOUNT, localLambdaSettings, loadSpeiAccount } from '../../config/settings';
import { sampleOrderItem, withStatus } from '../../test/support/orders';
import { orderEventFromChange } from '../order-stream/order-event-from-change';
import type { OrderEvent } from '../../model/order-events';
import { escapeHtml } from './email-view';
import { buildMimeMessage, encodeHeaderText, HeaderInjectionError } from './mime-message';
import { formatMoney } from '../../model/money-format';
import { archivedEmailMime, emailArchiveKey, planOrderEmail } from './plan-order-email';
import { renderTemplate } from './render-template';
import { orderEmailTemplates } from './templates';

const settings = localLambdaSettings({});
const now = new Date('2025-03-14T17:05:03.000Z');

function placedEvent(overrides: Parameters<typeof sampleOrderItem>[0] = {}): OrderEvent {
  const event = orderEventFromChange('INSERT', undefined, sampleOrderItem({ id: '01JPAXQ7N4M2ZC3V5B6N7M8K9P', ...overrides }));
  if (!event) throw new Error('expected an event');
  return event;
}

const delivery = { sesMessageId: '0100019a-ses-message-id', sentAt: now.toISOString() };

function render(event: OrderEvent) {
  const plan = planOrderEmail(event, settings.email);
  if (!plan) throw new Error('expected an email');
  const template = orderEmailTemplates(settings.email.templates).find((t) => t.name === plan.templateName);
  const rendered = renderTemplate(template!, plan.templateData);
  expect(plan.rendered).toEqual(rendered);
  return { plan, rendered, mime: archivedEmailMime(plan, settings.email, delivery) };
}

/** The decoded parts of a base64 multipart MIME message. */
function mimeParts(mime: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const match of mime.matchAll(/Content-Type: (text\/\w+); charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/g)) {
    parts[match[1]!] = Buffer.from(match[2]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
  }
  return parts;
}

describe('money as shoppers read it', () => {
  it('groups thousands and always shows centavos and the currency', () => {
    expect(formatMoney(123_450, 'MXN')).toBe('$1,234.50 MXN');
    expect(formatMoney(5, 'MXN')).toBe('$0.05 MXN');
    expect(formatMoney(100_000_000, 'MXN')).toBe('$1,000,000.00 MXN');
    expect(formatMoney(-4_550, 'MXN')).toBe('-$45.50 MXN');
  });

  it('refuses non-integer cents', () => {
    expect(() => formatMoney(10.5, 'MXN')).toThrow(RangeError);
  });
});

describe('order confirmation email', () => {
  it('has a Spanish subject with the short order number', () => {
    const { rendered } = render(placedEvent());
    expect(rendered.subject).toBe('Recibimos tu pedido #6N7M8K9P – FarmaCruz');
  });

  it('lists every line with quantity, unit price and line total, and the totals, in text and HTML', () => {
    const { rendered } = render(placedEvent({ shippingCents: 9_900 }));
    for (const part of [rendered.text, rendered.html]) {
      expect(part).toContain('Paracetamol 500 mg, 20 tabletas');
      expect(part).toContain('Amoxicilina 500 mg, 12 cápsulas');
      expect(part).toContain('$1,144.00 MXN');
      expect(part).toContain('$91.00 MXN');
      expect(part).toContain('$1,235.00 MXN');
      expect(part).toContain('$99.00 MXN');
      expect(part).toContain('$1,334.00 MXN');
    }
    expect(rendered.text).toContain('2 x $45.50 MXN = $91.00 MXN');
    expect(rendered.text).toContain('Subtotal (3 productos): $1,235.00 MXN');
    expect(rendered.text).toContain('Total: $1,334.00 MXN');
  });

  it('greets by first name, shows the address and warns about prescription products', () => {
    const { rendered } = render(placedEvent());
    expect(rendered.text).toContain('¡Gracias por tu pedido, Ana!');
    expect(rendered.text).toContain('Av. Insurgentes Sur 1234, int. 5');
    expect(rendered.text).toContain('Ciudad de México, CDMX, C.P. 03100');
    expect(rendered.text).toContain('[requiere receta]');
    expect(rendered.html).toContain('Requiere receta');
    expect(rendered.text).toContain('Envío: Gratis');
    expect(rendered.text).toContain('Realizado el 14 de marzo de 2025');
  });

  it('escapes what shoppers typed in the HTML part but not in the text part', () => {
    const event = placedEvent();
    event.order.shippingAddress.recipientName = 'Ana <script>alert(1)</script>';
    event.order.shippingAddress.line1 = 'Calle "Uno" & Dos';
    const { rendered } = render(event);
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('Calle &quot;Uno&quot; &amp; Dos');
    expect(rendered.text).toContain('Calle "Uno" & Dos');
    expect(escapeHtml(`<a href="x">'y'</a>`)).toBe('&lt;a href&#61;&quot;x&quot;&gt;&#39;y&#39;&lt;/a&gt;');
  });

  it('needs an email address: no address, no email', () => {
    expect(planOrderEmail(placedEvent({ customerEmail: undefined }), settings.email)).toBeNull();
  });
});

describe('status emails', () => {
  const placed = sampleOrderItem({ id: '01JPAXQ7N4M2ZC3V5B6N7M8K9P' });

  it('a shipped order says it is on its way, with the status change', () => {
    const shipped = withStatus(withStatus(placed, 'PAID', '2025-03-14T18:00:00.000Z'), 'SHIPPED', '2025-03-15T15:30:00.000Z');
    const event = orderEventFromChange('MODIFY', withStatus(placed, 'PAID', '2025-03-14T18:00:00.000Z'), shipped)!;
    const { plan, rendered } = render(event);
    expect(plan.templateName).toBe(settings.email.templates.orderStatusChanged);
    expect(rendered.subject).toBe('Tu pedido #6N7M8K9P: Enviado – FarmaCruz');
    expect(rendered.text).toContain('Tu pedido va en camino');
    expect(rendered.text).toContain('Estado: Enviado (antes: Pagado)');
  });

  it('a cancelled order uses the cancellation template', () => {
    const event = orderEventFromChange('MODIFY', placed, withStatus(placed, 'CANCELLED', '2025-03-15T09:00:00.000Z'))!;
    const { plan, rendered } = render(event);
    expect(plan.templateName).toBe(settings.email.templates.orderCancelled);
    expect(rendered.subject).toBe('Tu pedido #6N7M8K9P fue cancelado – FarmaCruz');
    expect(rendered.text).toContain('Cancelamos tu pedido');
    expect(rendered.text).not.toContain('Motivo');
  });

  it('the shipping email gives the carrier and the tracking number staff typed, escaped in HTML', () => {
    const paid = withStatus(placed, 'PAID', '2025-03-14T18:00:00.000Z');
    const shipped = withStatus(paid, 'SHIPPED', '2025-03-15T15:30:00.000Z', { carrier: 'Estafeta <Express>', trackingNumber: '7012 3456 789' });
    const { rendered } = render(orderEventFromChange('MODIFY', paid, shipped)!);
    expect(rendered.text).toContain('Paquetería: Estafeta <Express> · Número de guía: 7012 3456 789');
    expect(rendered.html).toContain('Estafeta &lt;Express&gt;');
    expect(rendered.html).toContain('7012 3456 789');
  });

  it('the cancellation email gives the reason staff wrote', () => {
    const cancelled = withStatus(placed, 'CANCELLED', '2025-03-15T09:00:00.000Z', { reason: 'La clienta pidió cancelar por teléfono' });
    const { rendered } = render(orderEventFromChange('MODIFY', placed, cancelled)!);
    expect(rendered.text).toContain('Motivo de la cancelación: La clienta pidió cancelar por teléfono');
    expect(rendered.html).toContain('La clienta pidió cancelar por teléfono');
  });
});

describe('archived copy', () => {
  it('is kept under the date of the change, the order and the event', () => {
    expect(emailArchiveKey(placedEvent())).toBe('2025/03/14/01JPAXQ7N4M2ZC3V5B6N7M8K9P/v1-OrderPlaced.eml');
  });

  it('is a MIME message with both parts, the envelope, the event id and what SES said', () => {
    const { rendered, mime } = render(placedEvent());
    expect(mime).toContain('To: ana.lopez@example.com');
    expect(mime).toContain('From: "FarmaCruz" <pedidos@farmacruz.mx>');
    expect(mime).toContain('X-FarmaCruz-Event-Id: 01JPAXQ7N4M2ZC3V5B6N7M8K9P#v1');
    expect(mime).toContain('X-FarmaCruz-Delivery: sent');
    expect(mime).toContain('X-FarmaCruz-SES-Message-Id: 0100019a-ses-message-id');
    expect(mime).toContain('Date: Fri, 14 Mar 2025 17:05:03 +0000');
    expect(mime).toContain(`Subject: ${encodeHeaderText(rendered.subject)}`);
    const parts = mimeParts(mime);
    expect(parts['text/plain']).toBe(rendered.text);
    expect(parts['text/html']).toBe(rendered.html);
  });

  it('encodes non-ASCII headers as UTF-8 encoded words', () => {
    const encoded = encodeHeaderText('Recibimos tu pedido – FarmaCruz');
    expect(encoded).toMatch(/^=\?UTF-8\?B\?/);
    const decoded = encoded
      .split('\r\n ')
      .map((word) => Buffer.from(word.slice(10, -2), 'base64').toString('utf8'))
      .join('');
    expect(decoded).toBe('Recibimos tu pedido – FarmaCruz');
    const mime = buildMimeMessage({ from: 'a@b.c', to: ['d@e.f'], subject: 'Hola', text: 't', html: 'h', date: now, messageId: 'm@x', boundary: 'B' });
    expect(mime).toContain('Subject: Hola\r\n');
    expect(mime.endsWith('--B--\r\n')).toBe(true);
  });
});

describe('header injection', () => {
  const base = { from: 'FarmaCruz <pedidos@farmacruz.mx>', to: ['ana@example.mx'], subject: 'Hola', text: 't', html: 'h', date: now, messageId: 'm@x', boundary: 'B' };

  it.each([
    ['To', { to: ['ana@example.mx\r\nBcc: espia@evil.test'] }],
    ['To (LF only)', { to: ['ana@example.mx\nBcc: espia@evil.test'] }],
    ['To (display name)', { to: ['"Ana\r\nBcc: x@evil.test" <ana@example.mx>'] }],
    ['To (two addresses)', { to: ['ana@example.mx, espia@evil.test'] }],
    ['From', { from: 'FarmaCruz <pedidos@farmacruz.mx>\r\nBcc: x@evil.test' }],
    ['Reply-To', { replyTo: 'ayuda@farmacruz.mx\rBcc: x@evil.test' }],
    ['Subject', { subject: 'Tu pedido\r\nBcc: x@evil.test' }],
    ['Message-ID', { messageId: 'm@x>\r\nBcc: <x@evil.test' }],
    ['an extra header value', { headers: { 'X-FarmaCruz-Event-Id': 'e#v1\r\nBcc: x@evil.test' } }],
    ['an extra header name', { headers: { 'Bcc: x@evil.test\r\nX': 'y' } }],
  ])('refuses a CR/LF in %s instead of writing a new header line', (_label, overrides) => {
    expect(() => buildMimeMessage({ ...base, ...overrides })).toThrow(HeaderInjectionError);
  });

  it('refuses to plan an email to an address that is not plain', () => {
    const event = placedEvent({ customerEmail: 'ana@example.mx\r\nBcc: espia@evil.test' });
    expect(() => planOrderEmail(event, settings.email)).toThrow(/not a plain address/);
  });

  it('keeps a plain message intact', () => {
    const mime = buildMimeMessage(base);
    expect(mime.split('\r\n\r\n')[0]!.split('\r\n').map((line) => line.split(':')[0])).toEqual([
      'From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type',
    ]);
  });
});

describe('payment instructions in the order-placed email', () => {
  const speiOrder = { paymentMethod: 'SPEI', paymentReference: 'FC-N4M2ZC3V5B', reservationExpiresAt: '2025-03-16T17:05:00.000Z' } as const;

  it('gives a SPEI order the shop account (CLABE, beneficiary, bank), the exact amount, the reference and the deadline, in HTML and text', () => {
    const event = placedEvent(speiOrder);
    const { rendered, plan } = render(event);
    const total = formatMoney(event.order.totalCents, 'MXN');
    expect(plan.templateData.spei).toEqual({
      clabe: '012 180 00123456789 9',
      beneficiary: DEMO_SPEI_ACCOUNT.beneficiary,
      bank: DEMO_SPEI_ACCOUNT.bank,
      amount: total,
      reference: 'FC-N4M2ZC3V5B',
      deadline: '16 de marzo de 2025 a las 11:05 a.m.',
    });
    for (const part of [rendered.text, rendered.html]) {
      expect(part).toContain('012 180 00123456789 9');
      expect(part).toContain('FC-N4M2ZC3V5B');
      expect(part).toContain(escapeHtml(DEMO_SPEI_ACCOUNT.beneficiary));
      expect(part).toContain('BBVA México');
      expect(part).toContain(`exactamente ${total}`);
      expect(part).toContain('16 de marzo de 2025 a las 11:05 a.m.');
    }
    expect(rendered.text).toContain('Forma de pago: Transferencia bancaria (SPEI)');
  });

  it('uses the account the Lambda is configured with (the same variables the CDK sets from config/settings.ts)', () => {
    const configured = localLambdaSettings({ FARMACRUZ_SPEI_CLABE: '002010077777777771', FARMACRUZ_SPEI_BENEFICIARY: 'Farmacias Cruz Norte', FARMACRUZ_SPEI_BANK: 'Banamex' });
    const plan = planOrderEmail(placedEvent(speiOrder), configured.email)!;
    expect(plan.rendered.text).toContain('CLABE: 002 010 07777777777 1');
    expect(plan.rendered.text).toContain('Beneficiario: Farmacias Cruz Norte');
    expect(plan.rendered.text).toContain('Banco: Banamex');
  });

  it('refuses a configured CLABE whose control digit is wrong, or that is not 18 digits', () => {
    expect(() => loadSpeiAccount({ FARMACRUZ_SPEI_CLABE: '002010077777777772' })).toThrow(/CLABE/);
    expect(() => loadSpeiAccount({ FARMACRUZ_SPEI_CLABE: '12345' })).toThrow(/CLABE/);
    expect(loadSpeiAccount({ FARMACRUZ_SPEI_CLABE: '002 010 07777777777 1' }).clabe).toBe('002010077777777771');
    expect(loadSpeiAccount({})).toEqual(DEMO_SPEI_ACCOUNT);
  });

  it('tells a cash-on-delivery order what to have ready, and a card order neither', () => {
    const cod = render(placedEvent({ paymentMethod: 'CASH_ON_DELIVERY' }));
    expect(cod.rendered.text).toContain('PAGO EN EFECTIVO AL RECIBIR');
    expect(cod.rendered.html).toContain('Pago en efectivo al recibir');
    expect(cod.rendered.text).not.toContain('CLABE');
    const card = render(placedEvent({ paymentMethod: 'CARD', reservationExpiresAt: '2025-03-14T17:35:00.000Z' }));
    expect(card.rendered.text).toContain('Forma de pago: Tarjeta de crédito o débito');
    expect(card.rendered.text).not.toContain('CLABE');
    expect(card.rendered.text).not.toContain('EFECTIVO');
  });
});

