import {
  addDays,
  addMonths,
  type IsoDate,
  parseIsoDate,
} from '../calendar/index.js';
import { InvalidInputError } from '../errors.js';
import type { Citation } from '../policy/policy.js';

/**
 * How firmly a counting rule is sourced, in REGULATION.md's tags: read in
 * the source (`verified`), said only by a landlord or a sister code
 * (`corroborated`), read in a secondary summary (`secondary`), or not
 * found at all (`unverified`). Anything short of `verified` is a value to
 * check against the TSM Technical Requirements before publishing.
 */
export type SourceStatus =
  | 'verified'
  | 'corroborated'
  | 'secondary'
  | 'unverified';

export interface ReportingCitation extends Citation {
  readonly status: SourceStatus;
}

/** Which CH02 figure the landlord publishes (the other is still computed). */
export type Ch02Basis = 'within-base' | 'within-extension';

/** The counting rules the figures are produced under, each cited. */
export type ReportingRuleKey =
  | 'reportingYear'
  | 'bothParts'
  | 'ch01'
  | 'ch01Received'
  | 'ch01NotAccepted'
  | 'ch02'
  | 'ch02Responded'
  | 'ch02Basis'
  | 'targetTimescales'
  | 'tenure'
  | 'stock'
  | 'neutralVolumes'
  | 'boardReporting'
  | 'refusals'
  | 'outcomes'
  | 'evidence'
  | 'themes'
  | 'upholdRate'
  | 'learning';

/**
 * The reporting rules as a cited, versioned value: the Board report says
 * which rules (id and version) its figures were produced under, so a
 * changed rule never silently changes last year's published figure.
 */
export interface ReportingRules {
  readonly id: string;
  readonly version: string;
  /** `MM-DD`: the first day of the reporting year (`04-01`). */
  readonly yearStartsOn: string;
  readonly ch02Publishes: Ch02Basis;
  readonly citations: Readonly<Record<ReportingRuleKey, ReportingCitation>>;
}

/** A span of dates, both ends included. */
export interface ReportingPeriod {
  readonly label: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

const rsh = (
  ref: string,
  status: SourceStatus,
  quote?: string,
): ReportingCitation => ({
  source: 'RSH Tenant Satisfaction Measures: Technical Requirements (2024)',
  ref,
  status,
  ...(quote === undefined ? {} : { quote }),
});

const annexB = (ref: string, quote: string): ReportingCitation => ({
  source: 'RSH CEO letter, Annex B (11 March 2025)',
  ref,
  quote,
  status: 'verified',
});

const code = (
  ref: string,
  status: SourceStatus,
  quote?: string,
): ReportingCitation => ({
  source: 'Complaint Handling Code 2024',
  ref,
  status,
  ...(quote === undefined ? {} : { quote }),
});

/**
 * The TSM counting rules as REGULATION.md §2 and §7 state them. The
 * Technical Requirements' CH01/CH02 paragraphs were not read: every rule
 * not tagged `verified` is Hearth's best reading, to check before a
 * landlord publishes. CH02 publishes the within-base figure (the stricter
 * reading) until the extension question is settled.
 */
export const tsm2024: ReportingRules = {
  id: 'tsm-2024',
  version: '2024-04',
  yearStartsOn: '04-01',
  ch02Publishes: 'within-base',
  citations: {
    reportingYear: rsh(
      'Reporting year and year end dates (section read by title only; REGULATION §7)',
      'secondary',
      '1 April – 31 March',
    ),
    bothParts: annexB(
      'Technical Requirements paras 6–7, 22–23',
      'publish and report both parts of a TSM where required (e.g. for CH01, CH02, RP02 and NM01)',
    ),
    ch01: rsh(
      'CH01 (REGULATION §2)',
      'corroborated',
      'Number of stage one complaints received per 1,000 homes',
    ),
    ch01Received: rsh(
      'CH01: keyed on the date received (REGULATION §7)',
      'unverified',
    ),
    ch01NotAccepted: code(
      '2.1–2.4, 5.11 (C): a declined complaint or refused escalation is not in CH01 (Hearth reading)',
      'unverified',
    ),
    ch02: rsh(
      'CH02 (REGULATION §2)',
      'corroborated',
      'Proportion of complaints responded to within the Complaint Handling Code timescales',
    ),
    ch02Responded: rsh(
      'CH02: keyed on the date of the response; complaints open at year end are not counted (REGULATION §7)',
      'unverified',
    ),
    ch02Basis: rsh(
      'CH02: whether a response inside a Code-permitted extension is within timescale (REGULATION §2 open points)',
      'unverified',
    ),
    targetTimescales: annexB(
      'Annex B',
      'publish the target timescales used to generate CH02',
    ),
    tenure: rsh(
      'Level of reporting: LCRA and LCHO reported separately (REGULATION §7)',
      'secondary',
    ),
    stock: rsh(
      'Relevant social housing stock: homes owned at the year end (REGULATION §2 open points)',
      'unverified',
    ),
    neutralVolumes: code(
      '3.3',
      'verified',
      'high volumes of complaints must not be seen as a negative',
    ),
    boardReporting: code(
      '9.7',
      'verified',
      'regular updates on the volume, categories and outcomes of complaints',
    ),
    refusals: code(
      '8.1–8.2 (C)',
      'corroborated',
      'a summary of the types of complaints the landlord has refused to accept',
    ),
    outcomes: code(
      '9.7; complaint outcome from issue decisions (Hearth rule, not a Code clause)',
      'unverified',
    ),
    evidence: {
      source: 'Housing Ombudsman Scheme',
      ref: '¶9b, ¶10: each request has its own due date (REGULATION item 70)',
      status: 'verified',
    },
    themes: code(
      '9.4 (the lead person assesses themes and trends), 9.7 (regular reviews of issues and trends; REGULATION items 64, 67)',
      'verified',
    ),
    upholdRate: code(
      '9.7; uphold rate = responses upheld in whole or in part ÷ responses sent (Hearth rule, not a Code clause)',
      'unverified',
    ),
    learning: code(
      '9.1–9.3: service improvements from complaints, reported to stakeholders (REGULATION items 61–63)',
      'verified',
    ),
  },
};

/** The order of trust, firmest first: a figure is only as safe as its weakest rule. */
const STATUS_ORDER: readonly SourceStatus[] = [
  'verified',
  'corroborated',
  'secondary',
  'unverified',
];

/** The TSM figures whose counting rules the Board is shown. */
export type TsmFigure = 'ch01' | 'ch01Tenure' | 'ch02';

/**
 * The counting rules each TSM figure rests on: CH01 overall, CH01's LCRA
 * and LCHO lines (which also rest on the tenure split), and CH02 (both
 * bases: which of the two is "within the Code timescales" is itself the
 * unsettled `ch02Basis` rule).
 */
export const tsmFigureRules: Readonly<
  Record<TsmFigure, readonly ReportingRuleKey[]>
> = {
  ch01: [
    'reportingYear',
    'bothParts',
    'ch01',
    'ch01Received',
    'ch01NotAccepted',
    'stock',
  ],
  ch01Tenure: [
    'reportingYear',
    'bothParts',
    'ch01',
    'ch01Received',
    'ch01NotAccepted',
    'stock',
    'tenure',
  ],
  ch02: [
    'reportingYear',
    'bothParts',
    'ch02',
    'ch02Responded',
    'ch02Basis',
    'targetTimescales',
  ],
};

/** How firmly one figure is sourced: its weakest rule, and each rule's own status. */
export interface FigureSourcing {
  /** Only `verified` is safe to publish as it stands. */
  readonly status: SourceStatus;
  readonly rules: readonly {
    readonly key: ReportingRuleKey;
    readonly status: SourceStatus;
  }[];
}

/**
 * The sourcing of a figure from the rules it rests on: the weakest
 * status among them (verified, corroborated, secondary, unverified).
 *
 * @example
 * figureSourcing(tsmFigureRules.ch02, tsm2024.citations).status; // 'unverified'
 */
export function figureSourcing(
  keys: readonly ReportingRuleKey[],
  citations: Readonly<Record<ReportingRuleKey, ReportingCitation>>,
): FigureSourcing {
  const rules = keys.map((key) => ({ key, status: citations[key].status }));
  const weakest = Math.max(
    0,
    ...rules.map((r) => STATUS_ORDER.indexOf(r.status)),
  );
  return { status: STATUS_ORDER[weakest] as SourceStatus, rules };
}

/**
 * The reporting year starting in `startYear` under the rules.
 *
 * @example
 * reportingYear(tsm2024, 2025); // { label: '2025/26', from: '2025-04-01', to: '2026-03-31' }
 */
export function reportingYear(
  rules: ReportingRules,
  startYear: number,
): ReportingPeriod {
  if (!Number.isInteger(startYear)) {
    throw new InvalidInputError('startYear', 'must be a whole year');
  }
  const from = parseIsoDate(
    `${String(startYear).padStart(4, '0')}-${rules.yearStartsOn}`,
    'yearStartsOn',
  );
  const to = addDays(addMonths(from, 12), -1);
  const end = from.slice(5) === '01-01' ? '' : `/${to.slice(2, 4)}`;
  return { label: `${startYear}${end}`, from, to };
}
