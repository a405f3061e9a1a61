import { describe, expect, it } from 'vitest';
import {
  dateOf,
  instantOf,
  londonInstant,
  minutesOf,
  penceOf,
} from '../../../../functions/console/input.js';

describe('what staff type, as the commands take it', () => {
  it('reads London wall-clock times in GMT and in BST', () => {
    // 20 Nov 2026 is GMT; 1 Jul 2026 is BST (UTC+1).
    expect(londonInstant('2026-11-20', 15 * 60 + 30)).toBe(
      '2026-11-20T15:30:00Z',
    );
    expect(londonInstant('2026-07-01', 9 * 60)).toBe('2026-07-01T08:00:00Z');
    // 00:30 BST on 1 Jul is still 30 June in UTC.
    expect(londonInstant('2026-07-01', 30)).toBe('2026-06-30T23:30:00Z');
  });

  it('reads the days the clocks change', () => {
    // Sun 29 Mar 2026: 01:00 GMT becomes 02:00 BST; 03:00 is BST.
    expect(londonInstant('2026-03-29', 3 * 60)).toBe('2026-03-29T02:00:00Z');
    expect(londonInstant('2026-03-29', 0)).toBe('2026-03-29T00:00:00Z');
    // Sun 25 Oct 2026: 02:00 BST becomes 01:00 GMT; 00:30 is BST.
    expect(londonInstant('2026-10-25', 30)).toBe('2026-10-24T23:30:00Z');
    expect(londonInstant('2026-10-25', 3 * 60)).toBe('2026-10-25T03:00:00Z');
  });

  it('reads times of day as people write them, and refuses the rest', () => {
    expect(minutesOf('14:30')).toBe(870);
    expect(minutesOf('2:30pm')).toBe(870);
    expect(minutesOf('2.30 p.m.')).toBe(870);
    expect(minutesOf('9am')).toBe(540);
    expect(minutesOf('12am')).toBe(0);
    expect(minutesOf('12pm')).toBe(720);
    expect(minutesOf('0930')).toBe(570);
    for (const bad of ['25:00', '13pm', '9:60', 'noon', '']) {
      expect(minutesOf(bad)).toBeUndefined();
    }
  });

  it('builds dates from day, month and year boxes, leaving bad ones for the schema', () => {
    expect(dateOf({ day: '3', month: '11', year: '2026' })).toBe('2026-11-03');
    expect(dateOf(undefined)).toBeUndefined();
    expect(dateOf({ day: '3', month: '11' })).toBe('invalid');
    expect(dateOf({ day: '3', month: 'Nov', year: '2026' })).toBe('invalid');
  });

  it('builds an instant from a date and a time, or flags what is missing', () => {
    expect(
      instantOf({ day: '20', month: '11', year: '2026', time: '3:30pm' }),
    ).toBe('2026-11-20T15:30:00Z');
    expect(instantOf(undefined)).toBeUndefined();
    expect(instantOf({ day: '20', month: '11', year: '2026' })).toBe('invalid');
    expect(instantOf({ time: '10:00' })).toBe('invalid');
  });

  it('reads pounds as pence, and anything else as not a number', () => {
    expect(penceOf('50')).toBe(5000);
    expect(penceOf('£1,250.5')).toBe(125050);
    expect(penceOf('0.07')).toBe(7);
    expect(penceOf('')).toBeUndefined();
    expect(penceOf('12.345')).toBeNaN();
    expect(penceOf('-5')).toBeNaN();
  });
});
