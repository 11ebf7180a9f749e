// `appsync-local` on the command line: a schema file, a folder of bundles and a wiring module, nothing else.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataSources, parseCliArguments } from './cli';
import { type BundledFolder, bundleFixtureFolder } from './test-fixtures/bundle';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin/appsync-local.js');

let folder: BundledFolder;
let child: ChildProcess | undefined;

beforeAll(async () => {
  folder = await bundleFixtureFolder(['Query.fixtureEarly']);
  writeFileSync(path.join(folder.bundleDir, 'schema.graphql'), 'type Early @aws_api_key { from: String id: ID }\ntype Query { fixtureEarly(id: ID): Early @aws_api_key }\n');
  writeFileSync(
    path.join(folder.bundleDir, 'wiring.ts'),
    "export const dataSources = { none: { kind: 'NONE' } };\n" +
      "export const resolvers = [{ typeName: 'Query', fieldName: 'fixtureEarly', kind: 'UNIT', dataSource: 'none' }];\n" +
      'export const pipelineFunctions = [];\n',
  );
});

afterAll(() => {
  child?.kill('SIGTERM');
  folder?.remove();
});

function listeningUrl(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    process.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /AppSync API at (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    process.once('exit', (code) => reject(new Error(`appsync-local exited with ${code}: ${output}`)));
  });
}

describe('appsync-local (command line)', () => {
  it('serves a schema with its bundles and wiring file', async () => {
    child = spawn(
      process.execPath,
      [BIN, '--schema', 'schema.graphql', '--bundles', '.', '--wiring', 'wiring.ts', '--port', '0', '--api-key', 'da2-cli-test'],
      { cwd: folder.bundleDir, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const url = await listeningUrl(child);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'da2-cli-test' },
      body: JSON.stringify({ query: '{ fixtureEarly(id: "P1") { from id } }' }),
    });
    expect(await response.json()).toEqual({ data: { fixtureEarly: { from: 'request', id: 'P1' } } });
  }, 60_000);

  it('refuses a DynamoDB data source without a table, and an unknown kind, by name', () => {
    const args = parseCliArguments(['--schema', 's', '--bundles', 'b', '--wiring', 'w']);
    const wiring = (kind: string) => ({ dataSources: { orders: { kind } }, resolvers: [], pipelineFunctions: [] });
    expect(() => buildDataSources(wiring('AMAZON_DYNAMODB'), args)).toThrow('data source orders (AMAZON_DYNAMODB) needs a table: --table orders=<TableName>');
    expect(() => buildDataSources(wiring('HTTP'), args)).toThrow('data source orders: kind HTTP is not supported');
    const withTable = parseCliArguments(['--schema', 's', '--bundles', 'b', '--wiring', 'w', '--table', 'Orders']);
    expect(Object.keys(buildDataSources(wiring('AMAZON_DYNAMODB'), withTable))).toEqual(['orders']);
  });

  it('refuses to start without schema, bundles and wiring', () => {
    expect(() => parseCliArguments(['--schema', 's'])).toThrow(/^usage: appsync-local/);
  });
});
