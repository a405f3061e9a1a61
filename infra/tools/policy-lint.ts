/**
 * Says where a complaints policy departs from the 2024 Complaint Handling
 * Code.
 *
 *   npm run policy:lint -- <preset id | path/to/policy.json> [--json]
 *
 * A JSON file is checked against the policy schema (each error names its
 * field), then against the engine's invariants, then linted. Exit code: 0
 * when there is no breach or gap (advisories allowed), 1 when there is,
 * 2 for a usage, file or policy error.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type Citation,
  type Departure,
  type DepartureSeverity,
  InvalidPolicyError,
  lintPolicy,
  type Policy,
  presetById,
  presets,
  validatePolicy,
} from '@hearth/domain';
import { parsePolicyFile } from './policy-file.js';

const USAGE = `usage: npm run policy:lint -- <preset id | path/to/policy.json> [--json]
presets: ${presets.map((p) => p.id).join(', ')}`;

/** What the lint touches, passed in so tests need no disk or console. */
export interface LintIo {
  readFile: (file: string) => Promise<string>;
  log: (line: string) => void;
  error: (line: string) => void;
}

const nodeIo: LintIo = {
  readFile: (file) => readFile(file, 'utf8'),
  log: (line) => console.log(line),
  error: (line) => console.error(line),
};

/** A usage, file or policy error: printed, exit code 2. */
class LintFailure extends Error {}

/**
 * Runs the lint for the command-line arguments and returns the exit code.
 *
 * @example
 * await policyLint(['livewest-2025']); // prints the report, returns 1
 */
export async function policyLint(
  args: readonly string[],
  io: LintIo = nodeIo,
): Promise<number> {
  try {
    const json = args.includes('--json');
    const rest = args.filter((a) => a !== '--json');
    const unknown = rest.find((a) => a.startsWith('-'));
    if (unknown !== undefined)
      throw new LintFailure(`unknown option ${unknown}`);
    const [target, ...extra] = rest;
    if (target === undefined || extra.length > 0) throw new LintFailure('');

    const policy = await loadPolicy(target, io);
    const departures = lintPolicy(policy);
    if (json) {
      io.log(JSON.stringify(departures, null, 2));
    } else {
      for (const line of report(policy, departures)) io.log(line);
    }
    return departures.some((d) => d.severity !== 'advisory') ? 1 : 0;
  } catch (error) {
    if (!(error instanceof LintFailure)) throw error;
    io.error(error.message === '' ? USAGE : `${error.message}\n${USAGE}`);
    return 2;
  }
}

async function loadPolicy(target: string, io: LintIo): Promise<Policy> {
  const preset = presetById(target);
  if (preset !== undefined) return preset;
  if (!target.endsWith('.json') && !target.includes(path.sep)) {
    throw new LintFailure(
      `"${target}" is neither a preset id nor a .json file`,
    );
  }
  let text: string;
  try {
    text = await io.readFile(target);
  } catch (error) {
    throw new LintFailure(`cannot read ${target}: ${(error as Error).message}`);
  }
  const parsed = parsePolicyFile(text);
  if (!parsed.ok) {
    throw new LintFailure(
      [
        `${target} is not a valid policy:`,
        ...parsed.errors.map((e) => `  ${e}`),
      ].join('\n'),
    );
  }
  try {
    validatePolicy(parsed.policy);
  } catch (error) {
    if (!(error instanceof InvalidPolicyError)) throw error;
    throw new LintFailure(
      `${target} breaks a policy invariant: ${error.message}`,
    );
  }
  return parsed.policy;
}

const ORDER: readonly DepartureSeverity[] = ['breach', 'gap', 'advisory'];

function cite(c: Citation): string {
  return `${c.source}, ${c.ref}${c.quote === undefined ? '' : `: "${c.quote}"`}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The human-readable report: one block per departure, worst first. */
function report(policy: Policy, departures: readonly Departure[]): string[] {
  const lines = [
    `${policy.title} — ${policy.landlord} (${policy.id}, version ${policy.version})`,
    `Source: ${cite(policy.source)}`,
    "Checked against the Housing Ombudsman's Complaint Handling Code (2024).",
    '',
  ];
  const sorted = ORDER.flatMap((s) =>
    departures.filter((d) => d.severity === s),
  );
  for (const d of sorted) {
    lines.push(
      `${d.severity.toUpperCase().padEnd(8)} ${d.clause.padEnd(5)} ${d.rule}`,
    );
    lines.push(`  ${d.explanation}`);
    if (d.evidence !== undefined) lines.push(`  Policy: ${cite(d.evidence)}`);
    lines.push('');
  }
  const of = (s: DepartureSeverity) =>
    departures.filter((d) => d.severity === s).length;
  const failing = of('breach') + of('gap') > 0;
  lines.push(
    departures.length === 0
      ? 'Summary: no departures from the Code.'
      : `Summary: ${count(of('breach'), 'breach', 'breaches')}, ${count(of('gap'), 'gap', 'gaps')}, ${count(of('advisory'), 'advisory', 'advisories')}${failing ? ' — the policy departs from the Code.' : ' — no breach or gap.'}`,
  );
  return lines;
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === import.meta.filename;
if (invokedDirectly) {
  process.exitCode = await policyLint(process.argv.slice(2));
}
