/**
 * Runs the event pipeline on its own against a running DynamoDB Local, e.g. to watch it or to kill it:
 *   tsx local/event-fabric/run.ts --dynamodb http://127.0.0.1:8000 --table farmacruz --data-dir .data
 *     [--ses http://127.0.0.1:8005] [--paused order-email,order-lake] [--cognito URL --user-pool-id ID]
 *     [--visibility-timeout 60] [--lambda-timeout 30] [--poll-ms 100] [--firehose-buffer-ms 60000]
 * Prints `ready {json}` when running and `published <eventId>` for every event on the topic.
 */
import { parseArgs } from 'node:util';
import { startEventPipeline } from './index';

const { values } = parseArgs({
  options: {
    dynamodb: { type: 'string' },
    table: { type: 'string' },
    'data-dir': { type: 'string' },
    ses: { type: 'string' },
    cognito: { type: 'string' },
    'user-pool-id': { type: 'string' },
    paused: { type: 'string' },
    'visibility-timeout': { type: 'string' },
    'lambda-timeout': { type: 'string' },
    'poll-ms': { type: 'string' },
    'firehose-buffer-ms': { type: 'string' },
  },
});
if (!values.dynamodb || !values.table || !values['data-dir']) {
  console.error('Usage: tsx local/event-fabric/run.ts --dynamodb URL --table NAME --data-dir DIR [options]');
  process.exit(2);
}

const pipeline = await startEventPipeline({
  dynamodbEndpoint: values.dynamodb,
  tableName: values.table,
  dataDir: values['data-dir'],
  ...(values.ses ? { sesEndpoint: values.ses } : {}),
  ...(values.cognito && values['user-pool-id'] ? { userPool: { endpoint: values.cognito, userPoolId: values['user-pool-id'] } } : {}),
  ...(values.paused ? { pausedLambdas: values.paused.split(',') } : {}),
  ...(values['visibility-timeout'] ? { visibilityTimeoutSeconds: Number(values['visibility-timeout']) } : {}),
  ...(values['lambda-timeout'] ? { lambdaTimeoutSeconds: Number(values['lambda-timeout']) } : {}),
  ...(values['poll-ms'] ? { pollIntervalMs: Number(values['poll-ms']) } : {}),
  ...(values['firehose-buffer-ms'] ? { firehoseBufferIntervalMs: Number(values['firehose-buffer-ms']) } : {}),
  logLevel: 'WARN',
  observer: (activity) => {
    if (activity.kind === 'published') {
      const eventId = (JSON.parse(activity.message.body) as { eventId?: string }).eventId;
      console.log(`published ${eventId}`);
    }
  },
});
console.log(`ready ${JSON.stringify({ mailboxUrl: pipeline.mailboxUrl, emailsDir: pipeline.emailsDir, lakeDir: pipeline.lakeDir })}`);

const shutdown = () => {
  void pipeline.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
