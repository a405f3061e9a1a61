/**
 * What every bench measure returns, and the statistics they share. This
 * machine is shared and noisy, so a figure is the median of repeated runs
 * with its spread, and each is measured in the same run as the reference it
 * is compared with.
 */

/** One line of the bench table. */
export interface BenchRow {
  /** The measure: 'bundle', 'cold import', 'latency', 'capacity', 'report', 'calendar'. */
  readonly group: string;
  /** What was measured, e.g. the function name or the command. */
  readonly name: string;
  /** The figure (a median where it was repeated). */
  readonly value: number;
  readonly unit: string;
  /** Interquartile range of the repeats, in `unit`, where repeated. */
  readonly spread?: number;
  /** The reference measured in the same run, in `unit`. */
  readonly reference?: { readonly name: string; readonly value: number };
  /** value ÷ reference.value (or the figure the budget is stated on). */
  readonly ratio?: number;
  /** The budget in words, e.g. '≤ 1.3× floor'. */
  readonly budget?: string;
  /** Whether the budget is met; absent where the row has no budget. */
  readonly pass?: boolean;
  /** Anything a reader needs beside the figure (what it is made of, why it fails). */
  readonly note?: string;
  /**
   * The whole story behind the figure, for bench/results.json only (not
   * printed): e.g. a bundle's full composition, or every repeat's value.
   */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What the runner passes every measure. */
export interface BenchContext {
  /** The repository root. */
  readonly root: string;
  /** A short run: fewer repeats and sizes (the smoke test). */
  readonly quick: boolean;
  /** Progress for the person waiting; not part of the table. */
  readonly log: (line: string) => void;
}

export type Measure = (context: BenchContext) => Promise<BenchRow[]>;

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Interquartile range: the middle half's width, robust to a noisy neighbour. */
export function spread(values: readonly number[]): number {
  return quantile(values, 0.75) - quantile(values, 0.25);
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

/**
 * The exponent k of time ≈ c·nᵏ, by least squares on log–log: 1 is linear,
 * below 1 better than linear.
 */
export function fittedExponent(
  points: readonly { readonly n: number; readonly value: number }[],
): number {
  const xs = points.map((point) => Math.log(point.n));
  const ys = points.map((point) => Math.log(point.value));
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  for (const [index, x] of xs.entries()) {
    covariance += (x - meanX) * ((ys[index] as number) - meanY);
    variance += (x - meanX) ** 2;
  }
  return covariance / variance;
}

/** Runs `sample` `times` times (after `warmup` unrecorded runs) and returns each result. */
export async function repeat(
  times: number,
  sample: () => Promise<number> | number,
  warmup = 0,
): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await sample();
  const results: number[] = [];
  for (let index = 0; index < times; index += 1) results.push(await sample());
  return results;
}

/** A comparison row: value against its reference with a ratio budget. */
export function ratioRow(
  row: Omit<BenchRow, 'ratio' | 'pass' | 'budget'> & {
    readonly reference: { readonly name: string; readonly value: number };
    readonly limit: number;
  },
): BenchRow {
  const { limit, ...rest } = row;
  const ratio = row.value / row.reference.value;
  return {
    ...rest,
    ratio,
    budget: `≤ ${limit}× ${row.reference.name}`,
    pass: ratio <= limit,
  };
}
