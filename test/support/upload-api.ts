/**
 * The test API of test/support/local-api.ts with a bucket the browser uploads to: the local S3 endpoint (which
 * checks presigned POST policies as S3 does) and its S3 notifications, which invoke the s3-upload Lambdas of
 * wiring/events.ts (the same handlers) in process. Also one staff member and one shopper, real Cognito users.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LambdaSettings } from '../../config/settings';
import { createAwsClients, type AwsClients } from '../../functions/shared/aws-clients';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { localLambdas, type LocalLambdaDefinition } from '../../local/event-fabric/handlers';
import { createS3Notifications, type S3Notifications } from '../../local/event-fabric/s3-notifications';
import { startS3Server, type CreatedObject, type S3Server } from '../../local/s3/s3-server';
import { createTestUser, type TestUser } from './cognito-users';
import { startTestApi, type TestApi } from './local-api';

export interface UploadApiOptions {
  /** The wiring's name of the bucket ('data', 'images') and the local bucket's name. */
  readonly bucket: { readonly wiringName: string; readonly name: string };
  /** The resolver and event Lambdas' settings naming that bucket; the S3 endpoint is added to them. */
  readonly lambdaSettings: (base: LambdaSettings) => LambdaSettings;
  /** Called with every object created in the bucket, before its notification. */
  readonly onObjectCreated?: (object: CreatedObject) => void;
}

export interface UploadApi {
  readonly api: TestApi;
  readonly s3: S3Server;
  /** The folder holding the bucket's objects. */
  readonly bucketDir: string;
  readonly notifications: S3Notifications;
  /** The AWS clients of the event Lambdas, with their settings. */
  readonly clients: AwsClients;
  readonly staff: TestUser;
  readonly shopper: TestUser;
  /** Waits for the notifications in flight, then stops everything. */
  close(): Promise<void>;
}

export async function startUploadApi(options: UploadApiOptions): Promise<UploadApi> {
  const bucketDir = mkdtempSync(path.join(tmpdir(), `${options.bucket.wiringName}-bucket-`));
  let settings: LambdaSettings | undefined;
  // The server reports created objects from its start; notifications exist once the API (and so the settings) do.
  let notify = (_object: CreatedObject): void => undefined;
  const s3 = await startS3Server({
    host: '127.0.0.1',
    buckets: { [options.bucket.name]: bucketDir },
    credentials: [LOCAL_CREDENTIALS],
    onObjectCreated: (object) => notify(object),
  });
  const api = await startTestApi({
    lambdaSettings: (base) => {
      const named = options.lambdaSettings(base);
      settings = { ...named, aws: { ...named.aws, endpoints: { ...named.aws.endpoints, s3: s3.endpoint }, s3ForcePathStyle: true } };
      return settings;
    },
  });
  const clients = createAwsClients(settings!, { credentials: LOCAL_CREDENTIALS });
  const notifications = createS3Notifications({
    lambdas: localLambdas.filter((l): l is LocalLambdaDefinition<'s3-upload'> => l.trigger.kind === 's3-upload'),
    bucketNames: { [options.bucket.wiringName]: options.bucket.name },
    deps: { settings: settings!, clients },
    region: settings!.aws.region,
    log: () => undefined,
  });
  notify = (object) => {
    options.onObjectCreated?.(object);
    notifications.notify(object);
  };
  const [staff, shopper] = await Promise.all([createTestUser({ groups: ['admin'], prefix: 'personal' }), createTestUser()]);
  return {
    api,
    s3,
    bucketDir,
    notifications,
    clients,
    staff,
    shopper,
    async close() {
      await notifications.drain();
      await api.close();
      await s3.close();
      clients.destroy();
      rmSync(bucketDir, { recursive: true, force: true });
    },
  };
}
