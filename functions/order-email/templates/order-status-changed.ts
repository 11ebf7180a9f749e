/** Sent when staff move an order along (paid, shipped, delivered). */
import type { OrderEmailTemplateContent } from './template-definition';
import { htmlButton, htmlHeadline, htmlShipmentTracking, htmlLayout, htmlLinesAndTotals, htmlOrderBadge, textFooter, textLines } from './layout';

export const orderStatusChangedTemplate: OrderEmailTemplateContent = {
  subject: 'Tu pedido #{{orderNumber}}: {{status}} – FarmaCruz',
  html: htmlLayout({
    title: 'Tu pedido #{{html.orderNumber}}: {{html.status}}',
    preheader: '{{html.headline}}',
    body: [
      htmlHeadline,
      htmlOrderBadge,
      `<p style="margin:0 0 20px;font-size:14px;color:#6b7280;">Cambió de «{{html.previousStatus}}» a «{{html.status}}» el {{html.changedAt}}.</p>`,
      htmlShipmentTracking,
      htmlLinesAndTotals,
      htmlButton,
    ].join('\n'),
  }),
  text: `{{headline}}

Hola {{greetingName}}, {{message}}

Pedido #{{orderNumber}}
Estado: {{status}} (antes: {{previousStatus}}), desde el {{changedAt}}
{{#if trackingNumber}}Paquetería: {{carrier}} · Número de guía: {{trackingNumber}}
{{/if}}
${textLines}

Ver mi pedido: {{orderUrl}}

${textFooter}
`,
};
