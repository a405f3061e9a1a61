import { compareDates } from '../calendar/index.js';
import { InvalidInputError } from '../errors.js';
import { stageFacts } from './facts.js';
import { serviceLearning } from './learning.js';
import type { BoardFigures, ReportInput, StockCount } from './model.js';
import {
  figureSourcing,
  type ReportingPeriod,
  type ReportingRules,
  tsmFigureRules,
} from './rules.js';
import { complaintThemes } from './themes.js';
import {
  acknowledgeTimeliness,
  evidenceRequestTimeliness,
  openAtPeriodEnd,
  overdueAtPeriodEnd,
  respondTimeliness,
} from './timeliness.js';
import { ch01, ch02, targetTimescales } from './tsm.js';
import {
  complaintVolumes,
  escalationRate,
  refusalsByReason,
  remediesByKind,
  stageOutcomes,
} from './volumes.js';

/**
 * The stock count for the period: the one for the reporting year the
 * period starts in (RSH: relevant stock, LCRA and LCHO; which date's count
 * is U, so the count says its own `asAt`).
 */
export function stockFor(
  stock: readonly StockCount[],
  period: ReportingPeriod,
  rules: ReportingRules,
): StockCount {
  const year = Number(period.from.slice(0, 4));
  const yearFrom =
    period.from.slice(5) >= rules.yearStartsOn
      ? `${year}-${rules.yearStartsOn}`
      : `${year - 1}-${rules.yearStartsOn}`;
  const found = stock.find((s) => s.yearFrom === yearFrom);
  if (found === undefined) {
    throw new InvalidInputError(
      'stock',
      `no homes count for the reporting year from ${yearFrom}`,
    );
  }
  return found;
}

/**
 * The Board's complaint figures for a period (Code 9.7; TSMs CH01 and
 * CH02 as RSH requires them, with how firmly each figure's counting rules
 * are sourced; themes and trends by category, Code 9.4; the service
 * improvements agreed and learnt, Code 9.1–9.3; the annual report's
 * figures, Code 8.1–8.2): plain data, every figure with its counts, under
 * cited reporting rules.
 *
 * @example
 * const figures = boardFigures(
 *   { complaints, stock, period: reportingYear(tsm2024, 2025) },
 *   tsm2024,
 * );
 * figures.tsm.ch02[0].published.percent; // e.g. 87.5
 */
export function boardFigures(
  input: ReportInput,
  rules: ReportingRules,
): BoardFigures {
  const { complaints, period } = input;
  if (compareDates(period.from, period.to) > 0) {
    throw new InvalidInputError(
      'period',
      `${period.from} is after ${period.to}`,
    );
  }
  const stock = stockFor(input.stock, period, rules);
  const facts = stageFacts(complaints);
  return {
    rules: { id: rules.id, version: rules.version, citations: rules.citations },
    period,
    tsm: {
      ch01: [ch01(facts, 1, period, stock), ch01(facts, 2, period, stock)],
      ch02: [
        ch02(facts, 1, period, rules.ch02Publishes),
        ch02(facts, 2, period, rules.ch02Publishes),
      ],
      ch02Publishes: rules.ch02Publishes,
      targetTimescales: targetTimescales(facts, period),
      stock,
      sourcing: {
        ch01: figureSourcing(tsmFigureRules.ch01, rules.citations),
        ch01Tenure: figureSourcing(tsmFigureRules.ch01Tenure, rules.citations),
        ch02: figureSourcing(tsmFigureRules.ch02, rules.citations),
      },
    },
    volumes: complaintVolumes(facts, period),
    outcomes: [
      stageOutcomes(facts, 1, period),
      stageOutcomes(facts, 2, period),
    ],
    timeliness: [
      acknowledgeTimeliness(facts, 1, period),
      respondTimeliness(facts, 1, period),
      acknowledgeTimeliness(facts, 2, period),
      respondTimeliness(facts, 2, period),
    ],
    escalationRate: escalationRate(facts, period),
    refusals: refusalsByReason(complaints, period),
    remedies: remediesByKind(complaints, period),
    overdue: overdueAtPeriodEnd(complaints, period),
    evidence: evidenceRequestTimeliness(complaints, period),
    openAtPeriodEnd: openAtPeriodEnd(facts, period),
    themes: complaintThemes(
      facts,
      complaints,
      period,
      rules,
      input.recordsFrom,
    ),
    learning: serviceLearning(complaints, period),
  };
}
