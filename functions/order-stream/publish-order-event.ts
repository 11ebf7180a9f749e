/** Adapter: publishes one order event on the orders topic, with the attributes filter policies match on. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { cardPaymentAttributeOf, ORDER_EVENT_ATTRIBUTE, type OrderEvent } from '../../model/order-events';

export async function publishOrderEvent(sns: SNSClient, topicArn: string, event: OrderEvent): Promise<string> {
  const result = await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify(event),
      MessageAttributes: {
        [ORDER_EVENT_ATTRIBUTE.eventType]: { DataType: 'String', StringValue: event.eventType },
        [ORDER_EVENT_ATTRIBUTE.status]: { DataType: 'String', StringValue: event.status },
        [ORDER_EVENT_ATTRIBUTE.eventId]: { DataType: 'String', StringValue: event.eventId },
        [ORDER_EVENT_ATTRIBUTE.schemaVersion]: { DataType: 'Number', StringValue: String(event.schemaVersion) },
        [ORDER_EVENT_ATTRIBUTE.cardPayment]: { DataType: 'String', StringValue: cardPaymentAttributeOf(event.order) },
      },
    }),
  );
  if (!result.MessageId) throw new Error(`SNS returned no MessageId for ${event.eventId}`);
  return result.MessageId;
}
