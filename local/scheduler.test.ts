import { describe, expect, it } from 'vitest';
import { isEveryMinuteCron, nextDailyRun, nextHourlyRun, nextMinuteRun, parseDailyCron, parseHourlyCron } from './scheduler';
import { lambdas } from '../wiring/events';

describe('local scheduler', () => {
  it('reads the daily cron of the similarity schedule', () => {
    const similarity = lambdas.find((l) => l.name === 'similarity');
    expect(similarity?.trigger.kind).toBe('schedule');
    if (similarity?.trigger.kind === 'schedule') expect(parseDailyCron(similarity.trigger.cron)).toEqual({ hour: 3, minute: 0 });
  });

  it('refuses crons it cannot run faithfully', () => {
    expect(() => parseDailyCron('0 3 ? * MON *')).toThrow(/daily/);
    expect(() => parseDailyCron('0 25 * * ? *')).toThrow(/daily/);
  });

  it('runs at 03:00 Mexico City time, which is 09:00 UTC', () => {
    const next = nextDailyRun({ hour: 3, minute: 0 }, 'America/Mexico_City', new Date('2026-11-28T15:00:00Z'));
    expect(next.toISOString()).toBe('2026-11-29T09:00:00.000Z');
  });

  it('runs later the same day when 03:00 has not come yet', () => {
    const next = nextDailyRun({ hour: 3, minute: 0 }, 'America/Mexico_City', new Date('2026-11-28T08:59:00Z'));
    expect(next.toISOString()).toBe('2026-11-28T09:00:00.000Z');
  });

  it('follows daylight saving time in zones that have it', () => {
    // Madrid: CET (UTC+1) in winter, CEST (UTC+2) in summer.
    expect(nextDailyRun({ hour: 3, minute: 0 }, 'Europe/Madrid', new Date('2026-01-10T12:00:00Z')).toISOString()).toBe('2026-01-11T02:00:00.000Z');
    expect(nextDailyRun({ hour: 3, minute: 0 }, 'Europe/Madrid', new Date('2026-07-10T12:00:00Z')).toISOString()).toBe('2026-07-11T01:00:00.000Z');
  });

  it('reads the hourly cron of the analytics job and runs it at that minute of every hour', () => {
    const analytics = lambdas.find((l) => l.name === 'analytics');
    expect(analytics?.trigger.kind).toBe('schedule');
    if (analytics?.trigger.kind === 'schedule') expect(parseHourlyCron(analytics.trigger.cron)).toBe(5);
    expect(parseHourlyCron('0 3 * * ? *')).toBeNull();
    expect(() => parseHourlyCron('75 * * * ? *')).toThrow(/minute/);
    expect(nextHourlyRun(5, new Date('2026-11-28T15:04:59Z')).toISOString()).toBe('2026-11-28T15:05:00.000Z');
    expect(nextHourlyRun(5, new Date('2026-11-28T15:05:00Z')).toISOString()).toBe('2026-11-28T16:05:00.000Z');
    expect(nextHourlyRun(5, new Date('2026-11-28T23:30:00Z')).toISOString()).toBe('2026-11-29T00:05:00.000Z');
  });
});

describe('every-minute schedules', () => {
  it('runs the reservation-expiry job at the start of every minute', () => {
    const expiry = lambdas.find((l) => l.name === 'reservation-expiry');
    expect(expiry?.trigger.kind === 'schedule' && isEveryMinuteCron(expiry.trigger.cron)).toBe(true);
    expect(nextMinuteRun(new Date('2026-12-01T18:30:15.500Z')).toISOString()).toBe('2026-12-01T18:31:00.000Z');
    expect(nextMinuteRun(new Date('2026-12-01T18:59:00.000Z')).toISOString()).toBe('2026-12-01T19:00:00.000Z');
  });
});
