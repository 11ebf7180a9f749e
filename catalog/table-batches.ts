/**
 * Batched reads and writes against the single table, with DynamoDB's limits (25 writes, 100 keys per
 * request) and its partial results handled: UnprocessedItems / UnprocessedKeys are sent again with
 * exponential backoff and jitter until done or out of attempts. Throttling errors are already retried by
 * the SDK itself; these are the items DynamoDB accepted the request for but did not process.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { TableKey } from '../model/product-items';

export const MAX_BATCH_WRITE_ITEMS = 25;
export const MAX_BATCH_GET_KEYS = 100;

export type Item = Record<string, unknown>;
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

export interface TableBatchOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Requests in flight at once. Default 4. */
  readonly parallel?: number;
  /** Sends of one batch before giving up on its unprocessed part. Default 10. */
  readonly maxAttempts?: number;
  /** First backoff; doubles per attempt (capped at 2 s), with full jitter. Default 25 ms. */
  readonly baseDelayMs?: number;
  /**
   * Requests in flight shared with other work (a `RequestSlots`): each request waits for a slot, so several
   * batch calls running at once stay within one budget. Without it only `parallel` bounds each call.
   */
  readonly slots?: RequestSlots;
}

/**
 * At most `size` requests in flight, first come first served: work queued by several callers at once (an
 * import preparing one batch of rows while it writes another) shares one budget, keeping the table as busy
 * as that budget allows and no busier.
 */
export class RequestSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('RequestSlots needs at least one slot');
    this.free = size;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; only when nobody waits is it freed.
      if (next) next();
      else this.free += 1;
    }
  }
}

/** Runs one request within the options' shared slots, if any. */
export function inSlot<T>(options: Pick<TableBatchOptions, 'slots'>, work: () => Promise<T>): Promise<T> {
  return options.slots ? options.slots.run(work) : work();
}

export interface WriteStats {
  /** BatchWriteItem calls, retries included. */
  requests: number;
  puts: number;
  deletes: number;
  /** Items DynamoDB returned unprocessed and that were sent again. */
  retriedItems: number;
}

export function emptyWriteStats(): WriteStats {
  return { requests: 0, puts: 0, deletes: 0, retriedItems: 0 };
}

export function addWriteStats(total: WriteStats, more: WriteStats): void {
  total.requests += more.requests;
  total.puts += more.puts;
  total.deletes += more.deletes;
  total.retriedItems += more.retriedItems;
}

export class BatchIncompleteError extends Error {
  readonly errorType = 'Conflict';
  override readonly name = 'BatchIncompleteError';
}

export function putRequest(item: object): WriteRequest {
  return { PutRequest: { Item: item as Item } };
}

export function deleteRequest(key: TableKey): WriteRequest {
  return { DeleteRequest: { Key: { PK: key.PK, SK: key.SK } } };
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let at = 0; at < list.length; at += size) result.push(list.slice(at, at + size));
  return result;
}

function backoff(attempt: number, baseDelayMs: number): Promise<void> {
  const cap = Math.min(2000, baseDelayMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
}

/** Runs `work` over `inputs` with at most `parallel` running at once. */
export async function inParallel<T>(inputs: readonly T[], parallel: number, work: (input: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < inputs.length) {
      const input = inputs[next] as T;
      next += 1;
      await work(input);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, inputs.length)) }, lane));
}

/** Writes every request (puts and deletes; keys must be unique) in batches of 25. */
export async function batchWrite(options: TableBatchOptions, requests: readonly WriteRequest[]): Promise<WriteStats> {
  const stats = emptyWriteStats();
  const maxAttempts = options.maxAttempts ?? 10;
  const baseDelayMs = options.baseDelayMs ?? 25;
  for (const request of requests) {
    if ('PutRequest' in request) stats.puts += 1;
    else stats.deletes += 1;
  }
  await inParallel(chunks(requests, MAX_BATCH_WRITE_ITEMS), options.parallel ?? 4, async (batch) => {
    let pending: WriteRequest[] = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= maxAttempts) {
        throw new BatchIncompleteError(`${pending.length} writes still unprocessed after ${maxAttempts} attempts`);
      }
      if (attempt > 0) {
        stats.retriedItems += pending.length;
        await backoff(attempt, baseDelayMs);
      }
      stats.requests += 1;
      const sending = pending;
      const output = await inSlot(options, () =>
        options.documentClient.send(new BatchWriteCommand({ RequestItems: { [options.tableName]: sending } })),
      );
      pending = (output.UnprocessedItems?.[options.tableName] ?? []) as WriteRequest[];
    }
  });
  return stats;
}

/** Reads the items with these keys (missing ones are simply absent), in batches of 100. */
export async function batchGet<T = Item>(
  options: TableBatchOptions,
  keys: readonly TableKey[],
  projection?: readonly string[],
): Promise<T[]> {
  const found: T[] = [];
  const maxAttempts = options.maxAttempts ?? 10;
  const baseDelayMs = options.baseDelayMs ?? 25;
  const names = projection ? Object.fromEntries(projection.map((name, index) => [`#p${index}`, name])) : undefined;
  await inParallel(chunks(keys, MAX_BATCH_GET_KEYS), options.parallel ?? 4, async (batch) => {
    let pending: Item[] = batch.map((key) => ({ PK: key.PK, SK: key.SK }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= maxAttempts) {
        throw new BatchIncompleteError(`${pending.length} reads still unprocessed after ${maxAttempts} attempts`);
      }
      if (attempt > 0) await backoff(attempt, baseDelayMs);
      const reading = pending;
      const output = await inSlot(options, () => options.documentClient.send(
        new BatchGetCommand({
          RequestItems: {
            [options.tableName]: {
              Keys: reading,
              ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
            },
          },
        }),
      ));
      found.push(...((output.Responses?.[options.tableName] ?? []) as T[]));
      pending = output.UnprocessedKeys?.[options.tableName]?.Keys ?? [];
    }
  });
  return found;
}
