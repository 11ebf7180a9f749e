/**
 * Runs DynamoDB Local (AWS's own engine, the jar shipped inside the npm package amplify-dynamodb-simulator)
 * as a child process. In memory for tests; persisted under a folder for `npm start`. Telemetry is off.
 *
 * DynamoDB Local accepts any credentials and its command line has no host option (it listens on every
 * interface), so it is started through local/dynamodb-local-launcher/LoopbackLauncher.java, which binds
 * its Jetty connector to `host` (127.0.0.1) before starting it. That is compiled once with javac (or run in
 * Java's source-file mode), which needs a JDK (the jdk.compiler module), not only a JRE. The heap is capped (DynamoDB Local keeps its data
 * in SQLite, not on the heap) and an OutOfMemoryError ends the process, for the supervisor to restart it.
 *
 * The launcher also keeps DynamoDB Local's stream store bounded while it runs: DynamoDB Local itself deletes
 * old stream records only when it opens its database, so the launcher runs the same delete (records older than
 * 24 h + 6 h) every `streamRecordTrim.everyMs` inside the server, on DynamoDB Local's own SQLite queue.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort, waitUntil } from './free-port';
import type { ChildExit } from './supervisor';

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
  readonly host?: string;
  /** Folder to persist data in; in memory when omitted. */
  readonly dbPath?: string;
  /** Where the child's output goes; ignored when omitted. */
  readonly log?: (line: string) => void;
  /**
   * How often old stream records are deleted while running (default every hour; 0 turns it off) and how old
   * they must be (default DynamoDB Local's own rule, 24 h + 6 h; tests shorten both).
   */
  readonly streamRecordTrim?: { readonly everyMs?: number; readonly retentionMs?: number };
}

/** How often a running DynamoDB Local deletes stream records past their retention. */
export const STREAM_RECORD_TRIM_EVERY_MS = 60 * 60_000;

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The JVM's process id. */
  readonly pid: number | undefined;
  /** Settles when the process exits (see local/supervisor.ts). */
  readonly exited: Promise<ChildExit>;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts (any); fixed so every local client sees the same shared database. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

function emulatorFolder(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('amplify-dynamodb-simulator/package.json');
  return path.join(path.dirname(packageJson), 'emulator');
}

/** Heap of the DynamoDB Local JVM (Java's default is a quarter of the machine's memory). */
export const DYNAMODB_LOCAL_MAX_HEAP = '512m';

const LAUNCHER = fileURLToPath(new URL('./dynamodb-local-launcher/LoopbackLauncher.java', import.meta.url));

let javaChecked = false;

export function assertJavaAvailable(): void {
  if (javaChecked) return;
  const probe = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'DynamoDB Local needs a Java 17+ JDK, and `java` was not found on the PATH.\n' +
        'Install it, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless (macOS: brew install openjdk@17)',
    );
  }
  if (!/^jdk\.compiler@/m.test(probe.stdout)) {
    throw new Error(
      'DynamoDB Local is started through a small Java launcher that binds it to 127.0.0.1, which needs a JDK; ' +
        'this Java is a runtime only (no jdk.compiler module).\n' +
        'Install a JDK, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless',
    );
  }
  javaChecked = true;
}

/**
 * The launcher compiled once (javac into a folder of the temp directory named by a hash of its source and of
 * DynamoDB Local's class path), instead of Java's source-file mode compiling it again at every start: seconds of
 * CPU per start, and the tests start one per stack. Written aside and renamed into place, so a start beside
 * another never sees half a folder. Undefined (source-file mode then) when javac is missing or fails.
 */
async function compiledLauncher(classPath: string): Promise<string | undefined> {
  const hash = createHash('sha256').update(readFileSync(LAUNCHER)).update(classPath).digest('hex').slice(0, 16);
  const folder = path.join(tmpdir(), `farmacruz-dynamodb-launcher-${hash}`);
  const compiled = () => existsSync(path.join(folder, 'LoopbackLauncher.class'));
  if (compiled()) return folder;
  const staging = mkdtempSync(`${folder}-staging-`);
  try {
    const ok = await new Promise<boolean>((resolve) => {
      execFile('javac', ['-nowarn', '-cp', classPath, '-d', staging, LAUNCHER], (error) => resolve(!error));
    });
    if (!ok) return undefined;
    try {
      renameSync(staging, folder);
    } catch {
      // Another start put it in place first: use theirs.
    }
    return compiled() ? folder : undefined;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  const folder = emulatorFolder();
  const storage = options.dbPath ? ['-dbPath', path.resolve(options.dbPath), '-sharedDb'] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const classPath = [path.join(folder, 'DynamoDBLocal.jar'), path.join(folder, 'DynamoDBLocal_lib', '*')].join(path.delimiter);
  const launcherClasses = await compiledLauncher(classPath);
  const child: ChildProcess = spawn(
    'java',
    [
      `-Xmx${DYNAMODB_LOCAL_MAX_HEAP}`,
      '-XX:+ExitOnOutOfMemoryError',
      `-Djava.library.path=${path.join(folder, 'DynamoDBLocal_lib')}`,
      '-cp',
      launcherClasses ? [launcherClasses, classPath].join(path.delimiter) : classPath,
      launcherClasses ? 'LoopbackLauncher' : LAUNCHER,
      '--host',
      host,
      '--trim-stream-records-every-ms',
      String(options.streamRecordTrim?.everyMs ?? STREAM_RECORD_TRIM_EVERY_MS),
      ...(options.streamRecordTrim?.retentionMs !== undefined
        ? ['--stream-record-retention-ms', String(options.streamRecordTrim.retentionMs)]
        : []),
      '-port',
      String(port),
      '-disableTelemetry',
      ...storage,
    ],
    { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = options.log;
  // The end of the output, to tell why it ended if it ends during start-up.
  let outputTail = '';
  const forward = (chunk: Buffer) => {
    const text = chunk.toString();
    outputTail = (outputTail + text).slice(-4096);
    if (log) for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  let exited = false;
  const exit = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  const endpoint = `http://${host}:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  try {
    // Polls until it answers, or until it has exited (then there is nothing left to wait for).
    await waitUntil(async () => {
      if (exited) return true;
      await Promise.race([client.send(new ListTablesCommand({ Limit: 1 })), exit]);
      return true;
    }, `DynamoDB Local on ${endpoint}`, 90_000);
    if (exited) {
      const { code, signal } = await exit;
      const reason = /DynamoDB Local could not start: .*/.exec(outputTail)?.[0];
      throw new Error(`DynamoDB Local exited during start-up (${signal ? `killed by ${signal}` : `exit code ${code}`})${reason ? `: ${reason}` : ''}`);
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    port,
    pid: child.pid,
    exited: exit,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
