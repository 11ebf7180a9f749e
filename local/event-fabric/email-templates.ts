/** Creates (or updates) the order email templates in local SES, as the CDK stack does in AWS. */
import {
  AlreadyExistsException,
  CreateEmailTemplateCommand,
  UpdateEmailTemplateCommand,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import type { OrderEmailTemplate } from '../../functions/order-email/templates';

export async function installEmailTemplates(ses: SESv2Client, templates: readonly OrderEmailTemplate[]): Promise<void> {
  for (const template of templates) {
    const content = { Subject: template.subject, Html: template.html, Text: template.text };
    try {
      await ses.send(new CreateEmailTemplateCommand({ TemplateName: template.name, TemplateContent: content }));
    } catch (error) {
      if (!(error instanceof AlreadyExistsException) && (error as { name?: string }).name !== 'AlreadyExistsException') throw error;
      await ses.send(new UpdateEmailTemplateCommand({ TemplateName: template.name, TemplateContent: content }));
    }
  }
}
