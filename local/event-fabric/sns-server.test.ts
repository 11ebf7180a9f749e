import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { LOCAL_CREDENTIALS } from '../dynamodb-local';
import { startSnsServer, type PublishedMessage, type SnsServer } from './sns-server';

const delivered: { queue: string; message: PublishedMessage }[] = [];
let server: SnsServer;
let sns: SNSClient;

beforeAll(async () => {
  server = await startSnsServer({
    host: '127.0.0.1',
    region: 'us-east-1',
    topics: new Map([
      [
        'orders',
        [
          { queue: 'all-events' },
          { queue: 'placed-only', filterPolicy: { eventType: ['OrderPlaced'] } },
        ],
      ],
    ]),
    deliver: async (queue, message) => {
      delivered.push({ queue, message });
    },
  });
  sns = new SNSClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  sns.destroy();
  await server.close();
});

const attributes = (eventType: string) => ({ eventType: { DataType: 'String', StringValue: eventType } });

describe('local SNS endpoint', () => {
  it('answers the v3 client with a message id and fans out to every subscribed queue whose filter matches', async () => {
    delivered.length = 0;
    const result = await sns.send(new PublishCommand({ TopicArn: server.topicArn('orders'), Message: '{"n":1}', MessageAttributes: attributes('OrderPlaced') }));
    expect(result.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivered.map((d) => d.queue).sort()).toEqual(['all-events', 'placed-only']);
    expect(delivered[0]!.message).toMatchObject({ body: '{"n":1}', messageAttributes: { eventType: { dataType: 'String', stringValue: 'OrderPlaced' } } });
  });

  it('keeps messages away from queues whose filter policy does not match', async () => {
    delivered.length = 0;
    await sns.send(new PublishCommand({ TopicArn: server.topicArn('orders'), Message: 'x', MessageAttributes: attributes('OrderCancelled') }));
    expect(delivered.map((d) => d.queue)).toEqual(['all-events']);
  });

  it('publishes batches entry by entry', async () => {
    delivered.length = 0;
    const result = await sns.send(
      new PublishBatchCommand({
        TopicArn: server.topicArn('orders'),
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'first', MessageAttributes: attributes('OrderPlaced') },
          { Id: 'b', Message: 'second' },
        ],
      }),
    );
    expect(result.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(result.Failed ?? []).toEqual([]);
    expect(delivered.filter((d) => d.queue === 'all-events').map((d) => d.message.body)).toEqual(['first', 'second']);
  });

  it('rejects unknown topics with NotFound', async () => {
    await expect(sns.send(new PublishCommand({ TopicArn: server.topicArn('nope'), Message: 'x' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});
