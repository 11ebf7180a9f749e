/** A bounded closed-loop load generator: N concurrent clients, each sending its next request when the last one answered. */
import os from 'node:os';

export interface LoadOptions {
  readonly concurrency: number;
  /** Measuring stops after this long… */
  readonly durationMs: number;
  /** …or after this many requests, whichever comes first. */
  readonly maxRequests: number;
  /** Unmeasured requests per client before measuring, to warm connections and JIT. */
  readonly warmupPerClient: number;
}

export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly failures: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `send(i)` from `concurrency` clients; `send` resolves true on success. */
export async function runLoad(name: string, options: LoadOptions, send: (i: number) => Promise<boolean>): Promise<LoadResult> {
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let i = 0; i < options.warmupPerClient; i += 1) await send(next++);
    }),
  );
  const latencies: number[] = [];
  let failures = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (issued < options.maxRequests && performance.now() < deadline) {
        issued += 1;
        const t0 = performance.now();
        const ok = await send(next++).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function formatResults(results: readonly LoadResult[]): string {
  const rows = results.map(
    (r) =>
      `${r.name.padEnd(34)} ${String(r.requests).padStart(8)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${String(r.failures).padStart(8)}`,
  );
  return [`${'scenario'.padEnd(34)} ${'requests'.padStart(8)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'failures'.padStart(8)}`, ...rows].join('\n');
}
