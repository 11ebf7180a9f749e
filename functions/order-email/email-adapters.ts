/** Adapters of order-email: SES sends the templated email; S3 keeps the raw copy once SES accepted it. */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { LambdaSettings } from '../../config/settings';
import { EVENT_ID_HEADER, type EmailDelivery, type OrderEmailPlan } from './plan-order-email';

export async function sendTemplatedEmail(
  ses: SESv2Client,
  email: LambdaSettings['email'],
  plan: OrderEmailPlan,
): Promise<string> {
  const result = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: email.from,
      Destination: { ToAddresses: [plan.to] },
      ...(email.replyTo ? { ReplyToAddresses: [email.replyTo] } : {}),
      ...(email.configurationSet ? { ConfigurationSetName: email.configurationSet } : {}),
      Content: {
        Template: {
          TemplateName: plan.templateName,
          TemplateData: JSON.stringify(plan.templateData),
          Headers: [{ Name: EVENT_ID_HEADER, Value: plan.eventId }],
        },
      },
      EmailTags: [{ Name: 'category', Value: 'order' }],
    }),
  );
  if (!result.MessageId) throw new Error(`SES returned no MessageId for ${plan.eventId}`);
  return result.MessageId;
}

/** The copy of an email SES accepted, with the outcome as object metadata too (S3 lists show it). */
export async function archiveEmail(s3: S3Client, bucket: string, plan: OrderEmailPlan, mime: string, delivery: EmailDelivery): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: plan.archiveKey,
      Body: mime,
      ContentType: 'message/rfc822',
      Metadata: { 'event-id': plan.eventId, delivery: 'sent', 'ses-message-id': delivery.sesMessageId, 'sent-at': delivery.sentAt },
    }),
  );
}
