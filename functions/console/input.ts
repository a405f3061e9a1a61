/**
 * What staff type, as the commands take it: a date from day, month and
 * year boxes; a moment from a London date and time of day; pence from
 * pounds; a list from lines. Nothing is judged here: a value that cannot
 * be read is passed on unreadable, so the command's own schema refuses it
 * and names the field.
 */

const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() : undefined;

/** Text a form sent at `key`, or undefined when the field was blank. */
export function textOf(
  form: Record<string, unknown>,
  key: string,
): string | undefined {
  const value = str(form[key]);
  return value === '' ? undefined : value;
}

/** `{ day: '3', month: '11', year: '2026' }` → `2026-11-03`; blank → undefined. */
export function dateOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) return 'invalid';
  const parts = value as Record<string, unknown>;
  const [day, month, year] = ['day', 'month', 'year'].map((k) => str(parts[k]));
  if (day === undefined && month === undefined && year === undefined) {
    return undefined;
  }
  if (
    !/^\d{1,2}$/.test(day ?? '') ||
    !/^\d{1,2}$/.test(month ?? '') ||
    !/^\d{4}$/.test(year ?? '')
  ) {
    return 'invalid';
  }
  return `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
}

/** `14:30`, `2:30pm`, `9am`, `0930` → minutes after midnight; else undefined. */
export function minutesOf(time: string): number | undefined {
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(
    time.trim(),
  );
  if (match === null) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase().replaceAll('.', '');
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return hour * 60 + minute;
}

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  timeZoneName: 'longOffset',
});

/** London's offset from UTC at an instant, in minutes (0 or 60). */
function londonOffset(epochMillis: number): number {
  const name =
    offsetFormat
      .formatToParts(epochMillis)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * A London wall-clock time as an instant:
 * `londonInstant('2026-07-01', 9 * 60)` → `2026-07-01T08:00:00Z` (BST).
 * A time the clocks skip or repeat is read as GMT (the later reading).
 */
export function londonInstant(date: string, minutes: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(
    year ?? 0,
    (month ?? 1) - 1,
    day ?? 1,
    Math.floor(minutes / 60),
    minutes % 60,
  );
  const first = wall - londonOffset(wall) * 60_000;
  const settled = wall - londonOffset(first) * 60_000;
  return new Date(settled).toISOString().replace('.000Z', 'Z');
}

/**
 * `{ day, month, year, time }` in London → an instant; blank → undefined;
 * anything unreadable → `'invalid'` (refused by the schema on the field).
 */
export function instantOf(value: unknown): string | undefined {
  const date = dateOf(value);
  const time = str((value as Record<string, unknown> | undefined)?.time);
  if (date === undefined && (time === undefined || time === '')) {
    return undefined;
  }
  const minutes = time === undefined ? undefined : minutesOf(time);
  if (date === undefined || date === 'invalid' || minutes === undefined) {
    return 'invalid';
  }
  return londonInstant(date, minutes);
}

/** `£1,250.50` → 125050 pence; blank → undefined; unreadable → NaN. */
export function penceOf(value: unknown): number | undefined {
  const raw = str(value)?.replace(/^£/, '').replaceAll(',', '');
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+(?:\.\d{1,2})?$/.test(raw)) return Number.NaN;
  const [pounds = '0', pence = ''] = raw.split('.');
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
}

/** One entry per non-blank line. */
export function linesOf(value: unknown): string[] {
  return (str(value) ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The rows a form sent under `key` (qs turns `key.0.x` into an array). */
export function rowsOf(
  form: Record<string, unknown>,
  key: string,
): Record<string, unknown>[] {
  const value = form[key];
  const rows = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object'
      ? Object.values(value)
      : [];
  return rows.filter(
    (row): row is Record<string, unknown> =>
      row !== null && typeof row === 'object',
  );
}

/** A nested group of fields the form sent (`resident.name` → `resident`). */
export function groupOf(
  form: Record<string, unknown>,
  key: string,
): Record<string, unknown> {
  const value = form[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Drops undefined properties (the schemas use exact optional fields). */
export function defined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as { [K in keyof T]: Exclude<T[K], undefined> };
}
