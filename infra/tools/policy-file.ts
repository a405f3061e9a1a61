import type { Policy } from '@hearth/domain';
import * as z from 'zod';

/**
 * The zod schema for a policy written as JSON: the `Policy` type of
 * `domain/policy/policy.ts`, field for field, with strict objects so a
 * misspelt field is an error rather than silently ignored. Shape only: the
 * engine's invariants (positive clocks, unique codes, clock starts) are
 * `validatePolicy`'s job, run after this.
 */
const citation = z.strictObject({
  source: z.string().min(1),
  ref: z.string().min(1),
  quote: z.string().min(1).exactOptional(),
  silent: z.literal(true).exactOptional(),
});

const wholeDays = z.number().int();

const clock = z.strictObject({
  workingDays: wholeDays,
  from: z.enum(['receipt', 'acknowledgement', 'original-complaint', 'meeting']),
  cite: citation,
});

const days = z.strictObject({
  days: wholeDays,
  unit: z.enum(['calendar-days', 'working-days']),
  cite: citation,
});

const exclusionGround = z.enum([
  'outside-time-limit',
  'legal-proceedings',
  'previously-considered',
  'service-request',
  'other',
]);

const nation = z.enum([
  'england-and-wales',
  'wales',
  'scotland',
  'northern-ireland',
]);

const stage = z.strictObject({
  name: z.string(),
  acknowledge: clock,
  respond: clock,
  extension: z.strictObject({
    maxWorkingDays: wholeDays.nullable(),
    noticeBeforeDue: z.boolean(),
    ombudsmanDetailsInNotice: z.boolean(),
    goodReasonOverride: z.boolean(),
    cite: citation,
  }),
  meeting: clock.exactOptional(),
  earlyResolution: clock.exactOptional(),
  updateIntervalWorkingDays: wholeDays.exactOptional(),
  handler: z.strictObject({
    description: z.string(),
    mustDifferFromStage1: z.boolean(),
    cite: citation,
  }),
});

export const policySchema = z.strictObject({
  id: z.string().min(1),
  version: z.string(),
  landlord: z.string(),
  title: z.string(),
  source: citation,
  nation,
  closureDays: z.array(z.string()).readonly(),
  definition: z.strictObject({ text: z.string(), cite: citation }),
  timeLimit: z.strictObject({
    months: wholeDays,
    from: z.enum(['issue-or-awareness', 'issue']),
    discretion: z.boolean(),
    exceptions: z.array(z.string()).readonly(),
    cite: citation,
  }),
  exclusions: z
    .array(
      z.strictObject({
        code: z.string(),
        label: z.string(),
        ground: exclusionGround,
        cite: citation,
      }),
    )
    .readonly(),
  informalStage: z
    .strictObject({
      name: z.string(),
      targetWorkingDays: wholeDays.nullable(),
      description: z.string(),
      cite: citation,
    })
    .exactOptional(),
  receiptConfirmation: z
    .strictObject({ withinHours: wholeDays, cite: citation })
    .exactOptional(),
  stage1: stage,
  stage2: stage,
  escalation: z.strictObject({
    window: days.nullable(),
    reasonsRequired: z.boolean(),
    acceptedGrounds: z.enum([
      'any',
      'reasons-or-new-information',
      'procedure-not-followed',
    ]),
    refusalGrounds: z
      .array(
        z.strictObject({
          code: z.string(),
          label: z.string(),
          exclusion: exclusionGround.nullable(),
          cite: citation,
        }),
      )
      .readonly(),
    cite: citation,
  }),
  contact: z.strictObject({
    attempts: wholeDays.nullable(),
    updateIntervalWorkingDays: wholeDays.nullable(),
    representativesAllowed: z.boolean(),
    representativeConsentRequired: z.boolean(),
    anonymousMayBeDeclined: z.boolean(),
    cite: citation,
  }),
  closure: z.strictObject({
    autoCloseAfterNoContact: days.nullable(),
    cite: citation,
  }),
  remedies: z.strictObject({
    guidance: z.string(),
    offsetAgainstArrears: z.boolean(),
    cite: citation,
  }),
  ombudsman: z.strictObject({
    evidenceWorkingDays: wholeDays,
    designatedPerson: z.boolean(),
    waitWeeks: wholeDays.nullable(),
    cite: citation,
  }),
  restrictions: z.strictObject({
    reasonsEvidenced: z.boolean(),
    reviewed: z.boolean(),
    equalityActRegard: z.boolean(),
    cite: citation,
  }),
  governance: z.strictObject({
    memberResponsibleForComplaints: z.boolean(),
    boardReportingMonths: wholeDays.nullable(),
    annualReport: z.boolean(),
    cite: citation,
  }),
  channels: z
    .array(
      z.enum(['web', 'email', 'phone', 'in-person', 'letter', 'social-media']),
    )
    .readonly(),
  retention: z.strictObject({
    closedCaseYears: wholeDays,
    citation,
  }),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Fails to compile if the schema and the `Policy` type drift apart. */
export type PolicySchemaMatchesPolicy = Assert<
  Same<z.output<typeof policySchema>, Policy>
>;

export type PolicyFileResult =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Parses the text of a policy JSON file. Each error names its field by
 * path, e.g. `stage1.acknowledge.workingDays: Invalid input: expected
 * number, received string`.
 *
 * @example
 * parsePolicyFile('{"id": 1}'); // { ok: false, errors: ['id: Invalid input: …', …] }
 */
export function parsePolicyFile(text: string): PolicyFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`(file): not valid JSON: ${(error as Error).message}`],
    };
  }
  const parsed = policySchema.safeParse(json);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map(
      (issue) => `${formatPath(issue.path)}: ${issue.message}`,
    ),
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, i) =>
      typeof key === 'number'
        ? `[${key}]`
        : `${i === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}
