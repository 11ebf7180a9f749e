/**
 * The local stand-in for EventBridge Scheduler: runs each scheduled Lambda of wiring/events.ts at its cron
 * time in the shop's time zone, in process, with the same handler as deployed. Only the forms the wiring
 * uses are supported, daily ("M H * * ? *"), hourly ("M * * * ? *") and every minute ("* * * * ? *");
 * anything else is refused at start
 * rather than run at a wrong time.
 */
import type { Context } from 'aws-lambda';
import { localLambdas, type LocalLambdaDefinition } from './event-fabric/handlers';
import { lambdaContext } from './event-fabric/lambda-context';

export interface DailyTime {
  readonly hour: number;
  readonly minute: number;
}

export function parseDailyCron(cron: string): DailyTime {
  const fields = cron.trim().split(/\s+/);
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields;
  const daily = fields.length === 6 && dayOfMonth === '*' && month === '*' && dayOfWeek === '?' && year === '*';
  const m = Number(minute);
  const h = Number(hour);
  if (!daily || !Number.isInteger(m) || !Number.isInteger(h) || m < 0 || m > 59 || h < 0 || h > 23) {
    throw new Error(`The local scheduler runs only daily crons like "0 3 * * ? *"; got "${cron}"`);
  }
  return { hour: h, minute: m };
}

/** Milliseconds to add to UTC to get the wall-clock time of `timeZone` at `instant`. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The next instant strictly after `now` at which the wall clock of `timeZone` reads `time`. */
export function nextDailyRun(time: DailyTime, timeZone: string, now: Date): Date {
  const wallNow = new Date(now.getTime() + zoneOffsetMs(now.getTime(), timeZone));
  for (let dayOffset = 0; dayOffset <= 2; dayOffset += 1) {
    const wallTarget = Date.UTC(wallNow.getUTCFullYear(), wallNow.getUTCMonth(), wallNow.getUTCDate() + dayOffset, time.hour, time.minute);
    // Convert wall time to UTC with the offset in force then (checked twice across DST changes).
    let instant = wallTarget - zoneOffsetMs(wallTarget, timeZone);
    instant = wallTarget - zoneOffsetMs(instant, timeZone);
    if (instant > now.getTime()) return new Date(instant);
  }
  throw new Error('unreachable: a daily time recurs within two days');
}

/** Minute of every hour of an hourly cron ("M * * * ? *"), or null when the cron is not hourly. */
export function parseHourlyCron(cron: string): number | null {
  const fields = cron.trim().split(/\s+/);
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields;
  if (fields.length !== 6 || hour !== '*' || dayOfMonth !== '*' || month !== '*' || dayOfWeek !== '?' || year !== '*') return null;
  const m = Number(minute);
  if (!/^\d{1,2}$/.test(minute ?? '') || m < 0 || m > 59) throw new Error(`Bad minute in the hourly cron "${cron}"`);
  return m;
}

/** True for the every-minute cron "* * * * ? *". */
export function isEveryMinuteCron(cron: string): boolean {
  return cron.trim().split(/\s+/).join(' ') === '* * * * ? *';
}

/** The next whole UTC minute strictly after `now`. */
export function nextMinuteRun(now: Date): Date {
  const next = new Date(now.getTime());
  next.setUTCSeconds(0, 0);
  next.setUTCMinutes(next.getUTCMinutes() + 1);
  return next;
}

/** The next instant strictly after `now` at minute `minute` of a UTC hour (the same wall-clock minute in whole-hour zones such as Mexico's). */
export function nextHourlyRun(minute: number, now: Date): Date {
  const next = new Date(now.getTime());
  next.setUTCSeconds(0, 0);
  next.setUTCMinutes(minute);
  if (next.getTime() <= now.getTime()) next.setUTCHours(next.getUTCHours() + 1);
  return next;
}

export type ScheduledLambda = LocalLambdaDefinition<'schedule'>;

/** Runs the function's handler (the fabric's registry) with the Lambda context of this run. */
export type ScheduledInvoke = (lambda: ScheduledLambda, context: Context) => Promise<unknown>;

export interface LocalScheduler {
  /** Next run per scheduled Lambda. */
  readonly nextRuns: ReadonlyMap<string, Date>;
  stop(): void;
}

export function startLocalScheduler(options: {
  readonly timeZone: string;
  readonly invoke: ScheduledInvoke;
  readonly log: (line: string) => void;
  readonly region?: string;
  readonly now?: () => Date;
}): LocalScheduler {
  const now = options.now ?? (() => new Date());
  const timers = new Map<string, NodeJS.Timeout>();
  const nextRuns = new Map<string, Date>();
  const arm = (lambda: ScheduledLambda, time: DailyTime | { readonly everyHourAt: number } | { readonly everyMinute: true }) => {
    const at =
      'everyMinute' in time
        ? nextMinuteRun(now())
        : 'everyHourAt' in time
          ? nextHourlyRun(time.everyHourAt, now())
          : nextDailyRun(time, options.timeZone, now());
    nextRuns.set(lambda.name, at);
    // setTimeout's limit is ~24.8 days; a daily run is always well within it.
    const timer = setTimeout(() => {
      // An every-minute job would fill the output: it logs its own work, the scheduler only its failures.
      const quiet = 'everyMinute' in time;
      if (!quiet) options.log(`[scheduler] running ${lambda.name}`);
      const context = lambdaContext({
        functionName: lambda.name,
        region: options.region ?? 'us-east-1',
        timeoutMs: lambda.timeoutSeconds * 1000,
        memoryMb: lambda.memoryMb,
      });
      options
        .invoke(lambda, context)
        .then((result) => {
          if (!quiet) options.log(`[scheduler] ${lambda.name} finished: ${JSON.stringify(result)}`);
        })
        .catch((error: unknown) => options.log(`[scheduler] ${lambda.name} failed: ${String(error)}`))
        .finally(() => arm(lambda, time));
    }, at.getTime() - now().getTime());
    timer.unref();
    timers.set(lambda.name, timer);
  };
  for (const lambda of localLambdas) {
    const trigger = lambda.trigger;
    if (trigger.kind !== 'schedule') continue;
    if (isEveryMinuteCron(trigger.cron)) {
      arm({ ...lambda, trigger }, { everyMinute: true });
      continue;
    }
    const hourlyMinute = parseHourlyCron(trigger.cron);
    arm({ ...lambda, trigger }, hourlyMinute === null ? parseDailyCron(trigger.cron) : { everyHourAt: hourlyMinute });
  }
  return {
    nextRuns,
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}
