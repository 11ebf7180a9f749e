/**
 * Runs cognito-local (a local service speaking the Cognito Identity Provider JSON API) as a child process.
 * It keeps its state as JSON under `<dataDir>/.cognito/` (its working directory): `.cognito/config.json`,
 * `.cognito/db/clients.json` and one `.cognito/db/<userPoolId>.json` per pool, users and their pending
 * confirmation codes included. `npm start` uses `.data/cognito` so users survive restarts; tests use a
 * temporary folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ChildExit } from './supervisor';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { findFreePort, waitUntil } from './free-port';
import { startCognitoRefreshShim, type CognitoRefreshShim } from './cognito-refresh-shim';

export interface CognitoLocalOptions {
  /** Working directory of the service; its state lives in `<dataDir>/.cognito/`. Created when missing. */
  readonly dataDir: string;
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
  readonly host?: string;
  /** Where the child's output goes (confirmation codes are printed there too); ignored when omitted. */
  readonly log?: (line: string) => void;
}

export interface CognitoLocal {
  /** Base URL of the Cognito API, e.g. http://127.0.0.1:9229 (pass as `endpoint` to SDK clients). */
  readonly endpoint: string;
  readonly port: number;
  readonly dataDir: string;
  /** Issuer of the tokens of one pool: `<endpoint>/<userPoolId>`; its JWKS is at `<issuer>/.well-known/jwks.json`. */
  issuerOf(userPoolId: string): string;
  /** Its process id. */
  readonly pid: number | undefined;
  /** Settles when the process exits (see local/supervisor.ts). */
  readonly exited: Promise<ChildExit>;
  stop(): Promise<void>;
}

function startScript(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
}

/**
 * cognito-local signs tokens with `iss = TokenConfig.IssuerDomain + "/" + poolId`. Its default domain is
 * `http://<HOST>:<PORT>`; writing it explicitly pins the issuer to the exact URL we fetch the JWKS from
 * (no localhost vs 127.0.0.1 drift), whatever config an earlier run left behind.
 */
function pinIssuerDomain(dataDir: string, endpoint: string): void {
  const folder = path.join(dataDir, '.cognito');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'config.json');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const tokenConfig = (current.TokenConfig ?? {}) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...current, TokenConfig: { ...tokenConfig, IssuerDomain: endpoint } }, null, 2));
}

// eslint-disable-next-line no-control-regex
const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  const dataDir = path.resolve(options.dataDir);
  const endpoint = `http://${host}:${port}`;
  // cognito-local itself listens on a port of its own; `endpoint` is the refresh shim in front of it
  // (cognito-refresh-shim.ts), so tokens name the public endpoint as their issuer.
  const innerPort = await findFreePort(host);
  const innerEndpoint = `http://${host}:${innerPort}`;
  pinIssuerDomain(dataDir, endpoint);

  const child: ChildProcess = spawn(process.execPath, [startScript()], {
    cwd: dataDir,
    env: {
      ...process.env,
      PORT: String(innerPort),
      HOST: host,
      // cognito-local runs on the end-of-support AWS SDK v2; its banner says nothing about our code.
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.log;
  const forward = (chunk: Buffer) => {
    if (!log) return;
    for (const line of chunk.toString().replace(ANSI_ESCAPES, '').split('\n')) if (line.trim()) log(line);
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

  let shim: CognitoRefreshShim | undefined;
  try {
    // Polls until it answers, or until it has exited (then there is nothing left to wait for).
    await waitUntil(async () => {
      if (exited) return true;
      const answer = await Promise.race([fetch(`${innerEndpoint}/health`), exit]);
      return exited || (answer instanceof Response && answer.ok);
    }, `cognito-local on ${innerEndpoint}`);
    if (exited) {
      const { code, signal } = await exit;
      throw new Error(`cognito-local exited during start-up (${signal ? `killed by ${signal}` : `exit code ${code}`})`);
    }
    shim = await startCognitoRefreshShim({ host, port, upstream: innerEndpoint });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  void exit.then(() => shim?.close());

  return {
    endpoint,
    port,
    dataDir,
    issuerOf: (userPoolId) => `${endpoint}/${userPoolId}`,
    pid: child.pid,
    exited: exit,
    stop: async () => {
      await shim?.close();
      await new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}

interface StoredUser {
  readonly Username: string;
  readonly Attributes?: readonly { readonly Name: string; readonly Value?: string }[];
  readonly UserStatus?: string;
  readonly ConfirmationCode?: string;
}

/**
 * The pending sign-up confirmation code of a user, read from cognito-local's pool file
 * (`<dataDir>/.cognito/db/<userPoolId>.json`, `Users.<username>.ConfirmationCode`). `username` may be the
 * email the user signed up with, or the Cognito username (`sub`). Null when the user is unknown or already
 * confirmed (ConfirmSignUp clears the code; AdminConfirmSignUp leaves a stale one behind, hence the status check). cognito-local also prints each code to its
 * console ("Confirmation Code Delivery" box), which `npm start` forwards.
 */
type PoolFile = { Users?: Record<string, StoredUser> };

/**
 * cognito-local saves its pool file with overlapping async writes (stormdb's fs.writeFile), so a concurrent
 * sign-up can leave a shorter snapshot followed by the tail of a longer one. The leading JSON document is a
 * whole snapshot: parse that.
 */
function parsePoolFile(text: string): PoolFile {
  try {
    return JSON.parse(text) as PoolFile;
  } catch (error) {
    const trailing = error instanceof SyntaxError ? /after JSON at position (\d+)/.exec(error.message) : null;
    if (!trailing) throw error;
    return JSON.parse(text.slice(0, Number(trailing[1]))) as PoolFile;
  }
}

function findPendingCode(pool: PoolFile, username: string): { found: boolean; code: string | null } {
  const wanted = username.toLowerCase();
  for (const user of Object.values(pool.Users ?? {})) {
    const names = [user.Username, ...(user.Attributes ?? []).filter((a) => a.Name === 'email' || a.Name === 'sub').map((a) => a.Value)];
    if (!names.some((name) => name?.toLowerCase() === wanted)) continue;
    return { found: true, code: user.UserStatus === 'UNCONFIRMED' ? (user.ConfirmationCode ?? null) : null };
  }
  return { found: false, code: null };
}

export function readConfirmationCode(dataDir: string, userPoolId: string, username: string): string | null {
  const file = path.join(dataDir, '.cognito', 'db', `${userPoolId}.json`);
  if (!existsSync(file)) return null;
  // The snapshot on disk can lag a sign-up that just returned (see parsePoolFile): look again briefly.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const { found, code } = findPendingCode(parsePoolFile(readFileSync(file, 'utf8')), username);
    if (found) return code;
    Atomics.wait(pause, 0, 0, 20);
  }
  return null;
}
