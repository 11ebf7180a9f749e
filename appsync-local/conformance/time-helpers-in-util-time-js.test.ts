// Guide page: "Time helpers in util.time" (time-helpers-in-util-time-js): formats follow Java's
// DateTimeFormatter and zones Java's ZoneId, whose offsets have second precision (ZoneOffset ±hh:mm:ss).
import { describe, expect, it } from 'vitest';
import { createTimeUtils } from '../appsync-utils/time';

const time = createTimeUtils(() => Date.UTC(2018, 1, 6, 19, 1, 35, 758));

describe('time-helpers-in-util-time-js › offsets keep their seconds', () => {
  it('parseISO8601ToEpochMilliSeconds reads an offset with seconds', () => {
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+05:30:15')).toBe(Date.UTC(2018, 1, 1, 11, 50, 50, 180));
  });

  it('parseFormattedToEpochMilliSeconds with a zone argument that has seconds', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', '+01:00:30')).toBe(Date.UTC(2018, 1, 2, 0, 18, 52));
  });

  it('parses an offset with seconds in the text (XXXXX)', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22 +01:00:30', 'yyyy-MM-dd HH:mm:ss XXXXX')).toBe(Date.UTC(2018, 1, 2, 0, 18, 52));
  });

  it('formats the seconds of an offset with the long patterns only, as DateTimeFormatter does', () => {
    const at = Date.UTC(2018, 1, 2, 0, 18, 52);
    expect(time.epochMilliSecondsToFormatted(at, "HH:mm:ss XXXXX '|' XXX '|' xxxx '|' ZZZZZ '|' ZZZZ '|' VV", '+01:00:30')).toBe(
      '01:19:22 +01:00:30 | +01:00 | +010030 | +01:00:30 | GMT+01:00:30 | +01:00:30',
    );
  });
});
