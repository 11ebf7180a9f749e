/**
 * The polling loop every local event source runs on (the table stream and the queues alike): one pass at
 * a time, at once again while there is work, every `pollIntervalMs` when idle, backing off up to 5 s
 * while passes fail; paused and resumed by the fabric, woken early when work arrives.
 */
export interface PollerOptions {
  /** Who polls what, for log lines: "[order-email] polling orders-email". */
  readonly description: string;
  readonly pollIntervalMs: number;
  readonly paused?: boolean;
  /** One pass; true when it found work (pass again at once). A throw backs off. */
  readonly pass: () => Promise<boolean>;
  readonly log: (line: string) => void;
}

const MAX_BACKOFF_MS = 5000;

export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private passing = false;
  private pausedFlag: boolean;
  private current: Promise<void> = Promise.resolve();
  private failures = 0;
  private wokenDuringPass = false;

  constructor(private readonly options: PollerOptions) {
    this.pausedFlag = options.paused ?? false;
  }

  /** False once stopped or while paused: a pass in progress should end early. */
  get active(): boolean {
    return this.running && !this.pausedFlag;
  }

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    this.wake();
  }

  /** Passes now (work just arrived) instead of at the next interval; a pass in progress is not interrupted. */
  wake(): void {
    if (!this.active) return;
    if (this.passing) this.wokenDuringPass = true;
    else this.schedule(0);
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.current = this.runPass();
    }, delayMs);
  }

  private async runPass(): Promise<void> {
    if (this.passing) return;
    if (!this.active) {
      this.schedule(this.options.pollIntervalMs);
      return;
    }
    this.passing = true;
    this.wokenDuringPass = false;
    let next = this.options.pollIntervalMs;
    try {
      const busy = await this.options.pass();
      this.failures = 0;
      if (busy || this.wokenDuringPass) next = 0;
    } catch (error) {
      this.failures += 1;
      next = Math.min(MAX_BACKOFF_MS, this.options.pollIntervalMs * 2 ** Math.min(this.failures, 6));
      this.options.log(`${this.options.description} failed, retrying in ${next} ms: ${String(error)}`);
    } finally {
      this.passing = false;
    }
    this.schedule(next);
  }
}

/**
 * An event source polling on a Poller (the table stream, a queue): the fabric starts, pauses, resumes and
 * wakes it alike; each source says what one pass does and how it stops.
 */
export abstract class PolledEventSource {
  protected readonly poller: Poller;

  constructor(options: Omit<PollerOptions, 'pass'>) {
    this.poller = new Poller({ ...options, pass: () => this.pass() });
  }

  /** One pass: true when it found work (pass again at once); a throw backs off. */
  protected abstract pass(): Promise<boolean>;

  /** Stops polling after the pass in flight, then whatever the source holds. */
  abstract stop(): Promise<void>;

  start(): void {
    this.poller.start();
  }

  pause(): void {
    this.poller.pause();
  }

  resume(): void {
    this.poller.resume();
  }

  /** Polls now (work just arrived) instead of at the next interval. */
  wake(): void {
    this.poller.wake();
  }
}
