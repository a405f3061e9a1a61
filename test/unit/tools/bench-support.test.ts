import { describe, expect, it } from 'vitest';
import {
  fittedExponent,
  median,
  quantile,
  ratioRow,
  repeat,
  spread,
} from '../../../bench/support.js';

describe('bench statistics', () => {
  it('takes the median of odd and even counts, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('gives the interquartile range, untouched by one wild run', () => {
    // Quartiles of 1…9 by linear interpolation: 3 and 7.
    expect(spread([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe(4);
    expect(spread([1, 2, 3, 4, 5, 6, 7, 8, 900])).toBe(4);
    expect(spread([42, 42, 42])).toBe(0);
  });

  it('interpolates quantiles between the sorted values', () => {
    expect(quantile([10, 20], 0.25)).toBe(12.5);
    expect(quantile([3, 1, 2], 0)).toBe(1);
    expect(quantile([3, 1, 2], 1)).toBe(3);
    expect(() => quantile([], 0.5)).toThrow('no values');
  });

  it.each([
    [1, 'linear'],
    [2, 'quadratic'],
    [0.5, 'square root'],
    [0, 'constant'],
  ])('recovers the exponent %s (%s) of an exact power law', (k) => {
    const points = [1_000, 10_000, 100_000].map((n) => ({
      n,
      value: 0.003 * n ** k,
    }));

    expect(fittedExponent(points)).toBeCloseTo(k, 10);
  });

  it('repeats a sample after unrecorded warm-up runs', async () => {
    let calls = 0;

    const values = await repeat(3, () => ++calls, 2);

    expect(values).toEqual([3, 4, 5]);
    expect(calls).toBe(5);
  });
});

describe('ratioRow', () => {
  const row = {
    group: 'bundle',
    name: 'intake',
    unit: 'KB',
    reference: { name: 'floor', value: 400 },
    limit: 1.3,
  };

  it('passes at the limit and states the budget', () => {
    const result = ratioRow({ ...row, value: 520 });

    expect(result.ratio).toBeCloseTo(1.3, 10);
    expect(result.pass).toBe(true);
    expect(result.budget).toBe('≤ 1.3× floor');
    expect(result).not.toHaveProperty('limit');
  });

  it('fails past the limit and keeps the note', () => {
    const result = ratioRow({ ...row, value: 600, note: 'zod 97 KB' });

    expect(result.ratio).toBe(1.5);
    expect(result.pass).toBe(false);
    expect(result.note).toBe('zod 97 KB');
  });
});
