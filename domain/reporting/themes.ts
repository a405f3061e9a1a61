import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  type IsoDate,
} from '../calendar/index.js';
import type { Stage } from '../complaint/model.js';
import type { StageFacts } from './facts.js';
import type {
  ReportingComplaint,
  StageCounts,
  Theme,
  Themes,
} from './model.js';
import {
  type ReportingPeriod,
  type ReportingRules,
  reportingYear,
} from './rules.js';
import { receivedInPeriod, respondedInPeriod, shareOf } from './tsm.js';
import { complaintDecision, uncategorised } from './volumes.js';

/** Whole calendar months the period spans exactly, or null if it is not whole months. */
function wholeMonths(period: ReportingPeriod): number | null {
  if (!period.from.endsWith('-01')) return null;
  let months = 0;
  let first = period.from;
  while (compareDates(first, period.to) <= 0) {
    months += 1;
    first = addMonths(first, 1);
    if (addDays(first, -1) === period.to) return months;
  }
  return null;
}

/**
 * The period of the same length immediately before: as many whole
 * months before a period of whole months (a reporting year before a
 * reporting year, a month before a month), otherwise as many days. Its
 * label follows the report's: `YYYY-MM`, a reporting year's label, or
 * `from_to`.
 *
 * @example
 * previousPeriod({ label: '2026-03', from: '2026-03-01', to: '2026-03-31' }, tsm2024);
 * // { label: '2026-02', from: '2026-02-01', to: '2026-02-28' }
 */
export function previousPeriod(
  period: ReportingPeriod,
  rules: ReportingRules,
): ReportingPeriod {
  const months = wholeMonths(period);
  const to = addDays(period.from, -1);
  if (months === null) {
    const from = addDays(
      period.from,
      -(daysBetween(period.from, period.to) + 1),
    );
    return { label: `${from}_${to}`, from, to };
  }
  const from = addMonths(period.from, -months);
  if (months === 1) return { label: from.slice(0, 7), from, to };
  if (months === 12 && from.slice(5) === rules.yearStartsOn) {
    return reportingYear(rules, Number(from.slice(0, 4)));
  }
  return { label: `${from}_${to}`, from, to };
}

/**
 * Whether the complaints held cover the whole of `period`: it starts on
 * or after the day the records are complete from, and after the first
 * complaint held was received (a later go-live leaves nothing before it).
 */
export function covered(
  period: ReportingPeriod,
  complaints: readonly ReportingComplaint[],
  recordsFrom: IsoDate | undefined,
): boolean {
  const first = complaints.map((c) => c.state.receivedOn).sort(compareDates)[0];
  return (
    first !== undefined &&
    compareDates(first, period.from) <= 0 &&
    (recordsFrom === undefined || compareDates(recordsFrom, period.from) <= 0)
  );
}

const categoryOf = (f: StageFacts) =>
  f.complaint.state.category ?? uncategorised;

function receivedBy(
  facts: readonly StageFacts[],
  period: ReportingPeriod,
): Map<string, { stage1: number; stage2: number }> {
  const rows = new Map<string, { stage1: number; stage2: number }>();
  for (const stage of [1, 2] as const) {
    for (const f of receivedInPeriod(facts, stage, period)) {
      const row = rows.get(categoryOf(f)) ?? { stage1: 0, stage2: 0 };
      row[stage === 1 ? 'stage1' : 'stage2'] += 1;
      rows.set(categoryOf(f), row);
    }
  }
  return rows;
}

function upheldBy(
  facts: readonly StageFacts[],
  stage: Stage,
  period: ReportingPeriod,
): Map<string, { upheld: number; of: number }> {
  const rows = new Map<string, { upheld: number; of: number }>();
  for (const f of respondedInPeriod(facts, stage, period)) {
    const row = rows.get(categoryOf(f)) ?? { upheld: 0, of: 0 };
    row.of += 1;
    const decision = complaintDecision(f.record.response?.decisions ?? []);
    if (decision !== 'not-upheld') row.upheld += 1;
    rows.set(categoryOf(f), row);
  }
  return rows;
}

const none: StageCounts = { stage1: 0, stage2: 0 };

/**
 * Themes and trends by category (Code 9.4, 9.7): the complaints received
 * in the period (the CH01 population, accepted at either stage) against
 * the previous period of the same length where the complaints held cover
 * it, and the share of each stage's responses sent in the period that
 * upheld the complaint in whole or in part (a Hearth rule: a complaint is
 * upheld in part when any issue is). Ranked by complaints received,
 * stage 1 then stage 2, then by name: counts, not ratings (Code 3.3).
 * Categories only: the complaint record holds no non-personal key for a
 * resident or a home, so repeat complainants and properties are not
 * reported.
 */
export function complaintThemes(
  facts: readonly StageFacts[],
  complaints: readonly ReportingComplaint[],
  period: ReportingPeriod,
  rules: ReportingRules,
  recordsFrom?: IsoDate,
): Themes {
  const previousPeriodOf = previousPeriod(period, rules);
  const compared = covered(previousPeriodOf, complaints, recordsFrom);
  const now = receivedBy(facts, period);
  const before = receivedBy(facts, previousPeriodOf);
  const upheld = [
    upheldBy(facts, 1, period),
    upheldBy(facts, 2, period),
  ] as const;
  const categories = new Set([
    ...now.keys(),
    ...(compared ? before.keys() : []),
    ...upheld[0].keys(),
    ...upheld[1].keys(),
  ]);
  const byCategory = [...categories].map((category): Theme => {
    const received = now.get(category) ?? none;
    const previous = compared ? (before.get(category) ?? none) : null;
    const share = (stage: 0 | 1) => {
      const row = upheld[stage].get(category);
      return shareOf(row?.upheld ?? 0, row?.of ?? 0);
    };
    return {
      category,
      received: { ...received },
      previous: previous === null ? null : { ...previous },
      change:
        previous === null
          ? null
          : {
              stage1: received.stage1 - previous.stage1,
              stage2: received.stage2 - previous.stage2,
            },
      upheld: [share(0), share(1)],
    };
  });
  byCategory.sort(
    (a, b) =>
      b.received.stage1 - a.received.stage1 ||
      b.received.stage2 - a.received.stage2 ||
      a.category.localeCompare(b.category),
  );
  return { previousPeriod: previousPeriodOf, compared, byCategory };
}
