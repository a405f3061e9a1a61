import { isIsoDate } from '../calendar/index.js';
import { InvalidPolicyError } from '../errors.js';
import type {
  Citation,
  Clock,
  ClockStart,
  Policy,
  StagePolicy,
} from './policy.js';

/**
 * Checks the invariants the engine relies on, and throws if any is broken.
 * These are not Code departures (see `lintPolicy`): a policy may depart
 * from the Code and still be valid, but a clock of zero days, a response
 * timed from a meeting that never happens or two exclusions with one code
 * cannot be run.
 *
 * @throws InvalidPolicyError listing every problem found, each with its field
 * @example
 * validatePolicy(code2024); // returns
 * validatePolicy({ ...code2024, exclusions: [] }); // throws: code-2024: escalation.refusalGrounds[0].exclusion: …
 */
export function validatePolicy(policy: Policy): void {
  const problems = policyProblems(policy);
  if (problems.length > 0) {
    throw new InvalidPolicyError(policy.id, problems.join('; '));
  }
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Collects problems, each as `field: message`. */
class Problems {
  readonly list: string[] = [];

  check(ok: boolean, field: string, message: string): void {
    if (!ok) this.list.push(`${field}: ${message}`);
  }

  positive(value: number, field: string): void {
    this.check(
      Number.isInteger(value) && value > 0,
      field,
      `must be a positive whole number (got ${value})`,
    );
  }

  positiveOrNull(value: number | null, field: string): void {
    if (value !== null) this.positive(value, field);
  }

  text(value: string, field: string): void {
    this.check(value.trim() !== '', field, 'must not be empty');
  }

  code(value: string, field: string): void {
    this.check(KEBAB.test(value), field, `"${value}" is not a kebab-case code`);
  }

  unique(values: readonly string[], field: string): void {
    const seen = new Set<string>();
    for (const v of values) {
      this.check(!seen.has(v), field, `"${v}" appears more than once`);
      seen.add(v);
    }
  }
}

function policyProblems(p: Policy): string[] {
  const problems = new Problems();

  problems.code(p.id, 'id');
  problems.text(p.version, 'version');
  problems.text(p.landlord, 'landlord');
  problems.text(p.title, 'title');
  problems.text(p.definition.text, 'definition.text');

  p.closureDays.forEach((d, i) => {
    problems.check(
      isIsoDate(d),
      `closureDays[${i}]`,
      `"${d}" is not a YYYY-MM-DD date`,
    );
  });
  problems.unique(p.closureDays, 'closureDays');

  problems.positive(p.timeLimit.months, 'timeLimit.months');
  p.timeLimit.exceptions.forEach((e, i) => {
    problems.text(e, `timeLimit.exceptions[${i}]`);
  });

  p.exclusions.forEach((e, i) => {
    problems.code(e.code, `exclusions[${i}].code`);
    problems.text(e.label, `exclusions[${i}].label`);
  });
  problems.unique(
    p.exclusions.map((e) => e.code),
    'exclusions.code',
  );

  if (p.informalStage !== undefined) {
    problems.text(p.informalStage.name, 'informalStage.name');
    problems.positiveOrNull(
      p.informalStage.targetWorkingDays,
      'informalStage.targetWorkingDays',
    );
  }
  if (p.receiptConfirmation !== undefined) {
    problems.positive(
      p.receiptConfirmation.withinHours,
      'receiptConfirmation.withinHours',
    );
  }

  stageProblems(p.stage1, 1, problems);
  stageProblems(p.stage2, 2, problems);

  const e = p.escalation;
  if (e.window !== null) {
    problems.positive(e.window.days, 'escalation.window.days');
  }
  const grounds = new Set(p.exclusions.map((x) => x.ground));
  e.refusalGrounds.forEach((g, i) => {
    const field = `escalation.refusalGrounds[${i}]`;
    problems.code(g.code, `${field}.code`);
    problems.text(g.label, `${field}.label`);
    problems.check(
      g.exclusion === null || grounds.has(g.exclusion),
      `${field}.exclusion`,
      `rests on "${g.exclusion}", but no exclusion in the policy has that ground`,
    );
  });
  problems.unique(
    e.refusalGrounds.map((g) => g.code),
    'escalation.refusalGrounds.code',
  );

  problems.positiveOrNull(p.contact.attempts, 'contact.attempts');
  problems.positiveOrNull(
    p.contact.updateIntervalWorkingDays,
    'contact.updateIntervalWorkingDays',
  );
  const close = p.closure.autoCloseAfterNoContact;
  if (close !== null) {
    problems.positive(close.days, 'closure.autoCloseAfterNoContact.days');
  }
  problems.positive(
    p.ombudsman.evidenceWorkingDays,
    'ombudsman.evidenceWorkingDays',
  );
  problems.positiveOrNull(p.ombudsman.waitWeeks, 'ombudsman.waitWeeks');
  problems.positiveOrNull(
    p.governance.boardReportingMonths,
    'governance.boardReportingMonths',
  );

  problems.positive(p.retention.closedCaseYears, 'retention.closedCaseYears');

  problems.check(
    p.channels.length > 0,
    'channels',
    'must list at least one channel',
  );
  problems.unique(p.channels, 'channels');

  for (const [field, cite] of citations(p)) {
    problems.text(cite.source, `${field}.source`);
    problems.text(cite.ref, `${field}.ref`);
  }
  return problems.list;
}

type StageClock = 'acknowledge' | 'respond' | 'meeting' | 'earlyResolution';

/**
 * Where each of a stage's clocks may count from. An acknowledgement counts
 * from the stage's receipt (at stage 1 the original complaint is the same
 * day); nothing at stage 2 counts from the original complaint, which would
 * start a clock before the escalation exists; a clock may count from the
 * meeting only if the stage has a meeting clock, and the meeting itself
 * cannot.
 */
function allowedStarts(
  stage: StagePolicy,
  n: 1 | 2,
  clock: StageClock,
): readonly ClockStart[] {
  const base: ClockStart[] =
    n === 1 ? ['receipt', 'original-complaint'] : ['receipt'];
  if (clock === 'acknowledge') return base;
  const afterAck: ClockStart[] = [...base, 'acknowledgement'];
  if (clock === 'meeting' || stage.meeting === undefined) return afterAck;
  return [...afterAck, 'meeting'];
}

function stageProblems(stage: StagePolicy, n: 1 | 2, problems: Problems): void {
  const prefix = `stage${n}`;
  problems.text(stage.name, `${prefix}.name`);
  const clocks: [StageClock, Clock | undefined][] = [
    ['acknowledge', stage.acknowledge],
    ['respond', stage.respond],
    ['meeting', stage.meeting],
    ['earlyResolution', stage.earlyResolution],
  ];
  for (const [name, clock] of clocks) {
    if (clock === undefined) continue;
    const field = `${prefix}.${name}`;
    problems.positive(clock.workingDays, `${field}.workingDays`);
    const allowed = allowedStarts(stage, n, name);
    problems.check(
      allowed.includes(clock.from),
      `${field}.from`,
      `cannot count from "${clock.from}" (allowed: ${allowed.join(', ')})`,
    );
  }
  const cap = stage.extension.maxWorkingDays;
  problems.check(
    cap === null || (Number.isInteger(cap) && cap >= 0),
    `${prefix}.extension.maxWorkingDays`,
    `must be a whole number of working days, 0 or more, or null (got ${cap})`,
  );
  if (stage.updateIntervalWorkingDays !== undefined) {
    problems.positive(
      stage.updateIntervalWorkingDays,
      `${prefix}.updateIntervalWorkingDays`,
    );
  }
  problems.text(stage.handler.description, `${prefix}.handler.description`);
}

/** Every citation in a policy, with the field it cites. */
function citations(p: Policy): [string, Citation][] {
  const found: [string, Citation][] = [
    ['source', p.source],
    ['definition.cite', p.definition.cite],
    ['timeLimit.cite', p.timeLimit.cite],
  ];
  p.exclusions.forEach((e, i) => {
    found.push([`exclusions[${i}].cite`, e.cite]);
  });
  if (p.informalStage !== undefined) {
    found.push(['informalStage.cite', p.informalStage.cite]);
  }
  if (p.receiptConfirmation !== undefined) {
    found.push(['receiptConfirmation.cite', p.receiptConfirmation.cite]);
  }
  for (const [prefix, s] of [
    ['stage1', p.stage1],
    ['stage2', p.stage2],
  ] as const) {
    found.push(
      [`${prefix}.acknowledge.cite`, s.acknowledge.cite],
      [`${prefix}.respond.cite`, s.respond.cite],
      [`${prefix}.extension.cite`, s.extension.cite],
      [`${prefix}.handler.cite`, s.handler.cite],
    );
    if (s.meeting !== undefined) {
      found.push([`${prefix}.meeting.cite`, s.meeting.cite]);
    }
    if (s.earlyResolution !== undefined) {
      found.push([`${prefix}.earlyResolution.cite`, s.earlyResolution.cite]);
    }
  }
  found.push(['escalation.cite', p.escalation.cite]);
  if (p.escalation.window !== null) {
    found.push(['escalation.window.cite', p.escalation.window.cite]);
  }
  p.escalation.refusalGrounds.forEach((g, i) => {
    found.push([`escalation.refusalGrounds[${i}].cite`, g.cite]);
  });
  found.push(
    ['contact.cite', p.contact.cite],
    ['closure.cite', p.closure.cite],
  );
  if (p.closure.autoCloseAfterNoContact !== null) {
    found.push([
      'closure.autoCloseAfterNoContact.cite',
      p.closure.autoCloseAfterNoContact.cite,
    ]);
  }
  found.push(
    ['remedies.cite', p.remedies.cite],
    ['ombudsman.cite', p.ombudsman.cite],
    ['restrictions.cite', p.restrictions.cite],
    ['governance.cite', p.governance.cite],
    ['retention.citation', p.retention.citation],
  );
  return found;
}
