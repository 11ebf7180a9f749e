/** Sent when an order is cancelled; reserved stock goes back and any payment is refunded. */
import type { OrderEmailTemplateContent } from './template-definition';
import { htmlButton, htmlCancellationReason, htmlHeadline, htmlLayout, htmlLinesAndTotals, htmlOrderBadge, textFooter, textLines } from './layout';

export const orderCancelledTemplate: OrderEmailTemplateContent = {
  subject: 'Tu pedido #{{orderNumber}} fue cancelado – FarmaCruz',
  html: htmlLayout({
    title: 'Tu pedido #{{html.orderNumber}} fue cancelado',
    preheader: 'Cancelamos tu pedido #{{html.orderNumber}} por {{html.total}}.',
    body: [
      htmlHeadline,
      htmlOrderBadge,
      htmlCancellationReason,
      `<p style="margin:0 0 20px;font-size:14px;color:#6b7280;">Cancelado el {{html.changedAt}}. Estos eran los productos del pedido:</p>`,
      htmlLinesAndTotals,
      htmlButton,
    ].join('\n'),
  }),
  text: `{{headline}}

Hola {{greetingName}}, {{message}}

Pedido #{{orderNumber}}
Cancelado el {{changedAt}} (antes: {{previousStatus}})
{{#if cancellationReason}}Motivo de la cancelación: {{cancellationReason}}
{{/if}}
Productos del pedido:
${textLines}

Ver mi pedido: {{orderUrl}}

${textFooter}
`,
};
