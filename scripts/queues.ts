/**
 * `npm run queues`: depths of the local queues and what their dead-letter queues hold (with the reason
 * each message was dead-lettered). `npm run queues -- redrive <queue>` moves a queue's dead letters back
 * to it with a fresh receive count; a running `npm start` picks them up at once. `--data-dir DIR` reads
 * another pipeline's folder (default: the one `npm start` uses).
 */
import path from 'node:path';
import { loadLocalStackSettings } from '../config/settings';
import { parseArgs } from 'node:util';
import { eventPipelineDataDir } from '../local/event-fabric';
import { FileQueue } from '../local/event-fabric/queue-store';
import { deadLetterQueueName, queues } from '../wiring/events';

function describeBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { eventType?: string; eventId?: string };
    if (parsed.eventId) return `${parsed.eventType ?? 'event'} ${parsed.eventId}`;
  } catch {
    // Not JSON: show its start below.
  }
  return body.length > 60 ? `${body.slice(0, 57)}...` : body;
}

async function show(dataDir: string): Promise<void> {
  const rows: string[][] = [['queue', 'visible', 'in flight', 'dead letters']];
  const deadLetters: string[] = [];
  for (const definition of queues) {
    const queue = await FileQueue.open(dataDir, definition.name);
    const dlq = await FileQueue.open(dataDir, deadLetterQueueName(definition.name));
    const depth = await queue.depth();
    const dead = await dlq.list();
    rows.push([definition.name, String(depth.visible), String(depth.inFlight), String(dead.length)]);
    for (const message of dead) {
      deadLetters.push(
        `${dlq.name}  ${message.messageId}  receives=${message.receiveCount}  ${describeBody(message.body)}\n    reason: ${message.deadLetter?.reason ?? message.lastError ?? 'unknown'}  (at ${message.deadLetter?.at ?? '?'})`,
      );
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
  console.log(deadLetters.length ? `\nDead letters:\n${deadLetters.join('\n')}` : '\nNo dead letters.');
}

async function redrive(dataDir: string, queueName: string | undefined): Promise<void> {
  const definition = queues.find((q) => q.name === queueName);
  if (!definition) {
    console.error(`Usage: npm run queues -- redrive <${queues.map((q) => q.name).join('|')}>`);
    process.exitCode = 2;
    return;
  }
  const dlq = await FileQueue.open(dataDir, deadLetterQueueName(definition.name));
  const moved = await dlq.redriveTo(await FileQueue.open(dataDir, definition.name));
  console.log(`Moved ${moved} message(s) from ${dlq.name} back to ${definition.name}.`);
}

const { values, positionals } = parseArgs({ options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
const dataDir = path.resolve(values['data-dir'] ?? eventPipelineDataDir(loadLocalStackSettings().dataDir));
const [command, argument] = positionals;
if (command === 'redrive') await redrive(dataDir, argument);
else if (command === undefined || command === 'show') await show(dataDir);
else {
  console.error('Usage: npm run queues [-- redrive <queue>]');
  process.exitCode = 2;
}
