/**
 * AWS six-field cron (`minutes hours day-of-month month day-of-week year`),
 * checked here and evaluated by `aws-cron-parser`.
 *
 * The parser assumes AWS has already validated the expression (it turns
 * `abc` into NaN), so the syntax is checked first. Its `next` also rolls a
 * day past the month's end into the next month (31 April becomes 1 May), so
 * it is asked one month at a time, with the days that month has.
 */
import awsCronParser from 'aws-cron-parser';

/** The parser's own form of a checked expression. */
export type ParsedCron = ReturnType<typeof awsCronParser.parse>;

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const fields: readonly FieldSpec[] = [
  { label: 'minutes', min: 0, max: 59 },
  { label: 'hours', min: 0, max: 23 },
  { label: 'day-of-month', min: 1, max: 31 },
  {
    label: 'month',
    min: 1,
    max: 12,
    names: 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' '),
  },
  {
    label: 'day-of-week',
    min: 1,
    max: 7,
    names: 'SUN MON TUE WED THU FRI SAT'.split(' '),
  },
  { label: 'year', min: 1970, max: 2199 },
];

const DAY_OF_MONTH = 2;
const DAY_OF_WEEK = 4;

export type CronCheck =
  | { readonly ok: true; readonly cron: ParsedCron }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks the text inside `cron(...)` as AWS does and parses it.
 *
 * @example
 * parseCron('0 7 * * ? *'); // ok: 07:00 every day
 * parseCron('0 7 * * * *'); // not ok: one of the day fields must be '?'
 */
export function parseCron(body: string): CronCheck {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== fields.length) {
    return {
      ok: false,
      reason: `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${parts.length}`,
    };
  }
  const normalised: string[] = [];
  for (const [index, spec] of fields.entries()) {
    const checked = checkField(parts[index] ?? '', spec, index);
    if (typeof checked !== 'string') return checked;
    normalised.push(checked);
  }
  const dom = normalised[DAY_OF_MONTH];
  const dow = normalised[DAY_OF_WEEK];
  if ((dom === '?') === (dow === '?')) {
    return {
      ok: false,
      reason:
        "exactly one of day-of-month and day-of-week must be '?' (AWS cannot combine them)",
    };
  }
  return { ok: true, cron: awsCronParser.parse(normalised.join(' ')) };
}

/** Returns the field with names replaced by numbers, or why it is wrong. */
function checkField(
  written: string,
  spec: FieldSpec,
  index: number,
): string | { ok: false; reason: string } {
  const fail = (why: string) => ({
    ok: false as const,
    reason: `${spec.label} field '${written}' ${why}`,
  });
  const upper = written.toUpperCase();
  const text = spec.names
    ? upper.replace(/[A-Z]{3}/g, (name) => {
        const at = spec.names?.indexOf(name) ?? -1;
        return at < 0 ? name : String(at + spec.min);
      })
    : upper;
  const inRange = (n: string) => {
    const value = Number(n);
    return value >= spec.min && value <= spec.max;
  };
  if (text === '?') {
    return index === DAY_OF_MONTH || index === DAY_OF_WEEK
      ? text
      : fail("cannot be '?' (only the day fields can)");
  }
  if (index === DAY_OF_MONTH) {
    if (text === 'L') return text;
    const special = /^(?:L-(\d{1,2})|(\d{1,2})W)$/.exec(text);
    if (special) {
      const n = special[1] ?? special[2] ?? '';
      return inRange(n)
        ? text
        : fail(`is out of range ${spec.min}-${spec.max}`);
    }
  }
  if (index === DAY_OF_WEEK) {
    // A bare L is the last day of the week: Saturday.
    if (text === 'L') return '7';
    const special = /^(\d)(?:L|#([1-5]))$/.exec(text);
    if (special) {
      return inRange(special[1] ?? '')
        ? text
        : fail(`is out of range ${spec.min}-${spec.max}`);
    }
  }
  for (const item of text.split(',')) {
    const m = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) return fail(`is not valid here (item '${item}')`);
    const [, star, from, to, step] = m;
    if (star === undefined && from !== undefined) {
      if (!inRange(from) || (to !== undefined && !inRange(to))) {
        return fail(`is out of range ${spec.min}-${spec.max}`);
      }
      if (to !== undefined && Number(to) < Number(from)) {
        return fail(`has a range that ends before it starts`);
      }
    }
    if (step !== undefined && (Number(step) < 1 || Number(step) > spec.max)) {
      return fail(`has a step outside 1-${spec.max}`);
    }
  }
  return text;
}

/**
 * The first minute strictly after `afterWall` that matches, in wall time
 * (see zoned-time.ts), or null when the expression has no later minute.
 */
export function nextCronWallTime(
  cron: ParsedCron,
  afterWall: number,
): number | null {
  const after = new Date(afterWall);
  const fromYear = after.getUTCFullYear();
  const fromMonth = after.getUTCMonth() + 1;
  for (const year of numbers(cron.years)) {
    if (year < fromYear) continue;
    for (const month of numbers(cron.months)) {
      if (year === fromYear && month < fromMonth) continue;
      const daysOfMonth = daysThatExist(cron.daysOfMonth, year, month);
      if (daysOfMonth === undefined) continue;
      const searchFrom =
        year === fromYear && month === fromMonth
          ? after
          : // One minute before the month: `next` starts a minute on.
            new Date(Date.UTC(year, month - 1, 1) - 60_000);
      const found = awsCronParser.next(
        { ...cron, years: [year], months: [month], daysOfMonth },
        searchFrom,
      );
      if (found !== null) return found.getTime();
    }
  }
  return null;
}

function numbers(rule: ParsedCron['years']): number[] {
  return rule.filter((v): v is number => typeof v === 'number');
}

/**
 * The day-of-month rule limited to days the month has; undefined when none
 * are left (an empty list would tell the parser to use day-of-week).
 */
function daysThatExist(
  rule: ParsedCron['daysOfMonth'],
  year: number,
  month: number,
): ParsedCron['daysOfMonth'] | undefined {
  if (rule.length === 0 || typeof rule[0] !== 'number') return rule;
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const days = numbers(rule).filter((day) => day <= length);
  return days.length > 0 ? days : undefined;
}
