/**
 * A start that fails half way leaves nothing running: DynamoDB Local cannot start (its port is taken by
 * another program) while cognito-local, started beside it, comes up. `startLocalStack` must fail and stop
 * cognito-local too, instead of leaving it holding its port after `npm start` has exited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connects, localStackSettingsOnFreePorts, rootDir } from '../support/local-stack';
import { startLocalStack } from '../../local/stack';

let dataDir: string;
let occupier: Server;

/** Command lines of this process's children (and theirs). */
function descendantCommandLines(root: number): string[] {
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
  const tree = [...(children.get(root) ?? [])];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]!) ?? []));
  return tree.flatMap((pid) => {
    try {
      return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')];
    } catch {
      return [];
    }
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-failed-start-'));
  // Another program on DynamoDB Local's port: it accepts connections and closes them at once.
  occupier = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => occupier.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('a local stack that fails to start', () => {
  it.runIf(process.platform === 'linux')(
    'stops cognito-local when DynamoDB Local cannot start beside it',
    async () => {
      const dynamodbPort = (occupier.address() as { port: number }).port;
      const settings = await localStackSettingsOnFreePorts(dataDir, { FARMACRUZ_DYNAMODB_PORT: String(dynamodbPort), FARMACRUZ_DEMO_PRODUCTS: '20' });
      const lines: string[] = [];
      await expect(startLocalStack(settings, rootDir, (line) => lines.push(line))).rejects.toThrow(
        // It says why, as soon as DynamoDB Local gives up (not after waiting out its start-up deadline).
        new RegExp(`DynamoDB Local exited during start-up .*DynamoDB Local could not start: .*127\\.0\\.0\\.1:${dynamodbPort}\\b`),
      );
      // cognito-local did come up (its pool was provisioned under the data folder)…
      expect(readdirSync(path.join(dataDir, 'cognito', '.cognito', 'db')).filter((file) => file !== 'clients.json').length).toBeGreaterThan(0);
      // …and is gone now: no child process, nothing on its port.
      expect(descendantCommandLines(process.pid).filter((line) => /cognito-local|DynamoDBLocal/.test(line))).toEqual([]);
      expect(await connects('127.0.0.1', settings.ports.cognito)).toBe(false);
    },
    240_000,
  );
});
