/**
 * The whole local stack (`npm start`), started once for these checks.
 *
 * Network: it listens on 127.0.0.1 only, DynamoDB Local included (its own command
 * line has no host option), and the web dev server serves nothing outside the web app: every listening
 * socket of this process and its children is read from /proc and checked, every port is tried on the
 * machine's non-loopback address, and `/@fs/` requests for `.data/` and the repository are made.
 *
 * Supervision: DynamoDB Local and cognito-local are killed under the running stack; each is reported and
 * restarted, and the API answers again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, readlinkSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { waitUntil } from '../../local/free-port';
import { connects, localStackSettingsOnFreePorts, rootDir } from '../support/local-stack';
import { startLocalStack, type LocalStack } from '../../local/stack';

const linux = process.platform === 'linux';

let stack: LocalStack | undefined;
let dataDir: string;
let webPort: number;
let apiPort: number;
let apiKey: string;
const logLines: string[] = [];
let sigtermListenersBefore = 0;

/** Process ids of this process and all its descendants. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Exited meanwhile.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Socket inodes open in the given processes. */
function socketInodes(pids: number[]): Set<string> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      } catch {
        // Closed meanwhile.
      }
    }
  }
  return inodes;
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  // IPv6: four little-endian 32-bit words.
  const words = [0, 1, 2, 3].map((w) => hex.slice(w * 8, w * 8 + 8).match(/../g)!.reverse().join(''));
  const full = words.join('');
  if (full.toLowerCase().startsWith('00000000000000000000ffff')) return decodeAddress(hex.slice(24, 32));
  return full.match(/..../g)!.join(':');
}

/** Listening TCP sockets (address, port) among the inodes. */
function listeningSockets(inodes: Set<string>): { address: string; port: number }[] {
  const sockets: { address: string; port: number }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A' || !inodes.has(fields[9]!)) continue;
      const [address, port] = fields[1]!.split(':');
      sockets.push({ address: decodeAddress(address!), port: parseInt(port!, 16) });
    }
  }
  return sockets;
}

const nonLoopbackAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal && i.family === 'IPv4')
    .map((i) => i!.address);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-loopback-'));
  const settings = await localStackSettingsOnFreePorts(dataDir, { FARMACRUZ_DEMO_PRODUCTS: '20' });
  webPort = settings.ports.web;
  apiPort = settings.ports.api;
  apiKey = settings.apiKey;
  sigtermListenersBefore = process.listeners('SIGTERM').length;
  stack = await startLocalStack(settings, rootDir, (line) => logLines.push(line));
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the local stack in its process', () => {
  it("adds no SIGTERM handler of its own: npm start's shutdown stops the children (Vite's would end the process first)", () => {
    expect(process.listeners('SIGTERM')).toHaveLength(sigtermListenersBefore);
  });
});

describe('the local stack on the network', () => {
  it.runIf(linux)('opens listening sockets on 127.0.0.1 only, DynamoDB Local and cognito-local included', async () => {
    const sockets = listeningSockets(socketInodes(processTree(process.pid)));
    // API, DynamoDB Local, cognito-local, web, mail, S3, SNS, Kinesis at least.
    expect(sockets.length).toBeGreaterThanOrEqual(8);
    expect(sockets.filter((s) => s.address !== '127.0.0.1')).toEqual([]);
    for (const address of nonLoopbackAddresses()) {
      for (const { port } of sockets) expect(await connects(address, port), `${address}:${port}`).toBe(false);
    }
  });

  it('serves nothing outside the web app through /@fs/', async () => {
    const secretDir = path.join(rootDir, '.data');
    mkdirSync(secretDir, { recursive: true });
    const secret = path.join(secretDir, `loopback-test-${process.pid}.json`);
    writeFileSync(secret, '{"password":"plaintext"}');
    try {
      const get = async (urlPath: string) => {
        const response = await fetch(`http://127.0.0.1:${webPort}${urlPath}`);
        return { status: response.status, body: await response.text() };
      };
      expect((await get('/')).status).toBe(200);
      // The app's own index.html, as served for a path without a prerendered page ('/' is the home page's).
      const index = await get('/carrito');
      expect(index.status).toBe(200);
      expect(index.body).toContain('<div id="root"></div>');
      expect((await get('/src/main.tsx')).status).toBe(200);
      const cognitoFiles = readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.json'))
        .map((name) => path.join(dataDir, name));
      expect(cognitoFiles.length).toBeGreaterThan(0);
      for (const forbidden of [
        `/@fs${secret}`,
        ...cognitoFiles.map((file) => `/@fs${file}`),
        `/@fs${path.join(rootDir, 'package.json')}`,
        `/@fs${path.join(rootDir, 'config/settings.ts')}`,
        '/@fs/etc/passwd',
        '/../.data/',
      ]) {
        const response = await get(forbidden);
        // Refused, or Vite's fallback to the app's own index.html; never the file.
        if (response.status === 200) expect(response.body, forbidden).toBe(index.body);
        else expect(response.status, forbidden).toBeGreaterThanOrEqual(400);
        expect(response.body).not.toContain('plaintext');
      }
    } finally {
      rmSync(secret, { force: true });
    }
  });
});

async function categoriesAnswer(): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query: '{ categories { id name } }' }),
  });
  const body = (await response.json()) as { data?: { categories?: unknown[] }; errors?: unknown[] };
  return response.ok && !body.errors && (body.data?.categories?.length ?? 0) > 0;
}

describe('supervised child services', () => {
  it.runIf(linux)('restarts DynamoDB Local killed under the running stack; the API answers again', async () => {
    expect(await categoriesAnswer()).toBe(true);
    const before = stack!.childPids().dynamodb!;
    process.kill(before, 'SIGKILL');
    await waitUntil(async () => logLines.some((l) => /DynamoDB Local DIED \(killed by SIGKILL\)/.test(l)), 'the death to be reported', 30_000, 100);
    await waitUntil(async () => stack!.childPids().dynamodb !== before && (await categoriesAnswer().catch(() => false)), 'the API to answer again', 180_000, 500);
    expect(logLines.some((l) => /DynamoDB Local is running again/.test(l))).toBe(true);
  }, 240_000);

  it.runIf(linux)('restarts cognito-local killed under the running stack', async () => {
    const before = stack!.childPids().cognito!;
    process.kill(before, 'SIGKILL');
    await waitUntil(async () => stack!.childPids().cognito !== before, 'cognito-local to be restarted', 120_000, 200);
    expect(logLines.some((l) => /cognito-local DIED/.test(l))).toBe(true);
  }, 150_000);
});

describe('FARMACRUZ_HOST', () => {
  it('must be a loopback address', async () => {
    const { assertLoopbackHost } = await import('../../local/stack');
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(() => assertLoopbackHost(host)).not.toThrow();
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) expect(() => assertLoopbackHost(host)).toThrow(/loopback|127\.0\.0\.1/);
  });
});
