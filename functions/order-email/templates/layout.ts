/**
 * The shared frame of every order email: HTML made of tables and inline styles (what mail clients
 * render reliably), 600 px wide, with a hidden preheader, the brand header and a footer. The pieces
 * below are Handlebars source shared by the three templates; the HTML ones read the escaped `html` view.
 */

const BRAND = '#0f766e';
const INK = '#1f2937';
const MUTED = '#6b7280';
const LINE = '#e5e7eb';

export function htmlLayout(options: { title: string; preheader: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${options.title}</title>
</head>
<body style="margin:0;padding:0;background:#f1f5f4;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${options.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f4;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:12px;overflow:hidden;font-family:Helvetica,Arial,sans-serif;color:${INK};">
<tr><td style="background:${BRAND};padding:20px 32px;">
<span style="font-size:24px;font-weight:bold;color:#ffffff;letter-spacing:0.5px;">FarmaCruz</span>
<span style="display:block;font-size:13px;color:#ccfbf1;">Tu farmacia de confianza</span>
</td></tr>
<tr><td style="padding:32px;">
${options.body}
</td></tr>
<tr><td style="padding:20px 32px;background:#f9fafb;border-top:1px solid ${LINE};font-size:12px;line-height:18px;color:${MUTED};">
Recibes este correo porque hiciste un pedido en FarmaCruz. Si tienes dudas, responde a este mensaje y con gusto te ayudamos.<br>
© {{html.year}} FarmaCruz. Todos los derechos reservados.
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}

export const htmlHeadline = `<h1 style="margin:0 0 12px;font-size:24px;line-height:30px;color:${INK};">{{html.headline}}</h1>
<p style="margin:0 0 24px;font-size:16px;line-height:24px;">Hola {{html.greetingName}}, {{html.message}}</p>`;

export const htmlOrderBadge = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 24px;background:#f0fdfa;border-radius:8px;">
<tr><td style="padding:16px 20px;font-size:14px;line-height:22px;">
<strong>Pedido #{{html.orderNumber}}</strong><br>
<span style="color:${MUTED};">Realizado el {{html.placedAt}}</span><br>
Estado: <span style="display:inline-block;padding:2px 10px;border-radius:999px;background:${BRAND};color:#ffffff;font-size:12px;font-weight:bold;">{{html.status}}</span>
</td></tr>
</table>`;

export const htmlLinesAndTotals = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px;line-height:20px;">
<tr>
<th align="left" style="padding:8px 0;border-bottom:2px solid ${LINE};color:${MUTED};font-weight:normal;">Producto</th>
<th align="center" style="padding:8px 0;border-bottom:2px solid ${LINE};color:${MUTED};font-weight:normal;">Cant.</th>
<th align="right" style="padding:8px 0;border-bottom:2px solid ${LINE};color:${MUTED};font-weight:normal;">Importe</th>
</tr>
{{#each html.lines}}
<tr>
<td style="padding:10px 8px 10px 0;border-bottom:1px solid ${LINE};">
<strong>{{name}}</strong><br>
<span style="color:${MUTED};font-size:12px;">SKU {{sku}} · {{unitPrice}} c/u</span>
{{#if prescriptionRequired}}<br><span style="display:inline-block;margin-top:4px;padding:1px 8px;border-radius:999px;background:#fef3c7;color:#92400e;font-size:11px;">Requiere receta</span>{{/if}}
</td>
<td align="center" style="padding:10px 0;border-bottom:1px solid ${LINE};">{{quantity}}</td>
<td align="right" style="padding:10px 0;border-bottom:1px solid ${LINE};white-space:nowrap;">{{lineTotal}}</td>
</tr>
{{/each}}
<tr><td colspan="2" style="padding:12px 0 4px;">Subtotal ({{html.itemCountLabel}})</td><td align="right" style="padding:12px 0 4px;white-space:nowrap;">{{html.subtotal}}</td></tr>
<tr><td colspan="2" style="padding:4px 0;">Envío</td><td align="right" style="padding:4px 0;white-space:nowrap;">{{html.shipping}}</td></tr>
<tr><td colspan="2" style="padding:8px 0;border-top:2px solid ${LINE};font-size:16px;"><strong>Total</strong></td><td align="right" style="padding:8px 0;border-top:2px solid ${LINE};font-size:16px;white-space:nowrap;"><strong>{{html.total}}</strong></td></tr>
</table>
<p style="margin:4px 0 0;font-size:12px;color:${MUTED};">Precios con IVA incluido.</p>`;

export const htmlAddress = `<h2 style="margin:28px 0 8px;font-size:16px;color:${INK};">Dirección de envío</h2>
<p style="margin:0;font-size:14px;line-height:21px;">
{{html.address.recipientName}}<br>
{{html.address.line1}}<br>
{{#if html.address.line2}}{{html.address.line2}}<br>{{/if}}
{{html.address.city}}, {{html.address.state}}, C.P. {{html.address.postalCode}}<br>
{{html.address.country}}{{#if html.address.phone}} · Tel. {{html.address.phone}}{{/if}}
</p>`;

export const htmlPrescriptionNotice = `{{#if html.hasPrescriptionItems}}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:24px 0 0;background:#fffbeb;border:1px solid #fde68a;border-radius:8px;">
<tr><td style="padding:14px 18px;font-size:13px;line-height:20px;color:#92400e;">
<strong>Productos con receta:</strong> ten a la mano la receta médica vigente; la pediremos al entregar tu pedido.
</td></tr>
</table>
{{/if}}`;

export const htmlCancellationReason = `{{#if html.cancellationReason}}
<p style="margin:0 0 20px;padding:12px 16px;background:#fef2f2;border-radius:8px;font-size:14px;line-height:21px;"><strong>Motivo de la cancelación:</strong> {{html.cancellationReason}}</p>
{{/if}}`;

export const htmlShipmentTracking = `{{#if html.trackingNumber}}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 24px;background:#eff6ff;border-radius:8px;">
<tr><td style="padding:14px 18px;font-size:14px;line-height:22px;">
<strong>Paquetería:</strong> {{html.carrier}}<br>
<strong>Número de guía:</strong> <span style="font-family:Menlo,Consolas,monospace;">{{html.trackingNumber}}</span>
</td></tr>
</table>
{{/if}}`;

/** The order-placed email's payment part: SPEI transfer details, or what to have ready for cash on delivery. */
export const htmlPaymentInstructions = `{{#if html.spei}}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 24px;background:#eff6ff;border:1px solid #bfdbfe;border-radius:8px;">
<tr><td style="padding:16px 20px;font-size:14px;line-height:22px;">
<strong style="font-size:15px;">Cómo pagar por transferencia (SPEI)</strong><br>
Desde la app o el portal de tu banco, transfiere <strong>exactamente {{html.spei.amount}}</strong> a:<br>
CLABE: <strong style="font-family:Menlo,Consolas,monospace;">{{html.spei.clabe}}</strong><br>
Beneficiario: <strong>{{html.spei.beneficiary}}</strong><br>
Banco: <strong>{{html.spei.bank}}</strong><br>
Concepto o referencia: <strong style="font-family:Menlo,Consolas,monospace;">{{html.spei.reference}}</strong><br>
{{#if html.spei.deadline}}Apartamos tus productos hasta el <strong>{{html.spei.deadline}}</strong>: si para entonces no recibimos tu transferencia, cancelaremos el pedido.<br>{{/if}}
<span style="color:${MUTED};font-size:13px;">Escribe la referencia tal cual: así identificamos tu pago. Lo confirmamos en horario de la farmacia y te avisamos por correo.</span>
</td></tr>
</table>
{{/if}}{{#if html.cashOnDelivery}}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 24px;background:#f0fdf4;border:1px solid #bbf7d0;border-radius:8px;">
<tr><td style="padding:16px 20px;font-size:14px;line-height:22px;">
<strong style="font-size:15px;">Pago en efectivo al recibir</strong><br>
Paga <strong>{{html.cashOnDelivery.amount}}</strong> en efectivo a quien te entregue el pedido. Ten el importe exacto a la mano: el repartidor puede no llevar cambio.
</td></tr>
</table>
{{/if}}`;

export const textPaymentInstructions = `{{#if spei}}
CÓMO PAGAR POR TRANSFERENCIA (SPEI)
Desde la app o el portal de tu banco, transfiere exactamente {{spei.amount}} a:
  CLABE: {{spei.clabe}}
  Beneficiario: {{spei.beneficiary}}
  Banco: {{spei.bank}}
  Concepto o referencia: {{spei.reference}}
{{#if spei.deadline}}Apartamos tus productos hasta el {{spei.deadline}}: si para entonces no recibimos tu transferencia, cancelaremos el pedido.
{{/if}}Escribe la referencia tal cual: así identificamos tu pago.
{{/if}}{{#if cashOnDelivery}}
PAGO EN EFECTIVO AL RECIBIR
Paga {{cashOnDelivery.amount}} en efectivo a quien te entregue el pedido. Ten el importe exacto a la mano.
{{/if}}`;

export const htmlButton = `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:28px 0 0;">
<tr><td style="border-radius:8px;background:${BRAND};">
<a href="{{html.orderUrl}}" style="display:inline-block;padding:12px 24px;font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;">Ver mi pedido</a>
</td></tr>
</table>`;

export const textLines = `{{#each lines}}
- {{name}} (SKU {{sku}}){{#if prescriptionRequired}} [requiere receta]{{/if}}
  {{quantity}} x {{unitPrice}} = {{lineTotal}}
{{/each}}
Subtotal ({{itemCountLabel}}): {{subtotal}}
Envío: {{shipping}}
Total: {{total}}
Precios con IVA incluido.`;

export const textAddress = `Dirección de envío:
{{address.recipientName}}
{{address.line1}}
{{#if address.line2}}{{address.line2}}
{{/if}}{{address.city}}, {{address.state}}, C.P. {{address.postalCode}}
{{address.country}}{{#if address.phone}} · Tel. {{address.phone}}{{/if}}`;

export const textFooter = `--
FarmaCruz · Tu farmacia de confianza
Recibes este correo porque hiciste un pedido en FarmaCruz. Si tienes dudas, responde a este mensaje.`;
