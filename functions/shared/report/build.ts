/**
 * The Board report from stored complaints: which period, which complaints,
 * the figures (domain/reporting) and the three documents made from them.
 * Shared by the report function and `npm run report`.
 */
import {
  addDays,
  addMonths,
  type BoardFigures,
  boardFigures,
  type ComplaintEvent,
  type ComplaintState,
  InvalidInputError,
  isIsoDate,
  type Policy,
  presetById,
  type ReportingComplaint,
  type ReportingPeriod,
  type StockCount,
  tsm2024,
} from '@hearth/domain';
import * as z from 'zod';
import { calendarFor } from '../service.js';
import { figuresCsv } from './csv.js';
import { type ReportMeta, reportHtml } from './html.js';

/** How far back complaints are read: CH02 counts responses to older ones. */
export const LOOK_BACK_MONTHS = 24;

/**
 * The period a report covers: the dates given, or else the calendar month
 * before `today`. A whole calendar month is labelled `YYYY-MM`, any other
 * span `from_to`.
 */
export function reportPeriod(
  today: string,
  given: { from?: string; to?: string } = {},
): ReportingPeriod {
  if (given.from === undefined && given.to === undefined) {
    const from = addMonths(`${today.slice(0, 7)}-01`, -1);
    return {
      label: from.slice(0, 7),
      from,
      to: addDays(addMonths(from, 1), -1),
    };
  }
  const { from, to } = given;
  if (
    from === undefined ||
    to === undefined ||
    !isIsoDate(from) ||
    !isIsoDate(to)
  ) {
    throw new InvalidInputError(
      'period',
      'give both from and to as YYYY-MM-DD dates',
    );
  }
  if (from > to)
    throw new InvalidInputError('period', `${from} is after ${to}`);
  const wholeMonth =
    from.endsWith('-01') && addDays(addMonths(from, 1), -1) === to;
  return { label: wholeMonth ? from.slice(0, 7) : `${from}_${to}`, from, to };
}

/** The first and last months of complaints the period's figures can need. */
export function monthsToRead(period: ReportingPeriod): {
  from: string;
  to: string;
} {
  return {
    from: addMonths(`${period.from.slice(0, 7)}-01`, -LOOK_BACK_MONTHS).slice(
      0,
      7,
    ),
    to: period.to.slice(0, 7),
  };
}

/** Each complaint's history, every event oldest first, by complaint id. */
export type Histories = ReadonlyMap<string, readonly ComplaintEvent[]>;

/**
 * Each complaint with the policy and working calendar its clocks ran
 * under (the preset it names, or the deployment's policy when that preset
 * is no longer known), and its history when one was read.
 */
export function reportingComplaints(
  states: readonly ComplaintState[],
  fallback: Policy,
  histories: Histories = new Map(),
): ReportingComplaint[] {
  return states.map((state) => {
    const named = presetById(state.policy.id);
    const policy =
      named?.version === state.policy.version ? named : (named ?? fallback);
    const history = histories.get(state.id);
    return {
      state,
      policy,
      calendar: calendarFor(policy),
      ...(history === undefined ? {} : { history }),
    };
  });
}

const stockSchema = z.array(
  z.strictObject({
    yearFrom: z.iso.date(),
    asAt: z.iso.date(),
    LCRA: z.number().int().nonnegative(),
    LCHO: z.number().int().nonnegative(),
  }),
);

/** The housing stock variable (JSON) read and checked. */
export function parseStock(json: string): StockCount[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('Invalid configuration: housing stock is not JSON');
  }
  const parsed = stockSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration: housing stock: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

export interface ReportDocument {
  readonly name: string;
  readonly contentType: string;
  readonly body: string;
}

export interface BoardReport {
  readonly figures: BoardFigures;
  readonly documents: readonly [ReportDocument, ReportDocument, ReportDocument];
}

/** Where a document is kept: `reports/<org>/<period-label>/<name>`. */
export function reportKey(
  organisationId: string,
  label: string,
  name: string,
): string {
  return `reports/${organisationId}/${label}/${name}`;
}

/** Where the states come from: the repository's reporting read. */
export interface ReceivedComplaints {
  complaintsReceivedBetween(
    organisationId: string,
    fromMonth: string,
    toMonth: string,
  ): Promise<ComplaintState[]>;
}

/** The reporting read and each complaint's events: what the monthly report reads. */
export interface ReportStore extends ReceivedComplaints {
  eventsAfter(
    organisationId: string,
    complaintId: string,
    version: number,
  ): Promise<ComplaintEvent[]>;
}

/** Histories read at once: enough to be quick, few enough to stay under the table's capacity. */
export const HISTORY_READS_AT_ONCE = 16;

/**
 * The history of every complaint among the states (records of other
 * kinds have no refusals or learning to lose), read a few at a time.
 * The refusals and the learning are read from histories because
 * reopening a complaint drops its declination, refusal and closure from
 * its state, and an escalation drops its closure.
 */
export async function historiesOf(
  store: Pick<ReportStore, 'eventsAfter'>,
  organisationId: string,
  states: readonly ComplaintState[],
): Promise<Histories> {
  const ids = states
    .filter((s) => s.classification === 'complaint')
    .map((s) => s.id);
  const histories = new Map<string, readonly ComplaintEvent[]>();
  for (let next = 0; next < ids.length; next += HISTORY_READS_AT_ONCE) {
    await Promise.all(
      ids.slice(next, next + HISTORY_READS_AT_ONCE).map(async (id) => {
        histories.set(id, await store.eventsAfter(organisationId, id, 0));
      }),
    );
  }
  return histories;
}

/** The first day of the complaints read for a period (the look-back's first month). */
export function recordsFrom(period: ReportingPeriod): string {
  return `${monthsToRead(period).from}-01`;
}

/**
 * The report for a period from the store: the complaints received from
 * 24 months before it to its end, with their histories, then
 * `boardReport`.
 */
export async function reportFromStore(input: {
  readonly store: ReportStore;
  readonly organisationId: string;
  readonly fallbackPolicy: Policy;
  readonly stock: readonly StockCount[];
  readonly period: ReportingPeriod;
  readonly meta: ReportMeta;
}): Promise<BoardReport & { readonly complaints: number }> {
  const months = monthsToRead(input.period);
  const states = await input.store.complaintsReceivedBetween(
    input.organisationId,
    months.from,
    months.to,
  );
  const histories = await historiesOf(
    input.store,
    input.organisationId,
    states,
  );
  return {
    ...boardReport({
      ...input,
      states,
      histories,
      recordsFrom: recordsFrom(input.period),
    }),
    complaints: states.length,
  };
}

/** The figures under the TSM 2024 rules, and the HTML, CSV and JSON made from them. */
export function boardReport(input: {
  readonly states: readonly ComplaintState[];
  /** Without a complaint's history, its refusals and learning come from its state. */
  readonly histories?: Histories;
  readonly fallbackPolicy: Policy;
  readonly stock: readonly StockCount[];
  readonly period: ReportingPeriod;
  readonly meta: ReportMeta;
  /** The first day the complaints given are complete from. */
  readonly recordsFrom?: string;
}): BoardReport {
  const figures = boardFigures(
    {
      complaints: reportingComplaints(
        input.states,
        input.fallbackPolicy,
        input.histories,
      ),
      stock: input.stock,
      period: input.period,
      ...(input.recordsFrom === undefined
        ? {}
        : { recordsFrom: input.recordsFrom }),
    },
    tsm2024,
  );
  return {
    figures,
    documents: [
      {
        name: 'board-report.html',
        contentType: 'text/html; charset=utf-8',
        body: reportHtml(figures, input.meta),
      },
      {
        name: 'board-report.csv',
        contentType: 'text/csv; charset=utf-8',
        body: figuresCsv(figures),
      },
      {
        name: 'board-report.json',
        contentType: 'application/json',
        body: `${JSON.stringify(figures, null, 2)}\n`,
      },
    ],
  };
}
