/** An SES email template as data: what the CDK stack deploys and the local fabric creates in local SES. */
export interface OrderEmailTemplateContent {
  /** Handlebars source of the subject (plain text values). */
  readonly subject: string;
  /** Handlebars source of the HTML part (reads the HTML-escaped view under `html`). */
  readonly html: string;
  /** Handlebars source of the text part. */
  readonly text: string;
}

export interface OrderEmailTemplate extends OrderEmailTemplateContent {
  /** SES template name (settings: ORDER_EMAIL_TEMPLATE_*). */
  readonly name: string;
}
