import type { Stage, Tenure } from '../complaint/model.js';
import type { Policy } from '../policy/policy.js';
import { inPeriod, onOrBefore, type StageFacts } from './facts.js';
import type {
  Ch01Part,
  Ch02Part,
  PerThousand,
  Share,
  StockCount,
  TargetTimescale,
} from './model.js';
import type { Ch02Basis, ReportingPeriod } from './rules.js';

export function perThousand(
  numerator: number,
  denominator: number,
): PerThousand {
  return {
    numerator,
    denominator,
    perThousand: denominator === 0 ? null : (numerator / denominator) * 1000,
  };
}

export function shareOf(count: number, of: number): Share {
  return { count, of, percent: of === 0 ? null : (count / of) * 100 };
}

/**
 * The stage's complaints received in the period that the landlord accepted
 * into its process: CH01's numerator (TSM CH01, keyed on the date received,
 * REGULATION §7, U). A complaint declined under the policy's exclusions
 * (Code 2.1–2.4) or an escalation refused (Code 5.11, C) is not counted
 * here; it is in the refusals table (Code 8.1–8.2, C). Withdrawn
 * complaints were received and are counted.
 */
export function receivedInPeriod(
  facts: readonly StageFacts[],
  stage: Stage,
  period: ReportingPeriod,
): StageFacts[] {
  return facts.filter(
    (f) => f.stage === stage && f.accepted && inPeriod(f.receivedOn, period),
  );
}

function tenureOf(f: StageFacts): Tenure | undefined {
  return f.complaint.state.resident.tenure;
}

/**
 * TSM CH01(1)/(2): complaints received per 1,000 homes, overall and for
 * LCRA and LCHO separately (RSH Technical Requirements, level of
 * reporting, S). Overall counts every complaint received against all homes
 * owned (LCRA + LCHO); complaints from leaseholders and others are in the
 * overall figure only, and shown as `otherTenure` (Hearth reading, U).
 */
export function ch01(
  facts: readonly StageFacts[],
  stage: Stage,
  period: ReportingPeriod,
  stock: StockCount,
): Ch01Part {
  const received = receivedInPeriod(facts, stage, period);
  const lcra = received.filter((f) => tenureOf(f) === 'LCRA').length;
  const lcho = received.filter((f) => tenureOf(f) === 'LCHO').length;
  return {
    stage,
    overall: perThousand(received.length, stock.LCRA + stock.LCHO),
    LCRA: perThousand(lcra, stock.LCRA),
    LCHO: perThousand(lcho, stock.LCHO),
    otherTenure: received.length - lcra - lcho,
  };
}

/**
 * The stage's responses sent in the period: CH02's denominator (keyed on
 * the date of the response; complaints still open at the period end are
 * not counted; REGULATION §7, U).
 */
export function respondedInPeriod(
  facts: readonly StageFacts[],
  stage: Stage,
  period: ReportingPeriod,
): StageFacts[] {
  return facts.filter(
    (f) => f.stage === stage && inPeriod(f.respondedOn, period),
  );
}

/** Answered by the unextended due date (Code 6.3: 10 WD; 6.14: 20 WD from acknowledgement). */
export function withinBase(f: StageFacts): boolean {
  return f.respondedOn !== undefined && onOrBefore(f.respondedOn, f.baseDueOn);
}

/**
 * Answered by the extended due date, where the extension was one the Code
 * permits: given before the due date and no more than the cap (Code
 * 6.4–6.5, 6.15–6.16). Whether TSM CH02 counts these as within timescale
 * is not settled (REGULATION §2, U), so both figures are produced.
 */
export function withinExtension(f: StageFacts): boolean {
  return (
    f.respondedOn !== undefined && onOrBefore(f.respondedOn, f.permittedDueOn)
  );
}

/** TSM CH02(1)/(2): the share of responses sent within the Code timescales, both ways. */
export function ch02(
  facts: readonly StageFacts[],
  stage: Stage,
  period: ReportingPeriod,
  publishes: Ch02Basis,
): Ch02Part {
  const responded = respondedInPeriod(facts, stage, period);
  const base = shareOf(responded.filter(withinBase).length, responded.length);
  const extended = shareOf(
    responded.filter(withinExtension).length,
    responded.length,
  );
  return {
    stage,
    responded: responded.length,
    withinBase: base,
    withinExtension: extended,
    published: publishes === 'within-base' ? base : extended,
  };
}

/**
 * The target timescales CH02 was generated with, one row per policy and
 * stage among the responses counted (RSH Annex B: publish the timescales
 * used).
 */
export function targetTimescales(
  facts: readonly StageFacts[],
  period: ReportingPeriod,
): TargetTimescale[] {
  const policies = new Map<string, Policy>();
  for (const f of facts) {
    if (!inPeriod(f.respondedOn, period)) continue;
    const { policy } = f.complaint;
    policies.set(`${policy.id}@${policy.version}`, policy);
  }
  return [...policies.values()]
    .sort(
      (a, b) => a.id.localeCompare(b.id) || a.version.localeCompare(b.version),
    )
    .flatMap((policy) =>
      ([1, 2] as const).map((stage) => {
        const rules = stage === 1 ? policy.stage1 : policy.stage2;
        return {
          policy: { id: policy.id, version: policy.version },
          stage,
          acknowledgeWorkingDays: rules.acknowledge.workingDays,
          respondWorkingDays: rules.respond.workingDays,
          respondFrom: rules.respond.from,
          extensionMaxWorkingDays: rules.extension.maxWorkingDays,
        };
      }),
    );
}
