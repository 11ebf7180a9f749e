/** Creates (or updates) the order email templates in local SES, as the CDK stack does in AWS. */
import {
  CreateEmailTemplateCommand,
  ListEmailTemplatesCommand,
  UpdateEmailTemplateCommand,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import type { OrderEmailTemplate } from '../../functions/order-email/templates';

async function existingTemplateNames(ses: SESv2Client): Promise<Set<string>> {
  const names = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await ses.send(new ListEmailTemplatesCommand({ PageSize: 100, ...(nextToken ? { NextToken: nextToken } : {}) }));
    for (const template of page.TemplatesMetadata ?? []) if (template.TemplateName) names.add(template.TemplateName);
    nextToken = page.NextToken;
  } while (nextToken);
  return names;
}

export async function installEmailTemplates(ses: SESv2Client, templates: readonly OrderEmailTemplate[]): Promise<void> {
  const existing = await existingTemplateNames(ses);
  for (const template of templates) {
    const request = { TemplateName: template.name, TemplateContent: { Subject: template.subject, Html: template.html, Text: template.text } };
    await ses.send(existing.has(template.name) ? new UpdateEmailTemplateCommand(request) : new CreateEmailTemplateCommand(request));
  }
}
