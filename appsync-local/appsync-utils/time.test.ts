// Cases from the AppSync reference's util.time examples (the "standalone function", conversion and parsing
// examples), plus the DateTimeFormatter letters resolver code commonly uses.
import { describe, expect, it } from 'vitest';
import { createTimeUtils } from './time';

const time = createTimeUtils(() => 1517943695758);

describe('util.time now*', () => {
  it('nowISO8601 is UTC with milliseconds', () => {
    expect(time.nowISO8601()).toBe('2018-02-06T19:01:35.758Z');
  });

  it('nowEpochSeconds and nowEpochMilliSeconds count from 1970-01-01T00:00:00Z', () => {
    expect(time.nowEpochSeconds()).toBe(1517943695);
    expect(time.nowEpochMilliSeconds()).toBe(1517943695758);
  });

  it('nowFormatted uses UTC unless a zone is given', () => {
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
  });
});

describe('util.time conversions', () => {
  it('epochMilliSecondsToSeconds drops the milliseconds', () => {
    expect(time.epochMilliSecondsToSeconds(1517943695758)).toBe(1517943695);
  });

  it('epochMilliSecondsToISO8601', () => {
    expect(time.epochMilliSecondsToISO8601(1517943695758)).toBe('2018-02-06T19:01:35.758Z');
  });

  it('epochMilliSecondsToFormatted, in UTC and in a zone', () => {
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
  });

  it('formats names, 12-hour clocks, fractions, quoted text and offsets', () => {
    expect(time.epochMilliSecondsToFormatted(1517943695758, "EEEE, d MMMM yyyy 'at' h:mm a", 'America/Lima')).toBe(
      'Tuesday, 6 February 2018 at 2:01 PM',
    );
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'EEE MMM dd yy HH:mm:ss.SSS')).toBe('Tue Feb 06 18 19:01:35.758');
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'XXX|xx|X|ZZZZZ|O|VV', 'America/Lima')).toBe('-05:00|-0500|-05|-05:00|GMT-5|America/Lima');
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'XXX|ZZZZ')).toBe('Z|GMT');
    expect(time.epochMilliSecondsToFormatted(1517943695758, "''yyyy''")).toBe("'2018'");
  });

  it('follows daylight saving time in a zone', () => {
    const july = Date.UTC(2024, 6, 1, 12, 0, 0);
    const january = Date.UTC(2024, 0, 1, 12, 0, 0);
    expect(time.epochMilliSecondsToFormatted(july, 'HH:mm XXX', 'Europe/Madrid')).toBe('14:00 +02:00');
    expect(time.epochMilliSecondsToFormatted(january, 'HH:mm XXX', 'Europe/Madrid')).toBe('13:00 +01:00');
  });

  it('refuses an unknown zone', () => {
    expect(() => time.nowFormatted('yyyy', 'Mars/Olympus')).toThrow(/Unknown time-zone ID/);
  });
});

describe('util.time parsing', () => {
  it('parseISO8601ToEpochMilliSeconds reads the offset', () => {
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-06T19:01:35.758Z')).toBe(1517943695758);
  });

  it('parseFormattedToEpochMilliSeconds with the offset in the text', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ')).toBe(1517505562000);
  });

  it('parseFormattedToEpochMilliSeconds with the zone as an argument', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', '+08:00')).toBe(1517505562000);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', 'Australia/Perth')).toBe(1517505562000);
  });

  it('reads adjacent numeric fields and names', () => {
    expect(time.parseFormattedToEpochMilliSeconds('20180206', 'yyyyMMdd')).toBe(Date.UTC(2018, 1, 6));
    expect(time.parseFormattedToEpochMilliSeconds('Tue, 6 Feb 2018 2:01:35 PM America/Lima', 'EEE, d MMM yyyy h:mm:ss a VV')).toBe(
      1517943695000,
    );
  });

  it('round-trips what it formats', () => {
    const pattern = 'yyyy-MM-dd HH:mm:ss.SSSXXX';
    const text = time.epochMilliSecondsToFormatted(1517943695758, pattern, 'Asia/Kolkata');
    expect(time.parseFormattedToEpochMilliSeconds(text, pattern)).toBe(1517943695758);
  });

  it('refuses text that does not match the pattern', () => {
    expect(() => time.parseFormattedToEpochMilliSeconds('06/02/2018', 'yyyy-MM-dd')).toThrow(/could not be parsed/);
    expect(() => time.parseISO8601ToEpochMilliSeconds('yesterday')).toThrow(/could not be parsed/);
  });
});
