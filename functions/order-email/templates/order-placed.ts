/** Confirmation sent when an order is placed: lines, totals, shipping address, prescription notice. */
import type { OrderEmailTemplateContent } from './template-definition';
import {
  htmlAddress,
  htmlButton,
  htmlHeadline,
  htmlLayout,
  htmlLinesAndTotals,
  htmlOrderBadge,
  htmlPaymentInstructions,
  htmlPrescriptionNotice,
  textAddress,
  textFooter,
  textLines,
  textPaymentInstructions,
} from './layout';

export const orderPlacedTemplate: OrderEmailTemplateContent = {
  subject: 'Recibimos tu pedido #{{orderNumber}} – FarmaCruz',
  html: htmlLayout({
    title: 'Recibimos tu pedido #{{html.orderNumber}}',
    preheader: 'Pedido #{{html.orderNumber}} por {{html.total}}: ya lo estamos preparando.',
    body: [htmlHeadline, htmlOrderBadge, htmlPaymentInstructions, htmlLinesAndTotals, htmlAddress, htmlPrescriptionNotice, htmlButton].join('\n'),
  }),
  text: `¡Gracias por tu pedido, {{greetingName}}!

{{message}}

Pedido #{{orderNumber}}
Realizado el {{placedAt}}
Estado: {{status}}
{{#if paymentMethod}}Forma de pago: {{paymentMethod}}
{{/if}}${textPaymentInstructions}
${textLines}

${textAddress}
{{#if hasPrescriptionItems}}
Productos con receta: ten a la mano la receta médica vigente; la pediremos al entregar tu pedido.
{{/if}}
Ver mi pedido: {{orderUrl}}

${textFooter}
`,
};
