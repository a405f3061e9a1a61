import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatTable,
  mergeResults,
  optionsFrom,
} from '../../../bench/run.js';
import type { BenchRow } from '../../../bench/support.js';

const groups = ['bundle', 'cold import', 'report', 'calendar'];

describe('npm run bench flags', () => {
  it('runs every group by default, in order', () => {
    expect(optionsFrom([], groups)).toEqual({ quick: false, groups });
  });

  it('takes --quick and --only, in the runner’s order whatever the flag’s', () => {
    expect(
      optionsFrom(['--quick', '--only', 'calendar,cold-import'], groups),
    ).toEqual({ quick: true, groups: ['cold import', 'calendar'] });
    expect(
      optionsFrom(['--only', 'Cold Import', '--only', 'report'], groups),
    ).toEqual({ quick: false, groups: ['cold import', 'report'] });
  });

  it('refuses a group it does not know', () => {
    expect(() => optionsFrom(['--only', 'bundles'], groups)).toThrow(
      /Unknown group\(s\): bundles/,
    );
  });
});

describe('the bench table', () => {
  it('formats figures to about three significant digits', () => {
    expect(formatNumber(1396.4)).toBe('1396');
    expect(formatNumber(46.63)).toBe('46.6');
    expect(formatNumber(1.0234)).toBe('1.02');
    expect(formatNumber(0.01234)).toBe('0.0123');
    expect(formatNumber(Number.NaN)).toBe('–');
  });

  it('prints a row per figure with its verdict, and its note indented below', () => {
    const rows: BenchRow[] = [
      {
        group: 'bundle',
        name: 'intake',
        value: 637.4,
        unit: 'KB',
        reference: { name: 'floor', value: 334 },
        ratio: 1.908,
        budget: '≤ 1.3× floor',
        pass: false,
        note: 'zod 99 KB',
      },
      {
        group: 'report',
        name: '1,000 complaints',
        value: 4.7,
        unit: 'ms',
        spread: 0.87,
      },
    ];

    const lines = formatTable(rows).split('\n');

    expect(lines[0]).toMatch(
      /^group +name +value +± IQR +reference +ratio +budget +result$/,
    );
    expect(lines[2]).toMatch(
      /^bundle +intake +637 KB +floor 334 KB +1.91× +≤ 1.3× floor +FAIL$/,
    );
    expect(lines[3]).toBe('    zod 99 KB');
    expect(lines[4]).toMatch(/^report +1,000 complaints +4.70 ms +± 0.870$/);
    expect(lines).toHaveLength(5);
  });
});

describe('bench/results.json', () => {
  const row = (group: string, name: string, pass?: boolean): BenchRow => ({
    group,
    name,
    value: 1,
    unit: 'ms',
    ...(pass === undefined ? {} : { pass }),
  });
  const run = {
    when: '2026-11-25T10:00:00.000Z',
    node: 'v24.21.0',
    cpus: 2,
    cpuModel: 'x',
    quick: false,
    seconds: 10,
  };

  it('keeps the groups an --only run did not measure, in the runner’s order', () => {
    const merged = mergeResults(
      {
        ...run,
        measured: { report: run.when },
        rows: [row('report', 'new', true)],
      },
      {
        measured: { bundle: 'earlier', report: 'earlier' },
        rows: [row('bundle', 'intake', false), row('report', 'old', false)],
      },
      groups,
    );

    expect(merged.rows.map((r) => `${r.group}/${r.name}`)).toEqual([
      'bundle/intake',
      'report/new',
    ]);
    expect(merged.measured).toEqual({ bundle: 'earlier', report: run.when });
    expect(merged.summary).toEqual({ pass: 1, fail: 1 });
  });

  it('is this run alone when there is nothing before it', () => {
    const merged = mergeResults(
      {
        ...run,
        measured: { calendar: run.when },
        rows: [row('calendar', 'x')],
      },
      undefined,
      groups,
    );

    expect(merged.rows).toHaveLength(1);
    expect(merged.summary).toEqual({ pass: 0, fail: 0 });
  });
});
