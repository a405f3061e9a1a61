import type { Instant, IsoDate } from './dates.js';
import { instantToEpochMillis } from './dates.js';

// Built on first use, not at import, so importing the domain stays cheap.
let formatter: Intl.DateTimeFormat | undefined;

function londonFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    calendar: 'gregory',
    numberingSystem: 'latn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return formatter;
}

/**
 * The Europe/London calendar date of an instant, so a complaint received at
 * 00:30 BST counts from that day although it is still the previous day in
 * UTC. Uses the runtime's time-zone data (deterministic: no clock is read).
 *
 * @throws InvalidInputError (field `instant`) for a malformed timestamp
 * @example
 * londonDate('2026-06-30T23:30:00Z'); // '2026-07-01' (BST, UTC+1)
 * londonDate('2026-12-31T23:30:00Z'); // '2026-12-31' (GMT)
 * londonDate('2026-07-01T00:30:00+01:00'); // '2026-07-01'
 */
export function londonDate(instant: Instant): IsoDate {
  const millis = instantToEpochMillis(instant, 'instant');
  let year = '';
  let month = '';
  let day = '';
  for (const part of londonFormatter().formatToParts(millis)) {
    if (part.type === 'year') year = part.value.padStart(4, '0');
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year}-${month}-${day}`;
}
