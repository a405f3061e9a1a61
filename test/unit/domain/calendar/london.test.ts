import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { londonDate } from '../../../../domain/calendar/index.js';

/**
 * An independent oracle from the law (Summer Time Order 2002): BST runs from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October.
 */
function londonDateByRule(millis: number): string {
  const year = new Date(millis).getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  const bst = millis >= lastSunday(2) && millis < lastSunday(9);
  return new Date(millis + (bst ? 3_600_000 : 0)).toISOString().slice(0, 10);
}

describe('londonDate', () => {
  it.each([
    [
      'BST: 23:30Z on 30 Jun is 00:30 on 1 Jul',
      '2026-06-30T23:30:00Z',
      '2026-07-01',
    ],
    [
      'BST: 22:59Z on 30 Jun is still 30 Jun',
      '2026-06-30T22:59:59Z',
      '2026-06-30',
    ],
    [
      'BST: 23:00Z on 30 Jun is midnight, 1 Jul',
      '2026-06-30T23:00:00Z',
      '2026-07-01',
    ],
    ['GMT: 23:30Z on 31 Dec is 31 Dec', '2026-12-31T23:30:00Z', '2026-12-31'],
    ['GMT: 00:00Z on 1 Jan is 1 Jan', '2027-01-01T00:00:00Z', '2027-01-01'],
    [
      'offset +01:00 at 00:30 is that day',
      '2026-07-01T00:30:00+01:00',
      '2026-07-01',
    ],
    [
      'offset −05:00 at 19:30 is 00:30 next day in BST',
      '2026-06-30T19:30:00-05:00',
      '2026-07-01',
    ],
    [
      'offset +09:00 at 08:00 is the previous day',
      '2026-12-01T08:00:00+09:00',
      '2026-11-30',
    ],
    [
      'fractions of a second before midnight',
      '2026-12-31T23:59:59.999999Z',
      '2026-12-31',
    ],
  ])('%s', (_label, instant, expected) => {
    // Act
    const date = londonDate(instant);

    // Assess
    expect(date).toBe(expected);
  });

  describe('on the clock-change days of 2026', () => {
    it.each([
      // Sun 29 Mar 2026: clocks go forward at 01:00 GMT.
      [
        '28 Mar, 23:59Z is 23:59 GMT on the 28th',
        '2026-03-28T23:59:00Z',
        '2026-03-28',
      ],
      ['29 Mar, 00:59Z is still GMT', '2026-03-29T00:59:00Z', '2026-03-29'],
      ['29 Mar, 22:59Z is 23:59 BST', '2026-03-29T22:59:00Z', '2026-03-29'],
      [
        '29 Mar, 23:00Z is midnight BST, 30 Mar',
        '2026-03-29T23:00:00Z',
        '2026-03-30',
      ],
      [
        '30 Mar, 22:30Z is 23:30 BST on the 30th',
        '2026-03-30T22:30:00Z',
        '2026-03-30',
      ],
      // Sun 25 Oct 2026: clocks go back at 01:00 UTC.
      [
        '24 Oct, 23:30Z is 00:30 BST on the 25th',
        '2026-10-24T23:30:00Z',
        '2026-10-25',
      ],
      ['25 Oct, 00:30Z is 01:30 BST', '2026-10-25T00:30:00Z', '2026-10-25'],
      ['25 Oct, 23:30Z is 23:30 GMT', '2026-10-25T23:30:00Z', '2026-10-25'],
      ['26 Oct, 23:30Z is 23:30 GMT', '2026-10-26T23:30:00Z', '2026-10-26'],
    ])('%s', (_label, instant, expected) => {
      // Act
      const date = londonDate(instant);

      // Assess
      expect(date).toBe(expected);
    });
  });

  it('agrees with the Summer Time Order rule for 2019–2028', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.UTC(2019, 0, 1),
          max: Date.UTC(2028, 11, 31, 23, 59, 59),
        }),
        (millis) => {
          // Prepare
          const instant = new Date(millis).toISOString();

          // Act, Assess
          expect(londonDate(instant)).toBe(londonDateByRule(millis));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('rejects a timestamp without an offset, naming the field', () => {
    // Act
    const act = () => londonDate('2026-06-30T23:30:00');

    // Assess
    expect(act).toThrow(expect.objectContaining({ field: 'instant' }));
  });
});
