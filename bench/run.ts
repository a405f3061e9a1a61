/**
 * `npm run bench` (issue 9): runs each measure in turn, prints one table
 * and writes bench/results.json. Not part of `npm test`.
 *
 *   npm run bench                         every measure (under 10 minutes)
 *   npm run bench -- --quick              fewer repeats and sizes (a smoke run)
 *   npm run bench -- --only report,calendar
 *
 * A budget that fails is reported as FAIL and the run still exits 0: the
 * figures are the output. A measure that crashes is reported too, and the
 * run exits 1.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchContext, BenchRow, Measure } from './support.js';

/** The measures, in the order they run; each module is loaded only if selected. */
const measures: readonly {
  readonly group: string;
  readonly load: () => Promise<Measure>;
}[] = [
  {
    group: 'bundle',
    load: async () => (await import('./bundles.js')).measureBundles,
  },
  {
    group: 'cold import',
    load: async () => (await import('./bundles.js')).measureColdImport,
  },
  {
    group: 'latency',
    load: async () => (await import('./latency.js')).measure,
  },
  {
    group: 'capacity',
    load: async () => (await import('./capacity.js')).measure,
  },
  { group: 'report', load: async () => (await import('./report.js')).measure },
  {
    group: 'calendar',
    load: async () => (await import('./calendar.js')).measure,
  },
];

export interface Options {
  readonly quick: boolean;
  /** The groups to run, in the runner's order. */
  readonly groups: readonly string[];
}

/** `cold-import`, `Cold Import` and `cold import` name the same group. */
const groupKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replaceAll(/[\s_-]+/g, ' ');

/** The flags: `--quick`, `--only <group,...>`; an unknown group is an error. */
export function optionsFrom(
  argv: readonly string[],
  known: readonly string[] = measures.map((m) => m.group),
): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
    },
  });
  if (values.only === undefined) return { quick: values.quick, groups: known };
  const wanted = values.only.flatMap((list) =>
    list.split(',').map(groupKey).filter(Boolean),
  );
  const unknown = wanted.filter(
    (name) => !known.some((group) => groupKey(group) === name),
  );
  if (unknown.length > 0) {
    throw new Error(
      `Unknown group(s): ${unknown.join(', ')}. Groups: ${known.join(', ')}`,
    );
  }
  return {
    quick: values.quick,
    groups: known.filter((group) => wanted.includes(groupKey(group))),
  };
}

/** A figure to three significant digits, without exponent notation. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

const headings = [
  'group',
  'name',
  'value',
  '± IQR',
  'reference',
  'ratio',
  'budget',
  'result',
] as const;

/** The table: one line per row, its note (if any) indented on the next. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    row.group,
    row.name,
    `${formatNumber(row.value)} ${row.unit}`,
    row.spread === undefined ? '' : `± ${formatNumber(row.spread)}`,
    row.reference === undefined
      ? ''
      : `${row.reference.name} ${formatNumber(row.reference.value)} ${row.unit}`,
    row.ratio === undefined ? '' : `${formatNumber(row.ratio)}×`,
    row.budget ?? '',
    row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [line(headings), line(widths.map((w) => '─'.repeat(w)))];
  for (const [index, row] of rows.entries()) {
    lines.push(line(cells[index] ?? []));
    if (row.note !== undefined) lines.push(`    ${row.note}`);
  }
  return lines.join('\n');
}

export interface Results {
  readonly when: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly quick: boolean;
  /** When each group's rows were measured (an `--only` run keeps the others'). */
  readonly measured: Readonly<Record<string, string>>;
  readonly seconds: number;
  readonly rows: readonly BenchRow[];
  readonly summary: { readonly pass: number; readonly fail: number };
  readonly crashes?: readonly {
    readonly group: string;
    readonly error: string;
  }[];
}

/**
 * The results to write: this run's rows, and from the previous results
 * the rows of groups this run did not measure (an `--only` run updates
 * its groups' figures and leaves the rest).
 */
export function mergeResults(
  run: Omit<Results, 'summary'>,
  previous: Pick<Results, 'rows' | 'measured'> | undefined,
  order: readonly string[],
): Results {
  const ran = new Set(Object.keys(run.measured));
  const kept = (previous?.rows ?? []).filter((row) => !ran.has(row.group));
  const rank = (group: string) => {
    const at = order.indexOf(group);
    return at === -1 ? order.length : at;
  };
  const rows = [...run.rows, ...kept]
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row.group) - rank(b.row.group) || a.index - b.index)
    .map(({ row }) => row);
  const measured: Record<string, string> = {};
  for (const group of order) {
    const when =
      run.measured[group] ??
      (kept.some((row) => row.group === group)
        ? previous?.measured[group]
        : undefined);
    if (when !== undefined) measured[group] = when;
  }
  return { ...run, measured, rows, summary: summaryOf(rows) };
}

export function summaryOf(rows: readonly BenchRow[]): {
  pass: number;
  fail: number;
} {
  return {
    pass: rows.filter((row) => row.pass === true).length,
    fail: rows.filter((row) => row.pass === false).length,
  };
}

/** NaN and Infinity are not JSON: they are written as null. */
function toJson(results: Results): string {
  return `${JSON.stringify(
    results,
    (_, value) =>
      typeof value === 'number' && !Number.isFinite(value) ? null : value,
    2,
  )}\n`;
}

async function main(): Promise<number> {
  const root = path.resolve(import.meta.dirname, '..');
  const options = optionsFrom(process.argv.slice(2));
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 24) {
    throw new Error(
      `npm run bench needs Node 24, the functions' runtime; this is ${process.version}. Run it through npm (the pinned node) or npx tsx.`,
    );
  }
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(0);
  const context: BenchContext = {
    root,
    quick: options.quick,
    log: (line) => console.error(`[bench ${elapsed()} s] ${line}`),
  };
  const rows: BenchRow[] = [];
  const crashes: { group: string; error: string }[] = [];
  for (const { group, load } of measures) {
    if (!options.groups.includes(group)) continue;
    context.log(`${group}…`);
    try {
      const measure = await load();
      rows.push(...(await measure(context)));
    } catch (error) {
      const text =
        error instanceof Error ? (error.stack ?? error.message) : String(error);
      context.log(`${group} crashed: ${text}`);
      crashes.push({ group, error: text });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = summaryOf(rows);
  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `${summary.pass} pass, ${summary.fail} fail${crashes.length > 0 ? `, ${crashes.length} crashed (${crashes.map((c) => c.group).join(', ')})` : ''}; ${seconds.toFixed(0)} s${options.quick ? ' (quick)' : ''}`,
  );
  const when = new Date().toISOString();
  const run: Omit<Results, 'summary'> = {
    when,
    node: process.version,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    quick: options.quick,
    measured: Object.fromEntries(
      options.groups
        .filter((group) => !crashes.some((c) => c.group === group))
        .map((group) => [group, when]),
    ),
    seconds,
    rows,
    ...(crashes.length > 0 && { crashes }),
  };
  // A quick run is a smoke test: its figures never replace the real ones.
  const file = path.join(
    root,
    options.quick ? 'bench/.out/results.json' : 'bench/results.json',
  );
  const previous = options.quick ? undefined : await readResults(file);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    toJson(
      mergeResults(
        run,
        previous,
        measures.map((m) => m.group),
      ),
    ),
  );
  console.log(`Written to ${path.relative(root, file)}`);
  return crashes.length > 0 ? 1 : 0;
}

async function readResults(file: string): Promise<Results | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === import.meta.filename
) {
  // Exits explicitly: a measure's stray socket must not keep the run alive.
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
