/**
 * Keeps a child service of `npm start` (DynamoDB Local, cognito-local) running: when it exits without being
 * asked to, says so loudly, starts it again on the same port and data after a back-off (1 s, doubling up to
 * 30 s; back to 1 s once a run lasted a minute), and leaves everything else running. Clients keep their
 * endpoint, so the API and the event pipeline answer again as soon as the service is back.
 */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: string | null;
}

export interface SupervisedService {
  /** Operating-system process id of the service. */
  readonly pid: number | undefined;
  /** Settles when the process exits, whoever ended it. */
  readonly exited: Promise<ChildExit>;
  stop(): Promise<void>;
}

export interface SupervisorOptions<T extends SupervisedService> {
  readonly name: string;
  readonly first: T;
  readonly restart: () => Promise<T>;
  readonly log: (line: string) => void;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A run this long resets the back-off. */
  readonly healthyAfterMs?: number;
}

export interface Supervisor<T extends SupervisedService> {
  /** The service now running (a new one after each restart). */
  readonly current: T;
  readonly restarts: number;
  stop(): Promise<void>;
}

export function supervise<T extends SupervisedService>(options: SupervisorOptions<T>): Supervisor<T> {
  const minBackoffMs = options.minBackoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  let current = options.first;
  let restarts = 0;
  let stopping = false;
  let backoffMs = minBackoffMs;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> = Promise.resolve();

  const loud = (line: string) => options.log(`!!! ${options.name} ${line}`);

  const watch = (service: T, startedAt: number) => {
    void service.exited.then((exit) => {
      if (stopping || service !== current) return;
      if (Date.now() - startedAt >= healthyAfterMs) backoffMs = minBackoffMs;
      const how = exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
      loud(`DIED (${how}); restarting it in ${backoffMs} ms. Everything else keeps running; requests that need it fail until it is back.`);
      scheduleRestart();
    });
  };

  const scheduleRestart = () => {
    const delay = backoffMs;
    backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
    timer = setTimeout(() => {
      restarting = (async () => {
        if (stopping) return;
        try {
          const service = await options.restart();
          if (stopping) {
            await service.stop();
            return;
          }
          current = service;
          restarts += 1;
          loud(`is running again (restart ${restarts}, pid ${service.pid ?? '?'}).`);
          watch(service, Date.now());
        } catch (error) {
          loud(`could not be restarted: ${error instanceof Error ? error.message : String(error)}; trying again in ${backoffMs} ms.`);
          scheduleRestart();
        }
      })();
    }, delay);
  };

  watch(current, Date.now());
  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await restarting;
      await current.stop();
    },
  };
}
