/**
 * The Board report's time against the number of complaints (issue 8's
 * Done-when: "growing linearly or better"). What is timed is what the
 * report function does once the complaints are read: `boardReport`
 * (functions/shared/report/build.ts), the figures (domain/reporting) and
 * the HTML, CSV and JSON made from them, for a reporting year.
 *
 * The complaints are built through the domain's `decide`, from the
 * reference complaints' specs (test/fixtures/reporting) moved by whole
 * weeks; past a pool of distinct lifecycles, complaints are copies of
 * them under new ids that share every other (immutable) part, which keeps
 * 100,000 of them cheap to make and to hold. Making them is not timed.
 */
import {
  type ComplaintState,
  code2024,
  type Policy,
  reportingYear,
  tsm2024,
  ukBankHolidays,
  workingCalendar,
} from '@hearth/domain';
import { boardReport } from '../functions/shared/report/build.js';
import {
  buildComplaint,
  type ComplaintSpec,
  specs,
  stock,
} from '../test/fixtures/reporting/reference-complaints.js';
import {
  type BenchRow,
  fittedExponent,
  type Measure,
  median,
  repeat,
  spread,
} from './support.js';

/** A linear report gives 1; this much above it is put down to noise. */
export const EXPONENT_TOLERANCE = 1.1;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `date` moved by `days` calendar days. */
function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T12:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** A copy of `value` with every `YYYY-MM-DD` string in it moved by `days`. */
export function shiftDates<T>(value: T, days: number): T {
  if (typeof value === 'string') {
    return (ISO_DATE.test(value) ? addDays(value, days) : value) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => shiftDates(item, days)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, shiftDates(item, days)]),
    ) as T;
  }
  return value;
}

/** The k-th move, in weeks: 0, +1, −1, +2, −2, … (the first stay near the fixture's dates). */
export function weekShift(k: number): number {
  return k % 2 === 1 ? (k + 1) / 2 : 0 - k / 2;
}

/**
 * Distinct lifecycles: each reference spec moved by `weeks` different
 * whole weeks (whole weeks keep weekdays; bank holidays move, so some
 * rules land differently). A spec the domain rejects once moved is left
 * out.
 */
export function lifecyclePool(
  weeks: number,
  policy: Policy = code2024,
): { states: ComplaintState[]; rejected: number } {
  const calendar = workingCalendar({
    nation: policy.nation,
    feed: ukBankHolidays,
    closureDays: policy.closureDays,
  });
  const states: ComplaintState[] = [];
  let rejected = 0;
  for (let week = 0; week < weeks; week += 1) {
    for (const spec of specs) {
      const moved: ComplaintSpec = {
        ...shiftDates(spec, weekShift(week) * 7),
        ref: `${spec.ref}-W${week}`,
      };
      try {
        states.push(buildComplaint(moved, policy, calendar));
      } catch {
        rejected += 1;
      }
    }
  }
  return { states, rejected };
}

/**
 * `count` complaints from the pool: the pool's own first, then copies
 * under new ids and references sharing the rest of their state.
 */
export function complaints(
  pool: readonly ComplaintState[],
  count: number,
): ComplaintState[] {
  if (pool.length === 0) throw new Error('an empty pool');
  return Array.from({ length: count }, (_, index) => {
    const base = pool[index % pool.length] as ComplaintState;
    if (index < pool.length) return base;
    const copy = Math.floor(index / pool.length);
    return {
      ...base,
      id: `${base.id}-C${copy}`,
      reference: `${base.reference}-C${copy}`,
    };
  });
}

export const measure: Measure = async (context) => {
  const sizes = context.quick
    ? [1_000, 3_000, 10_000]
    : [1_000, 10_000, 100_000];
  const runs = (n: number) => (n <= 1_000 ? 15 : n <= 10_000 ? 9 : 5);
  const period = reportingYear(tsm2024, 2025);
  const meta = {
    landlord: 'Hearth Bench Homes',
    generatedAt: new Date().toISOString(),
  };

  let started = performance.now();
  // About 6,000 distinct lifecycles (61 specs × 101 weeks) in full, 1,000 quick.
  const pool = lifecyclePool(context.quick ? 17 : 101);
  const poolSeconds = (performance.now() - started) / 1000;
  context.log(
    `report: ${pool.states.length} lifecycles through decide in ${poolSeconds.toFixed(1)} s (${pool.rejected} rejected once moved)`,
  );

  const rows: BenchRow[] = [];
  const points: { n: number; value: number }[] = [];
  for (const n of sizes) {
    started = performance.now();
    const states = complaints(pool.states, n);
    const making = (performance.now() - started) / 1000;
    let counted = 0;
    const times = await repeat(
      runs(n),
      () => {
        const at = performance.now();
        const report = boardReport({
          states,
          fallbackPolicy: code2024,
          stock,
          period,
          meta,
        });
        const ms = performance.now() - at;
        counted = report.figures.volumes.byStage.stage1;
        return ms;
      },
      1,
    );
    const value = median(times);
    points.push({ n, value });
    const distinct = Math.min(n, pool.states.length);
    rows.push({
      group: 'report',
      name: `${n.toLocaleString('en-GB')} complaints`,
      value,
      unit: 'ms',
      spread: spread(times),
      note: `boardReport for ${period.label}: figures + HTML, CSV, JSON; ${times.length} runs after a warm-up; ${counted.toLocaleString('en-GB')} received at stage 1 in the year; ${distinct.toLocaleString('en-GB')} distinct lifecycles (made in ${poolSeconds.toFixed(1)} s), the rest copies under new ids (${making.toFixed(2)} s)`,
      details: { n, ms: times, receivedInPeriod: counted },
    });
    context.log(`report: ${n} complaints, median ${value.toFixed(0)} ms`);
  }
  const exponent = fittedExponent(points);
  rows.push({
    group: 'report',
    name: 'growth exponent',
    value: exponent,
    unit: '',
    budget: `≤ 1.0 (linear or better; pass ≤ ${EXPONENT_TOLERANCE} for noise)`,
    pass: exponent <= EXPONENT_TOLERANCE,
    note: `time ≈ c·nᵏ fitted on log–log over ${sizes.map((n) => n.toLocaleString('en-GB')).join(', ')}`,
    details: { points },
  });
  return rows;
};
