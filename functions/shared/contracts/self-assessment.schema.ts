import type {
  Approval,
  Departure,
  SelfAssessment,
  SelfAssessmentAnswer,
  SelfAssessmentRow,
} from '@hearth/domain';
import * as z from 'zod';
import { allOf, type Exact } from './drift.js';
import { idSchema, instantSchema, isoDateSchema } from './primitives.js';

/**
 * The Code self-assessment and the annual report's own inputs as stored,
 * one organisation and reporting year at a time (Code 8; REGULATION items
 * 57–59): each draft's staff evidence by clause, and an approved draft's
 * approval record with the assessment exactly as it was approved.
 */

/** A Code clause as the self-assessment numbers it: `6.2`, `5.11`. */
export const clauseSchema = z.string().regex(/^\d{1,2}(?:\.\d{1,2}){1,2}$/);

/** The most staff may write for one row (the Livin form's longest is ~1,000). */
export const EVIDENCE_MAX = 2000;

export const selfAssessmentAnswers = allOf<SelfAssessmentAnswer>()([
  'comply',
  'partly',
  'does not comply',
  'needs evidence',
]);

const departureSchema = z.strictObject({
  rule: z.string().min(1),
  clause: z.string().min(1),
  severity: z.enum(['breach', 'gap', 'advisory']),
  explanation: z.string(),
  evidence: z
    .strictObject({
      source: z.string(),
      ref: z.string(),
      quote: z.string().exactOptional(),
      silent: z.literal(true).exactOptional(),
    })
    .exactOptional(),
});

const rowSchema = z.strictObject({
  clause: z.string().min(1),
  section: z.number().int().nonnegative(),
  requirement: z.string(),
  answer: z.enum(selfAssessmentAnswers),
  generated: z.array(z.string()),
  departures: z.array(departureSchema),
  evidence: z.string().nullable(),
});

const approvalSchema = z.strictObject({
  by: z.string().min(1),
  role: z.string().min(1),
  on: isoDateSchema,
});

/** The assessment exactly as it was approved: it never changes after. */
export const selfAssessmentSnapshotSchema = z.strictObject({
  policy: z.strictObject({
    id: z.string().min(1),
    version: z.string().min(1),
    landlord: z.string(),
  }),
  period: z.strictObject({
    label: z.string().min(1),
    from: isoDateSchema,
    to: isoDateSchema,
  }),
  rows: z.array(rowSchema),
  summary: z.strictObject({
    comply: z.number().int().nonnegative(),
    partly: z.number().int().nonnegative(),
    'does not comply': z.number().int().nonnegative(),
    'needs evidence': z.number().int().nonnegative(),
  }),
  approval: approvalSchema.nullable(),
});

/**
 * Where a draft stands: being written; approved (never changed again); or
 * superseded by a newer draft of the same year.
 */
export const draftStatuses = ['draft', 'approved', 'superseded'] as const;
export type DraftStatus = (typeof draftStatuses)[number];

/** Who approved it for the governing body, with their role, and when. */
export const approvalRecordSchema = z.strictObject({
  by: idSchema,
  role: z.enum(['manager', 'mrc']),
  at: instantSchema,
});

/** One draft of one year's self-assessment, as its item holds it. */
export const storedSelfAssessmentSchema = z.strictObject({
  organisationId: idSchema,
  /** The reporting year's first calendar year: 2026 for 2026/27. */
  year: z.number().int().min(2000).max(2999),
  /** 1, 2, …: a new draft after an approval or a policy change. */
  draft: z.number().int().positive(),
  /** Every save adds one: the optimistic lock. */
  revision: z.number().int().positive(),
  status: z.enum(draftStatuses),
  /** The policy the draft was started under (Code 8.3). */
  policy: z.strictObject({ id: z.string().min(1), version: z.string().min(1) }),
  evidence: z.record(clauseSchema, z.string().min(1).max(EVIDENCE_MAX)),
  updatedBy: idSchema,
  updatedAt: instantSchema,
  approval: approvalRecordSchema.exactOptional(),
  snapshot: selfAssessmentSnapshotSchema.exactOptional(),
});

/** A stored draft, its snapshot typed as the domain's (readonly) value. */
export type StoredSelfAssessment = Omit<
  z.infer<typeof storedSelfAssessmentSchema>,
  'snapshot'
> & { readonly snapshot?: SelfAssessment };

/** An Ombudsman determination on the landlord in the year (item 58). */
const determinationSchema = z.strictObject({
  reference: z.string().min(1).max(100),
  finding: z.string().min(1).max(EVIDENCE_MAX),
});

/**
 * What staff add to a year's annual report beyond the figures: the
 * governing body's response (item 57), the Ombudsman's determinations and
 * wider learning (item 58, Code 9.3).
 */
export const storedAnnualReportSchema = z.strictObject({
  organisationId: idSchema,
  year: z.number().int().min(2000).max(2999),
  revision: z.number().int().positive(),
  boardResponse: z
    .string()
    .min(1)
    .max(EVIDENCE_MAX * 5)
    .exactOptional(),
  determinations: z.array(determinationSchema).max(200),
  learning: z.array(z.string().min(1).max(EVIDENCE_MAX)).max(200),
  updatedBy: idSchema,
  updatedAt: instantSchema,
});

export type StoredAnnualReport = z.infer<typeof storedAnnualReportSchema>;

true satisfies Exact<z.infer<typeof departureSchema>, Departure>;
true satisfies Exact<z.infer<typeof rowSchema>, SelfAssessmentRow>;
true satisfies Exact<z.infer<typeof approvalSchema>, Approval>;
true satisfies Exact<
  z.infer<typeof selfAssessmentSnapshotSchema>,
  SelfAssessment
>;
