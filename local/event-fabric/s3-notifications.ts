/**
 * S3 event notifications for the local S3 endpoint: an object created under an s3-upload trigger's prefix and
 * suffix (wiring/events.ts; the suffix in either case, as the CDK registers it) invokes that function
 * asynchronously with the same S3Event AWS sends, retried twice on failure as Lambda's asynchronous invoke does.
 */
import type { S3Event } from 'aws-lambda';
import type { CreatedObject } from '../s3/s3-server';
import { createLocalHandler, type HandlerDeps, type LocalLambdaDefinition } from './handlers';
import { lambdaContext, withinTimeout } from './lambda-context';

const ASYNC_RETRIES = 2;

export interface S3NotificationsOptions {
  readonly lambdas: readonly LocalLambdaDefinition<'s3-upload'>[];
  /** Wiring bucket name ('data', 'images') → the local bucket's name. */
  readonly bucketNames: Readonly<Record<string, string>>;
  readonly deps: HandlerDeps;
  readonly region: string;
  readonly timeoutSeconds?: number;
  readonly log: (line: string) => void;
  readonly onInvoked?: (report: { readonly lambda: string; readonly key: string; readonly ok: boolean; readonly result?: unknown; readonly error?: string }) => void;
}

export interface S3Notifications {
  notify(object: CreatedObject): void;
  /** Waits for the invocations in flight. */
  drain(): Promise<void>;
}

/** S3 event keys are URL-encoded with '+' for spaces. */
function eventKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
}

export function s3Event(object: CreatedObject, region: string, at = new Date()): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: at.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local',
          bucket: { name: object.bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${object.bucket}` },
          object: { key: eventKey(object.key), size: object.size, eTag: object.eTag, sequencer: Date.now().toString(16) },
        },
      },
    ],
  };
}

export function createS3Notifications(options: S3NotificationsOptions): S3Notifications {
  const inFlight = new Set<Promise<void>>();
  const handlers = new Map(options.lambdas.map((lambda) => [lambda.name, createLocalHandler(lambda, options.deps)]));

  const matches = (lambda: LocalLambdaDefinition<'s3-upload'>, object: CreatedObject) => {
    const { bucket, prefix, suffix } = lambda.trigger;
    return (
      options.bucketNames[bucket] === object.bucket &&
      object.key.startsWith(prefix) &&
      (object.key.endsWith(suffix) || object.key.endsWith(suffix.toUpperCase()))
    );
  };

  async function invoke(lambda: LocalLambdaDefinition<'s3-upload'>, object: CreatedObject): Promise<void> {
    const handler = handlers.get(lambda.name)!;
    const timeoutMs = (options.timeoutSeconds ?? lambda.timeoutSeconds) * 1000;
    for (let attempt = 0; attempt <= ASYNC_RETRIES; attempt += 1) {
      try {
        const context = lambdaContext({ functionName: lambda.name, region: options.region, timeoutMs, memoryMb: lambda.memoryMb });
        const result = await withinTimeout(handler(s3Event(object, options.region), context), timeoutMs, lambda.name);
        options.onInvoked?.({ lambda: lambda.name, key: object.key, ok: true, result });
        return;
      } catch (error) {
        options.log(`${lambda.name} failed on ${object.bucket}/${object.key} (attempt ${attempt + 1}): ${String(error)}`);
        if (attempt === ASYNC_RETRIES) options.onInvoked?.({ lambda: lambda.name, key: object.key, ok: false, error: String(error) });
      }
    }
  }

  return {
    notify(object) {
      for (const lambda of options.lambdas) {
        if (!matches(lambda, object)) continue;
        const running = invoke(lambda, object).finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
