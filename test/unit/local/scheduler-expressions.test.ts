import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  nextOccurrence,
  type OccurrenceWindow,
  parseExpression,
  type ScheduleExpression,
} from '../../../infra/local/scheduler/expressions.js';

const LONDON: OccurrenceWindow = { timeZone: 'Europe/London', rateAnchor: 0 };
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();

function parsed(text: string): ScheduleExpression {
  const check = parseExpression(text);
  if (!check.ok) throw new Error(`${text}: ${check.reason}`);
  return check.expression;
}

/** The first `count` occurrences after `from`. */
function occurrences(
  text: string,
  from: string,
  count: number,
  window: OccurrenceWindow = LONDON,
): (string | null)[] {
  const expression = parsed(text);
  const found: (string | null)[] = [];
  let after = utc(from);
  for (let i = 0; i < count; i += 1) {
    const next = nextOccurrence(expression, after, window);
    found.push(iso(next));
    if (next === null) break;
    after = next;
  }
  return found;
}

describe('at() in Europe/London', () => {
  it.each([
    // 2026: BST from 01:00 UTC Sun 29 March to 01:00 UTC Sun 25 October.
    ['at(2026-03-28T07:00:00)', '2026-03-28T07:00:00.000Z'],
    ['at(2026-03-29T07:00:00)', '2026-03-29T06:00:00.000Z'],
    ['at(2026-07-01T07:00:00)', '2026-07-01T06:00:00.000Z'],
    ['at(2026-10-24T07:00:00)', '2026-10-24T06:00:00.000Z'],
    ['at(2026-10-25T07:00:00)', '2026-10-25T07:00:00.000Z'],
    ['at(2026-12-25T00:00:00)', '2026-12-25T00:00:00.000Z'],
  ])('reads %s as wall-clock time: %s', (text, expected) => {
    // Act
    const when = nextOccurrence(parsed(text), 0, LONDON);

    // Assess
    expect(iso(when)).toBe(expected);
  });

  it('reads a time in the spring-forward gap as the hour after (01:30 → 02:30 BST)', () => {
    expect(
      iso(nextOccurrence(parsed('at(2026-03-29T01:30:00)'), 0, LONDON)),
    ).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads a time in the autumn overlap as its first (BST) instance', () => {
    expect(
      iso(nextOccurrence(parsed('at(2026-10-25T01:30:00)'), 0, LONDON)),
    ).toBe('2026-10-25T00:30:00.000Z');
  });

  it('is UTC when no time zone is given', () => {
    expect(
      iso(
        nextOccurrence(parsed('at(2026-07-01T07:00:00)'), 0, { rateAnchor: 0 }),
      ),
    ).toBe('2026-07-01T07:00:00.000Z');
  });

  it('has no occurrence once its time has passed, whatever the start and end dates', () => {
    // Prepare
    const at = parsed('at(2026-07-01T07:00:00)');

    // Act
    const afterIt = nextOccurrence(at, utc('2026-07-01T06:00:00Z'), LONDON);
    const outsideWindow = nextOccurrence(at, 0, {
      ...LONDON,
      startDate: utc('2027-01-01T00:00:00Z'),
      endDate: utc('2027-02-01T00:00:00Z'),
    });

    // Assess
    expect(afterIt).toBeNull();
    expect(iso(outsideWindow)).toBe('2026-07-01T06:00:00.000Z');
  });
});

describe('rate()', () => {
  it('starts at its anchor and repeats at the interval', () => {
    expect(
      occurrences('rate(5 minutes)', '2026-05-01T00:00:00Z', 3, {
        rateAnchor: utc('2026-05-01T00:01:00Z'),
      }),
    ).toEqual([
      '2026-05-01T00:01:00.000Z',
      '2026-05-01T00:06:00.000Z',
      '2026-05-01T00:11:00.000Z',
    ]);
  });

  it('counts days as 24 hours, so the wall-clock time shifts across a clock change', () => {
    expect(
      occurrences('rate(1 day)', '2026-03-28T06:00:00Z', 2, {
        ...LONDON,
        rateAnchor: utc('2026-03-28T07:00:00Z'),
      }),
    ).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T07:00:00.000Z']);
  });

  it('starts at StartDate when given and stops before EndDate', () => {
    expect(
      occurrences('rate(1 hour)', '2026-05-01T00:00:00Z', 4, {
        rateAnchor: 0,
        startDate: utc('2026-05-01T10:00:00Z'),
        endDate: utc('2026-05-01T12:00:00Z'),
      }),
    ).toEqual(['2026-05-01T10:00:00.000Z', '2026-05-01T11:00:00.000Z', null]);
  });

  it('picks up from the right step after a long gap', () => {
    expect(
      nextOccurrence(parsed('rate(7 hours)'), 100 * 3_600_000 + 1, {
        rateAnchor: 0,
      }),
    ).toBe(105 * 3_600_000);
  });
});

describe('cron() in Europe/London', () => {
  it('keeps 07:00 on the wall across the March 2026 clock change', () => {
    expect(occurrences('cron(0 7 * * ? *)', '2026-03-27T12:00:00Z', 3)).toEqual(
      [
        '2026-03-28T07:00:00.000Z',
        '2026-03-29T06:00:00.000Z',
        '2026-03-30T06:00:00.000Z',
      ],
    );
  });

  it('keeps 07:00 on the wall across the October 2026 clock change', () => {
    expect(occurrences('cron(0 7 * * ? *)', '2026-10-23T12:00:00Z', 3)).toEqual(
      [
        '2026-10-24T06:00:00.000Z',
        '2026-10-25T07:00:00.000Z',
        '2026-10-26T07:00:00.000Z',
      ],
    );
  });

  it('skips a time the spring-forward night does not have', () => {
    // 01:30 does not exist in London on 29 March 2026.
    expect(
      occurrences('cron(30 * * * ? *)', '2026-03-29T00:00:00Z', 3),
    ).toEqual([
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:30:00.000Z', // 02:30 BST
      '2026-03-29T02:30:00.000Z',
    ]);
  });

  it('skips a daily run whose time the spring-forward night does not have', () => {
    // AWS skips it rather than running at 02:30 BST.
    expect(
      occurrences('cron(30 1 * * ? *)', '2026-03-28T00:00:00Z', 2),
    ).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('runs a daily run whose time the autumn night has twice once, at the first', () => {
    expect(
      occurrences('cron(30 1 * * ? *)', '2026-10-24T12:00:00Z', 2),
    ).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    // Counting from the repeated hour, that day's 01:30 has already been.
    expect(
      occurrences('cron(30 1 * * ? *)', '2026-10-25T01:10:00Z', 1),
    ).toEqual(['2026-10-26T01:30:00.000Z']);
  });

  it('runs a time the autumn night has twice only once', () => {
    // 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    expect(
      occurrences('cron(30 * * * ? *)', '2026-10-24T23:45:00Z', 3),
    ).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:30:00.000Z',
      '2026-10-25T03:30:00.000Z',
    ]);
  });

  it('is UTC when no time zone is given', () => {
    expect(
      occurrences('cron(0 7 * * ? *)', '2026-07-01T00:00:00Z', 1, {
        rateAnchor: 0,
      }),
    ).toEqual(['2026-07-01T07:00:00.000Z']);
  });

  it('runs weekdays only for MON-FRI', () => {
    // Fri 3 July 2026, then Mon 6 July.
    expect(
      occurrences('cron(0 9 ? * MON-FRI *)', '2026-07-03T00:00:00Z', 2),
    ).toEqual(['2026-07-03T08:00:00.000Z', '2026-07-06T08:00:00.000Z']);
  });

  it('skips months without the day rather than rolling into the next month', () => {
    expect(
      occurrences('cron(0 7 31 * ? *)', '2026-04-01T00:00:00Z', 3, {
        rateAnchor: 0,
      }),
    ).toEqual([
      '2026-05-31T07:00:00.000Z',
      '2026-07-31T07:00:00.000Z',
      '2026-08-31T07:00:00.000Z',
    ]);
  });

  it('does not run in a month the expression leaves out', () => {
    expect(
      occurrences('cron(0 7 * 6 ? 2026)', '2026-06-29T12:00:00Z', 3, {
        rateAnchor: 0,
      }),
    ).toEqual(['2026-06-30T07:00:00.000Z', null]);
  });

  it('finds the last day of the month with L and the first Monday with 2#1', () => {
    expect(occurrences('cron(0 7 L * ? *)', '2027-02-01T00:00:00Z', 1)).toEqual(
      ['2027-02-28T07:00:00.000Z'],
    );
    expect(
      occurrences('cron(0 7 ? * 2#1 *)', '2027-02-02T00:00:00Z', 1),
    ).toEqual(['2027-03-01T07:00:00.000Z']);
  });

  it('runs from StartDate and not at or after EndDate', () => {
    expect(
      occurrences('cron(0 7 * * ? *)', '2026-06-01T00:00:00Z', 3, {
        ...LONDON,
        startDate: utc('2026-06-10T06:00:00Z'),
        endDate: utc('2026-06-11T06:00:00Z'),
      }),
    ).toEqual(['2026-06-10T06:00:00.000Z', null]);
  });
});

describe('expressions AWS rejects', () => {
  it.each([
    ['at(2026-02-30T07:00:00)', 'does not exist'],
    ['at(2026-07-01 07:00:00)', 'yyyy-mm-ddThh:mm:ss'],
    ['at(2026-07-01T24:00:00)', 'does not exist'],
    ['rate(0 minutes)', 'positive integer'],
    ['rate(5 weeks)', 'minute(s), hour(s) or day(s)'],
    ['rate(1 minutes)', "'minute' for 1"],
    ['rate(5 hour)', "'hours' for more"],
    ['cron(0 7 * * ?)', 'needs 6 fields'],
    [
      'cron(0 7 * * * *)',
      "exactly one of day-of-month and day-of-week must be '?'",
    ],
    [
      'cron(0 7 ? * ? *)',
      "exactly one of day-of-month and day-of-week must be '?'",
    ],
    ['cron(60 7 * * ? *)', "minutes field '60' is out of range 0-59"],
    ['cron(0 24 * * ? *)', "hours field '24' is out of range 0-23"],
    ['cron(0 7 32 * ? *)', "day-of-month field '32' is out of range 1-31"],
    ['cron(0 7 * 13 ? *)', "month field '13' is out of range 1-12"],
    ['cron(0 7 ? * 8 *)', "day-of-week field '8' is out of range 1-7"],
    ['cron(0 7 * * ? 1969)', "year field '1969' is out of range 1970-2199"],
    ['cron(x 7 * * ? *)', "minutes field 'x' is not valid"],
    ['cron(0 7 * FOO ? *)', "month field 'FOO' is not valid"],
    ['cron(0 9-5 * * ? *)', 'ends before it starts'],
    ['cron(0 ? * * ? *)', "hours field '?' cannot be '?'"],
    ['cron(0 7 ? * 2#6 *)', "day-of-week field '2#6' is not valid"],
    [
      'every day at 7',
      'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)',
    ],
  ])('rejects %s: %s', (text, reason) => {
    // Act
    const check = parseExpression(text);

    // Assess
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it.each([
    'at(2026-07-01T07:00:00)',
    'rate(1 minute)',
    'rate(15 minutes)',
    'rate(2 days)',
    'cron(0/15 8-17 ? * MON-FRI *)',
    'cron(0 7 L * ? *)',
    'cron(0 7 15W * ? *)',
    'cron(0 7 ? * 6L *)',
    'cron(0 7 1,15 jan,jul ? 2026-2030)',
  ])('accepts %s', (text) => {
    expect(parseExpression(text).ok).toBe(true);
  });
});

describe('time zones', () => {
  it.each([
    ['Europe/London', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Europe/Atlantis', false],
    ['', false],
  ])('%s is valid: %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
