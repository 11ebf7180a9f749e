/**
 * A local SNS endpoint for the order-stream handler's unchanged SNS client (AWS_ENDPOINT_URL_SNS or the
 * settings' endpoint): the Query protocol the v3 client speaks (form-encoded POST, XML answers) for
 * Publish and PublishBatch. Each topic fans out to the queues the wiring subscribes to it, with raw
 * message delivery and filter policies. A publish is answered only after the message is on disk in every
 * matching queue, so a published event is never lost.
 */
import { listenLocally, readRequestBody } from '../http-endpoint';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { matchesFilterPolicy } from './filters';
import { LOCAL_ACCOUNT_ID } from './lambda-context';
import type { QueueMessageAttribute } from './queue-store';

export interface Subscription {
  readonly queue: string;
  readonly filterPolicy?: Readonly<Record<string, readonly string[]>>;
}

export interface PublishedMessage {
  readonly topic: string;
  readonly messageId: string;
  readonly body: string;
  readonly messageAttributes: Record<string, QueueMessageAttribute>;
}

export interface SnsServerOptions {
  readonly host: string;
  readonly port?: number;
  readonly region: string;
  /** Topic name → its queue subscriptions. */
  readonly topics: ReadonlyMap<string, readonly Subscription[]>;
  /** Stores the message in one queue; resolves once it is durable. */
  readonly deliver: (queue: string, message: PublishedMessage) => Promise<void>;
  readonly onPublished?: (message: PublishedMessage, queues: readonly string[]) => void;
}

export interface SnsServer {
  readonly endpoint: string;
  topicArn(topic: string): string;
  close(): Promise<void>;
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

class SnsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue` under `prefix`. */
function readAttributes(params: URLSearchParams, prefix: string): Record<string, QueueMessageAttribute> {
  const attributes: Record<string, QueueMessageAttribute> = {};
  for (let n = 1; params.has(`${prefix}MessageAttributes.entry.${n}.Name`); n += 1) {
    const entry = `${prefix}MessageAttributes.entry.${n}`;
    const name = params.get(`${entry}.Name`) ?? '';
    const dataType = params.get(`${entry}.Value.DataType`) ?? 'String';
    const stringValue = params.get(`${entry}.Value.StringValue`) ?? undefined;
    const binaryValue = params.get(`${entry}.Value.BinaryValue`) ?? undefined;
    attributes[name] = {
      dataType,
      ...(stringValue !== undefined ? { stringValue } : {}),
      ...(binaryValue !== undefined ? { binaryValue } : {}),
    };
  }
  return attributes;
}


export async function startSnsServer(options: SnsServerOptions): Promise<SnsServer> {
  const topicArn = (topic: string) => `arn:aws:sns:${options.region}:${LOCAL_ACCOUNT_ID}:${topic}`;
  const topicOf = (arn: string | null): string => {
    const topic = arn?.split(':').at(-1) ?? '';
    if (!arn || arn !== topicArn(topic) || !options.topics.has(topic)) {
      throw new SnsError(404, 'NotFound', `Topic does not exist: ${arn ?? '(none)'}`);
    }
    return topic;
  };

  const publish = async (topic: string, body: string | null, attributes: Record<string, QueueMessageAttribute>) => {
    if (body === null || body === '') throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Message');
    if (Buffer.byteLength(body) > 256 * 1024) throw new SnsError(400, 'InvalidParameter', 'Message too long');
    const message: PublishedMessage = { topic, messageId: randomUUID(), body, messageAttributes: attributes };
    const queues = (options.topics.get(topic) ?? [])
      .filter((s) => matchesFilterPolicy(attributes, s.filterPolicy))
      .map((s) => s.queue);
    await Promise.all(queues.map((queue) => options.deliver(queue, message)));
    options.onPublished?.(message, queues);
    return message.messageId;
  };

  const handle = async (params: URLSearchParams): Promise<string> => {
    const action = params.get('Action');
    const requestId = randomUUID();
    const metadata = `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`;
    if (action === 'Publish') {
      const topic = topicOf(params.get('TopicArn'));
      const messageId = await publish(topic, params.get('Message'), readAttributes(params, ''));
      return `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>${metadata}</PublishResponse>`;
    }
    if (action === 'PublishBatch') {
      const topic = topicOf(params.get('TopicArn'));
      const successful: string[] = [];
      const failed: string[] = [];
      for (let n = 1; params.has(`PublishBatchRequestEntries.member.${n}.Id`); n += 1) {
        const prefix = `PublishBatchRequestEntries.member.${n}.`;
        const id = params.get(`${prefix}Id`) ?? '';
        try {
          const messageId = await publish(topic, params.get(`${prefix}Message`), readAttributes(params, prefix));
          successful.push(`<member><Id>${xmlEscape(id)}</Id><MessageId>${messageId}</MessageId></member>`);
        } catch (error) {
          const code = error instanceof SnsError ? error.code : 'InternalError';
          failed.push(
            `<member><Id>${xmlEscape(id)}</Id><Code>${code}</Code><Message>${xmlEscape(String((error as Error).message))}</Message><SenderFault>${code !== 'InternalError'}</SenderFault></member>`,
          );
        }
      }
      return `<PublishBatchResponse xmlns="${XMLNS}"><PublishBatchResult><Successful>${successful.join('')}</Successful><Failed>${failed.join('')}</Failed></PublishBatchResult>${metadata}</PublishBatchResponse>`;
    }
    throw new SnsError(400, 'InvalidAction', `The local SNS endpoint does not implement ${action ?? '(no action)'}`);
  };

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    readRequestBody(request).then((body) => body.toString('utf8'))
      .then((body) => handle(new URLSearchParams(body)))
      .then((xml) => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(xml);
      })
      .catch((error: unknown) => {
        const status = error instanceof SnsError ? error.status : 500;
        const code = error instanceof SnsError ? error.code : 'InternalError';
        const type = status < 500 ? 'Sender' : 'Receiver';
        response.writeHead(status, { 'content-type': 'text/xml' });
        response.end(
          `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(String((error as Error).message))}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
        );
      });
  });
  const listening = await listenLocally(server, options.host, options.port);
  return {
    endpoint: listening.endpoint,
    topicArn,
    close: listening.close,
  };
}
