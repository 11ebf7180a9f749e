/**
 * Runs DynamoDB Local (AWS's own engine, the jar shipped inside the npm package amplify-dynamodb-simulator)
 * as a child process. In memory for tests; persisted under a folder for `npm start`. Telemetry is off.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort, waitUntil } from './free-port';

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
  readonly host?: string;
  /** Folder to persist data in; in memory when omitted. */
  readonly dbPath?: string;
  /** Where the child's output goes; ignored when omitted. */
  readonly log?: (line: string) => void;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts (any); fixed so every local client sees the same shared database. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

function emulatorFolder(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('amplify-dynamodb-simulator/package.json');
  return path.join(path.dirname(packageJson), 'emulator');
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on the PATH.\n' +
        'Install it, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
    );
  }
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  const folder = emulatorFolder();
  const storage = options.dbPath ? ['-dbPath', path.resolve(options.dbPath), '-sharedDb'] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(folder, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(folder, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-disableTelemetry',
      ...storage,
    ],
    { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = options.log;
  const forward = (chunk: Buffer) => {
    if (log) for (const line of chunk.toString().split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const endpoint = `http://${host}:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  try {
    await waitUntil(async () => {
      if (exited) throw new Error('DynamoDB Local exited during start-up');
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return true;
    }, `DynamoDB Local on ${endpoint}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
