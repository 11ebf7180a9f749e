/**
 * A local SQS standard queue kept as one JSON file per message under `<dataDir>/queues/<queue>/`, so a
 * killed stack loses no message: a message is on disk before SNS answers the publish, and leaves only
 * when its consumer succeeded (or it moves to the DLQ folder `<queue>-dlq/`).
 *
 * SQS semantics kept: a received message is invisible for the visibility timeout and comes back after
 * it unless deleted; every receive counts; once the receive count reached maxReceiveCount, the next
 * receive moves the message to the dead-letter queue instead of delivering it (the redrive policy).
 * The visibility deadline is persisted too, so after a crash an in-flight message returns only when its
 * timeout has passed, as in SQS.
 *
 * One fabric process owns a queue's folder; other processes (npm run queues) only list it, or write new
 * message files into it (redrive), which the owner picks up on its next receive.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonFile } from './json-file';

export interface QueueMessageAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: string;
}

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: Readonly<Record<string, QueueMessageAttribute>>;
  readonly sentTimestamp: number;
  /** Sorts messages in send order (the send time, then a monotonic clock for sends in the same ms). */
  readonly sendOrder: string;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** Epoch ms before which the message is in flight (invisible); 0 when visible. */
  visibleAt: number;
  receiptHandle?: string;
  /** Why the last delivery failed, as far as the fabric knows. */
  lastError?: string;
  /** Set on messages in a dead-letter queue. */
  deadLetter?: { readonly sourceQueue: string; readonly at: string; readonly reason: string };
}

export interface QueueDepth {
  readonly queue: string;
  readonly visible: number;
  readonly inFlight: number;
}

function fileNameOf(message: QueueMessage): string {
  return `${message.sendOrder}-${message.messageId}.json`;
}

export function queueFolder(dataDir: string, queueName: string): string {
  return path.join(dataDir, 'queues', queueName);
}

export class FileQueue {
  private readonly messages = new Map<string, QueueMessage>();

  private constructor(
    readonly name: string,
    readonly folder: string,
  ) {}

  static async open(dataDir: string, name: string): Promise<FileQueue> {
    const queue = new FileQueue(name, queueFolder(dataDir, name));
    await mkdir(queue.folder, { recursive: true });
    await queue.refresh();
    return queue;
  }

  /** Loads message files this instance has not seen (e.g. written by a redrive) and forgets removed ones. */
  async refresh(): Promise<void> {
    const names = new Set((await readdir(this.folder)).filter((n) => n.endsWith('.json')));
    for (const known of this.messages.keys()) if (!names.has(known)) this.messages.delete(known);
    for (const name of names) {
      if (this.messages.has(name)) continue;
      try {
        this.messages.set(name, JSON.parse(await readFile(path.join(this.folder, name), 'utf8')) as QueueMessage);
      } catch (error) {
        // Removed between readdir and read (a concurrent redrive or delete): nothing to load.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }

  async send(input: { body: string; messageAttributes?: Record<string, QueueMessageAttribute> }): Promise<QueueMessage> {
    const sentTimestamp = Date.now();
    const message: QueueMessage = {
      messageId: randomUUID(),
      body: input.body,
      md5OfBody: createHash('md5').update(input.body).digest('hex'),
      messageAttributes: input.messageAttributes ?? {},
      sentTimestamp,
      sendOrder: `${String(sentTimestamp).padStart(15, '0')}-${String(process.hrtime.bigint()).padStart(20, '0')}`,
      receiveCount: 0,
      visibleAt: 0,
    };
    await this.put(message);
    return message;
  }

  /**
   * Receives up to `max` visible messages, oldest first, making them invisible for the visibility
   * timeout. Messages already received maxReceiveCount times go to `deadLetterQueue` instead.
   */
  async receive(options: {
    max: number;
    visibilityTimeoutMs: number;
    maxReceiveCount: number;
    deadLetterQueue: FileQueue;
    onDeadLetter?: (message: QueueMessage, reason: string) => void;
    now?: number;
  }): Promise<QueueMessage[]> {
    const now = options.now ?? Date.now();
    await this.refresh();
    const received: QueueMessage[] = [];
    const candidates = [...this.messages.entries()]
      .filter(([, m]) => m.visibleAt <= now)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [, message] of candidates) {
      if (received.length >= options.max) break;
      // A concurrent receive (another poller of this queue) may have claimed it since the filter above.
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= options.maxReceiveCount) {
        const reason = `received ${message.receiveCount} times (maxReceiveCount ${options.maxReceiveCount}); last error: ${message.lastError ?? 'unknown'}`;
        await this.moveToDeadLetter(message, options.deadLetterQueue, reason);
        options.onDeadLetter?.(message, reason);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + options.visibilityTimeoutMs;
      message.receiptHandle = `${message.messageId}:${message.receiveCount}:${randomUUID().slice(0, 8)}`;
      await this.put(message);
      received.push({ ...message });
    }
    return received;
  }

  /** Deletes a received message; false when the receipt is stale (the message was received again since). */
  async delete(receiptHandle: string): Promise<boolean> {
    const entry = [...this.messages.entries()].find(([, m]) => m.receiptHandle === receiptHandle);
    if (!entry) return false;
    this.messages.delete(entry[0]);
    await rm(path.join(this.folder, entry[0]), { force: true });
    return true;
  }

  /** Notes why a delivery failed; the message stays invisible until its visibility timeout ends. */
  async recordFailure(receiptHandle: string, reason: string): Promise<void> {
    const message = [...this.messages.values()].find((m) => m.receiptHandle === receiptHandle);
    if (!message) return;
    message.lastError = reason;
    await this.put(message);
  }

  async moveToDeadLetter(message: QueueMessage, deadLetterQueue: FileQueue, reason: string): Promise<void> {
    const moved: QueueMessage = {
      ...message,
      visibleAt: 0,
      deadLetter: { sourceQueue: this.name, at: new Date().toISOString(), reason },
    };
    delete moved.receiptHandle;
    await deadLetterQueue.put(moved);
    this.messages.delete(fileNameOf(message));
    await rm(path.join(this.folder, fileNameOf(message)), { force: true });
  }

  /** Moves every message of this (dead-letter) queue back to `target` with a fresh receive count. */
  async redriveTo(target: FileQueue): Promise<number> {
    await this.refresh();
    let moved = 0;
    for (const [name, message] of [...this.messages.entries()]) {
      const fresh: QueueMessage = { ...message, receiveCount: 0, visibleAt: 0 };
      delete fresh.deadLetter;
      delete fresh.receiptHandle;
      delete fresh.lastError;
      delete fresh.firstReceiveTimestamp;
      await target.put(fresh);
      this.messages.delete(name);
      await rm(path.join(this.folder, name), { force: true });
      moved += 1;
    }
    return moved;
  }

  async list(): Promise<QueueMessage[]> {
    await this.refresh();
    return [...this.messages.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, m]) => ({ ...m }));
  }

  async depth(now = Date.now()): Promise<QueueDepth> {
    await this.refresh();
    let visible = 0;
    for (const message of this.messages.values()) if (message.visibleAt <= now) visible += 1;
    return { queue: this.name, visible, inFlight: this.messages.size - visible };
  }

  private async put(message: QueueMessage): Promise<void> {
    const name = fileNameOf(message);
    await writeJsonFile(path.join(this.folder, name), message);
    this.messages.set(name, message);
  }
}
