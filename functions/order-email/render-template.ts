/**
 * Renders a template the way SES does: Handlebars with its built-in helpers only and no HTML escaping
 * (the view escapes HTML values itself). order-email uses it for the archived copy of each email.
 */
import Handlebars from 'handlebars';
import type { OrderEmailTemplateContent } from './templates';

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

const engine = Handlebars.create();
const compiled = new WeakMap<OrderEmailTemplateContent, (data: unknown) => RenderedEmail>();

export function renderTemplate(template: OrderEmailTemplateContent, data: unknown): RenderedEmail {
  let render = compiled.get(template);
  if (!render) {
    const options = { noEscape: true, strict: false };
    const subject = engine.compile(template.subject, options);
    const html = engine.compile(template.html, options);
    const text = engine.compile(template.text, options);
    render = (d) => ({ subject: subject(d), html: html(d), text: text(d) });
    compiled.set(template, render);
  }
  return render(data);
}
