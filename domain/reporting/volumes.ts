import { addMonths, compareDates } from '../calendar/index.js';
import type {
  Channel,
  Decision,
  IssueDecision,
  RemedyKind,
  Stage,
} from '../complaint/model.js';
import {
  inPeriod,
  type RefusalFact,
  refusalsOf,
  type StageFacts,
} from './facts.js';
import type {
  DecisionCounts,
  EscalationRate,
  ReasonCount,
  Refusals,
  RemedyFigures,
  ReportingComplaint,
  StageOutcomes,
  Volumes,
} from './model.js';
import type { ReportingPeriod } from './rules.js';
import { receivedInPeriod, respondedInPeriod } from './tsm.js';

/** The category a complaint has no category under. */
export const uncategorised = 'uncategorised';

function countBy<K extends string>(
  stage1: readonly StageFacts[],
  stage2: readonly StageFacts[],
  key: (f: StageFacts) => K,
): Map<K, { stage1: number; stage2: number }> {
  const rows = new Map<K, { stage1: number; stage2: number }>();
  const add = (f: StageFacts, field: 'stage1' | 'stage2') => {
    const k = key(f);
    const row = rows.get(k) ?? { stage1: 0, stage2: 0 };
    row[field] += 1;
    rows.set(k, row);
  };
  for (const f of stage1) add(f, 'stage1');
  for (const f of stage2) add(f, 'stage2');
  return rows;
}

/** The channel a stage came in by: the complaint's (stage 1) or the escalation request's (stage 2). */
function channelOf(f: StageFacts): Channel {
  const { state } = f.complaint;
  return f.stage === 2 && state.escalation !== undefined
    ? state.escalation.channel
    : state.channel;
}

/** Every `YYYY-MM` the period touches, in order. */
export function monthsOf(period: ReportingPeriod): string[] {
  const months: string[] = [];
  let first = `${period.from.slice(0, 7)}-01`;
  while (compareDates(first, period.to) <= 0) {
    months.push(first.slice(0, 7));
    first = addMonths(first, 1);
  }
  return months;
}

/**
 * Complaints received, by stage, channel, category and month: the same
 * population as CH01's numerators. Plain counts with no rating: high
 * volumes are not a negative (Code 3.3), and the Board sees them beside
 * CH01 (Code 9.7).
 */
export function complaintVolumes(
  facts: readonly StageFacts[],
  period: ReportingPeriod,
): Volumes {
  const s1 = receivedInPeriod(facts, 1, period);
  const s2 = receivedInPeriod(facts, 2, period);
  const byChannel = countBy(s1, s2, channelOf);
  const byCategory = countBy(
    s1,
    s2,
    (f) => f.complaint.state.category ?? uncategorised,
  );
  const byMonth = countBy(s1, s2, (f) => f.receivedOn.slice(0, 7));
  const rows = <K extends string>(
    map: Map<K, { stage1: number; stage2: number }>,
  ) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    byStage: { stage1: s1.length, stage2: s2.length },
    byChannel: rows(byChannel).map(([channel, n]) => ({ channel, ...n })),
    byCategory: rows(byCategory).map(([category, n]) => ({ category, ...n })),
    byMonth: monthsOf(period).map((month) => ({
      month,
      ...(byMonth.get(month) ?? { stage1: 0, stage2: 0 }),
    })),
  };
}

function noDecisions(): Record<Decision, number> {
  return { upheld: 0, 'partly-upheld': 0, 'not-upheld': 0 };
}

/**
 * One decision for a whole complaint from its issue decisions: upheld when
 * every issue is upheld, not upheld when none is upheld in any part,
 * otherwise partly upheld. A Hearth rule (no Code clause defines it).
 */
export function complaintDecision(
  decisions: readonly IssueDecision[],
): Decision {
  if (decisions.every((d) => d.decision === 'upheld')) return 'upheld';
  if (decisions.every((d) => d.decision === 'not-upheld')) return 'not-upheld';
  return 'partly-upheld';
}

/** Outcomes of the stage's responses sent in the period, per issue and per complaint (Code 9.7). */
export function stageOutcomes(
  facts: readonly StageFacts[],
  stage: Stage,
  period: ReportingPeriod,
): StageOutcomes {
  const byIssue = noDecisions();
  const byComplaint = noDecisions();
  for (const f of respondedInPeriod(facts, stage, period)) {
    const decisions = f.record.response?.decisions ?? [];
    for (const d of decisions) byIssue[d.decision] += 1;
    byComplaint[complaintDecision(decisions)] += 1;
  }
  return {
    stage,
    byIssue: byIssue as DecisionCounts,
    byComplaint: byComplaint as DecisionCounts,
  };
}

/**
 * Stage 2 requests received in the period ÷ stage 1 responses sent in it.
 * Every request counts, refused ones too: it measures residents still
 * unhappy, not escalations accepted.
 */
export function escalationRate(
  facts: readonly StageFacts[],
  period: ReportingPeriod,
): EscalationRate {
  const requests = facts.filter(
    (f) => f.stage === 2 && inPeriod(f.receivedOn, period),
  ).length;
  const responses = respondedInPeriod(facts, 1, period).length;
  return {
    stage2Requests: requests,
    stage1Responses: responses,
    rate: responses === 0 ? null : requests / responses,
  };
}

function reasonCounts(
  entries: readonly { code: string; label: string }[],
): ReasonCount[] {
  const counts = new Map<string, ReasonCount>();
  for (const { code, label } of entries) {
    const seen = counts.get(code);
    counts.set(code, { code, label, count: (seen?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || a.code.localeCompare(b.code),
  );
}

/**
 * Complaints the landlord would not take on, keyed on the date of the
 * decision: declined at stage 1 by exclusion (Code 2.1–2.4) and escalations
 * refused by ground (Code 5.11, C). The annual report summarises the
 * types of complaint refused (Code 8.1–8.2, C).
 *
 * Every decision in the period counts, read from the complaint's history
 * when given: a complaint declined and later reopened and accepted is
 * still a decline of that period, under its reason (and, once accepted,
 * is in CH01 as well). A complaint counts once per table per period,
 * under the last reason given in the period.
 */
export function refusalsByReason(
  complaints: readonly ReportingComplaint[],
  period: ReportingPeriod,
): Refusals {
  const declined: { code: string; label: string }[] = [];
  const refused: { code: string; label: string }[] = [];
  for (const complaint of complaints) {
    const { policy } = complaint;
    const last = new Map<RefusalFact['kind'], RefusalFact>();
    for (const r of refusalsOf(complaint)) {
      if (inPeriod(r.on, period)) last.set(r.kind, r);
    }
    const d = last.get('declined');
    if (d !== undefined) {
      const label =
        policy.exclusions.find((e) => e.code === d.code)?.label ?? d.code;
      declined.push({ code: d.code, label });
    }
    const r = last.get('escalation-refused');
    if (r !== undefined) {
      const label =
        policy.escalation.refusalGrounds.find((g) => g.code === r.code)
          ?.label ?? r.code;
      refused.push({ code: r.code, label });
    }
  }
  return {
    declined: declined.length,
    declinedByReason: reasonCounts(declined),
    escalationsRefused: refused.length,
    escalationsRefusedByGround: reasonCounts(refused),
  };
}

/**
 * Remedies recorded in the period, by kind (Code 7.1), and the
 * compensation offered: financial remedies and their total in pence.
 */
export function remediesByKind(
  complaints: readonly ReportingComplaint[],
  period: ReportingPeriod,
): RemedyFigures {
  const byKind = new Map<RemedyKind, { count: number; amountPence: number }>();
  for (const { state } of complaints) {
    for (const r of state.remedies) {
      if (!inPeriod(r.recordedOn, period)) continue;
      const row = byKind.get(r.kind) ?? { count: 0, amountPence: 0 };
      row.count += 1;
      row.amountPence += r.amountPence ?? 0;
      byKind.set(r.kind, row);
    }
  }
  const financial = byKind.get('financial');
  return {
    byKind: [...byKind.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, row]) => ({ kind, ...row })),
    compensation: {
      count: financial?.count ?? 0,
      totalPence: financial?.amountPence ?? 0,
    },
  };
}
