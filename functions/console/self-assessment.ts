/**
 * The Code self-assessment (Code 8; REGULATION items 57 and 59), one
 * reporting year at a time: the 48 testable clauses grouped by Code
 * section, each with the answer generated from the policy check and the
 * year's figures (the Board report's own build) and a box for the staff's
 * evidence. Managers write the evidence and approve; the Member
 * Responsible for Complaints, the governing body's member, reads and may
 * approve; officers may not see it.
 *
 * Each save is conditioned on the revision the page was read at (a lost
 * race shows the form again with what was typed, saving nothing). An
 * approved draft is kept exactly as approved, with who approved it, in
 * which role, and when; changing it starts a new draft. A draft started
 * under another policy than the one in force says so (Code 8.3) and is
 * not approved until a new draft is started.
 */
import {
  type Approval,
  approve,
  type BoardFigures,
  InvalidInputError,
  type Policy,
  type SelfAssessment,
  selfAssessment,
} from '@hearth/domain';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  type DraftSummary,
  type DynamoDbSelfAssessmentRepository,
  SelfAssessmentConflictError,
} from '../shared/adapters/dynamodb/self-assessment-repository.js';
import {
  EVIDENCE_MAX,
  type StoredSelfAssessment,
} from '../shared/contracts/index.js';
import {
  ForbiddenError,
  NotFoundError,
} from '../shared/middleware/problem-json.js';
import { redirect } from '../shared/pages/http.js';
import { formatInstant } from '../shared/pages/render.js';
import { renderPdf } from '../shared/pdf/document.js';
import type { Staff } from '../shared/staff.js';
import type { Caller } from './case-routes.js';
import {
  ANSWER_TEXT,
  type ApprovalLine,
  approvalSentence,
  bySection,
  type PrintableDocument,
  periodSentence,
  selfAssessmentDocument,
  summarySentence,
} from './documents.js';
import {
  slugOf,
  type YearPeriod,
  yearOf,
  yearOfSlug,
  yearPeriod,
  yearsToList,
} from './reporting-years.js';
import { canSeeReports, isManager, page } from './view.js';
import { type FiguresDeps, periodFigures } from './year-figures.js';

export interface AssessmentDeps extends FiguresDeps {
  readonly assessments: DynamoDbSelfAssessmentRepository;
}

const BASE = '/console/self-assessment';
type Action = 'approve' | 'new-draft';

/** `/console/self-assessment[/<2026-27>[/approve|/new-draft|/self-assessment.pdf]]`. */
export function selfAssessmentRoute(
  path: string,
): { slug?: string; part?: Action | 'pdf' } | undefined {
  if (path === BASE) return {};
  const match =
    /^\/console\/self-assessment\/(\d{4}-\d{2})(?:\/(approve|new-draft|self-assessment\.pdf))?$/.exec(
      path,
    );
  if (match === null) return undefined;
  const [, slug = '', part] = match;
  if (part === undefined) return { slug };
  return {
    slug,
    part: part === 'self-assessment.pdf' ? 'pdf' : (part as Action),
  };
}

/** The one console post the MRC may make: approving for the governing body. */
export function isApprovalPath(path: string): boolean {
  return selfAssessmentRoute(path)?.part === 'approve';
}

/** The role an approval is recorded under: the Board's member first. */
const approverRole = (staff: Staff): 'mrc' | 'manager' =>
  staff.roles.includes('mrc') ? 'mrc' : 'manager';

const ROLE_TEXT = {
  manager: 'complaints manager',
  mrc: 'Member Responsible for Complaints',
} as const;

/** The field of a clause's evidence: `6.2` → `evidence-6-2` (also its id). */
export const evidenceField = (clause: string) =>
  `evidence-${clause.replaceAll('.', '-')}`;

export const approvalLineOf = (
  record: StoredSelfAssessment | undefined,
): ApprovalLine | undefined =>
  record?.approval === undefined
    ? undefined
    : {
        by: record.approval.by,
        role: ROLE_TEXT[record.approval.role],
        at: record.approval.at,
      };

/** The year the path names, if it has started; else not found. */
export function yearFromSlug(slug: string, caller: Caller): YearPeriod {
  const year = yearOfSlug(slug);
  if (year === undefined || year > yearOf(caller.today) || year < 2000) {
    throw new NotFoundError('No such reporting year');
  }
  return yearPeriod(year, caller.today);
}

const samePolicy = (
  record: Pick<StoredSelfAssessment, 'policy'>,
  policy: Policy,
) => record.policy.id === policy.id && record.policy.version === policy.version;

/** The drafts index: every year with where its self-assessment stands. */
export async function assessmentYears(
  deps: AssessmentDeps,
  caller: Caller,
  kind: 'self-assessment' | 'annual-report',
): Promise<APIGatewayProxyStructuredResultV2> {
  const drafts = await deps.assessments.drafts(caller.staff.organisationId);
  const years = yearsToList(
    caller.today,
    drafts.map((d) => d.year),
  ).map((year) => {
    const mine = drafts.filter((d) => d.year === year);
    const approved = mine.find((d) => d.status === 'approved');
    const [latest] = mine;
    return {
      label: yearPeriod(year, caller.today).period.label,
      href: `/console/${kind}/${slugOf(year)}`,
      status:
        latest === undefined
          ? 'Not started'
          : latest.status === 'approved'
            ? `Approved (draft ${latest.draft})`
            : `Draft ${latest.draft} in progress`,
      approved:
        approved === undefined
          ? undefined
          : `Draft ${approved.draft} approved on ${formatInstant(approved.approval?.at ?? approved.updatedAt)}`,
    };
  });
  return page(caller.kit, 200, 'console/years.njk', {
    title: kind === 'self-assessment' ? 'Self-assessments' : 'Annual reports',
    section: kind,
    kind,
    years,
  });
}

/** What one draft of a year shows, and who may do what with it. */
interface Loaded {
  readonly year: YearPeriod;
  readonly drafts: readonly DraftSummary[];
  readonly latest: StoredSelfAssessment | undefined;
  /** The draft on the page: the latest, or the one asked for. */
  readonly shown: StoredSelfAssessment | undefined;
}

async function load(
  deps: AssessmentDeps,
  caller: Caller,
  year: YearPeriod,
  draft?: string,
): Promise<Loaded> {
  const org = caller.staff.organisationId;
  const [drafts, latest] = await Promise.all([
    deps.assessments.drafts(org, year.year),
    deps.assessments.latest(org, year.year),
  ]);
  if (draft === undefined || Number(draft) === latest?.draft) {
    return { year, drafts, latest, shown: latest };
  }
  const number = /^[1-9]\d{0,5}$/.test(draft) ? Number(draft) : undefined;
  const shown =
    number === undefined
      ? undefined
      : await deps.assessments.draft(org, year.year, number);
  if (shown === undefined) throw new NotFoundError('No such draft');
  return { year, drafts, latest, shown };
}

/** Makes the year's assessment from evidence; the figures are read once. */
type Generate = (
  evidence: Readonly<Record<string, string>>,
) => Promise<SelfAssessment>;

function generator(
  deps: AssessmentDeps,
  caller: Caller,
  year: YearPeriod,
): Generate {
  let figures: Promise<BoardFigures> | undefined;
  return async (evidence) => {
    figures ??= periodFigures(
      deps,
      caller.staff.organisationId,
      year.period,
      caller.now,
    );
    return selfAssessment({
      policy: deps.config.policy,
      figures: await figures,
      evidence,
    });
  };
}

/**
 * The assessment a draft stands for: as approved, or generated now from
 * the year's figures, the policy in force and its evidence.
 */
function assessmentOf(
  loaded: Loaded,
  generate: Generate,
): Promise<SelfAssessment> {
  const { shown } = loaded;
  return shown?.snapshot === undefined
    ? generate(shown?.evidence ?? {})
    : Promise.resolve(shown.snapshot);
}

/** What a form sent, kept as typed, to show again after a refusal. */
type Typed = ReadonlyMap<string, string>;

interface Shown {
  readonly status?: number;
  readonly typed?: Typed;
  /** Each clause's problem, by clause. */
  readonly problems?: ReadonlyMap<string, string>;
  readonly formError?: string;
  readonly notice?: { title: string; text: string };
}

const TAGS = {
  comply: 'govuk-tag--green',
  partly: 'govuk-tag--yellow',
  'does not comply': 'govuk-tag--red',
  'needs evidence': 'govuk-tag--grey',
} as const;

/** The year's page: the form for a manager's draft, else the assessment to read. */
function show(
  deps: AssessmentDeps,
  caller: Caller,
  loaded: Loaded,
  sa: SelfAssessment,
  options: Shown = {},
): APIGatewayProxyStructuredResultV2 {
  const { staff } = caller;
  const { year, shown, latest, drafts } = loaded;
  const policy = deps.config.policy;
  const isLatest = shown?.draft === latest?.draft;
  const open = isLatest && (shown === undefined || shown.status === 'draft');
  const stale = shown !== undefined && !samePolicy(shown, policy);
  const editable = open && isManager(staff);
  const path = `${BASE}/${year.slug}`;
  const draftQuery = isLatest ? '' : `?draft=${shown?.draft}`;
  const problems = options.problems ?? new Map<string, string>();
  const anchor = (clause: string) =>
    editable ? evidenceField(clause) : `clause-${clause.replaceAll('.', '-')}`;
  const sections = bySection(sa.rows).map((s) => ({
    ...s,
    heading: `Section ${s.section}: ${s.title}`,
    rows: s.rows.map((row) => {
      const field = evidenceField(row.clause);
      const typed = options.typed?.get(field);
      const problem = problems.get(row.clause);
      return {
        clause: row.clause,
        id: `clause-${row.clause.replaceAll('.', '-')}`,
        requirement: row.requirement,
        tag: { text: ANSWER_TEXT[row.answer], classes: TAGS[row.answer] },
        generated: row.generated,
        evidence: row.evidence,
        problem,
        // A lost race on a draft no longer open: what was typed, to copy.
        unsaved:
          !editable && typed !== undefined && typed.trim() !== row.evidence
            ? typed
            : undefined,
        textarea: editable
          ? {
              id: field,
              name: field,
              label: {
                text: `Evidence for clause ${row.clause}`,
                classes: 'govuk-label--s',
              },
              hint: {
                text:
                  row.answer === 'does not comply'
                    ? 'Explain why, and the date by which it will comply'
                    : 'How this is met, with where the proof is kept',
              },
              value:
                typed ??
                (options.typed === undefined ? (row.evidence ?? '') : ''),
              rows: 3,
              spellcheck: true,
              ...(problem === undefined
                ? {}
                : { errorMessage: { text: problem } }),
            }
          : undefined,
      };
    }),
  }));
  const errorList = [
    ...(options.formError === undefined
      ? []
      : [{ text: options.formError, href: '#self-assessment-form' }]),
    ...sa.rows.flatMap((row) => {
      const problem = problems.get(row.clause);
      return problem === undefined
        ? []
        : [{ text: problem, href: `#${anchor(row.clause)}` }];
    }),
  ];
  return page(
    caller.kit,
    options.status ?? 200,
    'console/self-assessment.njk',
    {
      title: `Self-assessment ${year.period.label}`,
      section: 'self-assessment',
      width: 'full',
      caption:
        shown === undefined
          ? 'Not started'
          : `Draft ${shown.draft}: ${
              shown.status === 'draft'
                ? 'not approved'
                : shown.status === 'approved'
                  ? 'approved'
                  : 'superseded by a newer draft'
            }`,
      intro: periodSentence(year.period, year.complete),
      summary: summarySentence(sa.summary),
      approval: approvalSentence(approvalLineOf(shown)),
      policy: `${sa.policy.id} ${sa.policy.version}`,
      stale: stale
        ? {
            was: `${shown.policy.id} ${shown.policy.version}`,
            now: `${policy.id} ${policy.version}`,
          }
        : undefined,
      notLatest: isLatest ? undefined : { href: path },
      links: {
        print: `${path}?format=print${isLatest ? '' : `&draft=${shown?.draft}`}`,
        pdf: `${path}/self-assessment.pdf${draftQuery}`,
        annualReport: `/console/annual-report/${year.slug}`,
      },
      drafts: drafts.map((d) => ({
        text: `Draft ${d.draft}`,
        href: d.draft === latest?.draft ? path : `${path}?draft=${d.draft}`,
        status: draftStatus(d),
        current: d.draft === shown?.draft,
      })),
      sections,
      form: {
        action: path,
        approve: `${path}/approve`,
        newDraft: `${path}/new-draft`,
        draft: String(shown?.draft ?? 0),
        revision: String(shown?.revision ?? 0),
      },
      editable,
      canApprove: open && !stale && canSeeReports(staff),
      canStartDraft:
        isLatest &&
        isManager(staff) &&
        shown !== undefined &&
        (shown.status === 'approved' || stale),
      errors: errorList.length === 0 ? undefined : { list: errorList },
      ...(options.notice === undefined
        ? {}
        : { notice: { type: 'success', ...options.notice } }),
    },
  );
}

/** Where a draft stands, in a few words for the list of drafts. */
function draftStatus(d: DraftSummary): string {
  if (d.status === 'superseded') return 'superseded';
  if (d.approval !== undefined) {
    return `approved by ${d.approval.by} (${ROLE_TEXT[d.approval.role]}) on ${formatInstant(d.approval.at)}`;
  }
  return `not approved, last saved by ${d.updatedBy} on ${formatInstant(d.updatedAt)}`;
}

const DONE: Record<string, { title: string; text: string }> = {
  saved: { title: 'Saved', text: 'The evidence is saved.' },
  approved: {
    title: 'Approved',
    text: 'The self-assessment is approved for the governing body. It will not change: editing it starts a new draft.',
  },
  'new-draft': {
    title: 'New draft started',
    text: 'A new draft has the evidence of the last one. The earlier draft is kept as it was.',
  },
};

/** GET the year's page, its print view or its PDF. */
export async function assessmentPage(
  deps: AssessmentDeps,
  caller: Caller,
  slug: string,
  query: Readonly<Record<string, string | undefined>>,
  format: 'page' | 'pdf',
): Promise<APIGatewayProxyStructuredResultV2> {
  const year = yearFromSlug(slug, caller);
  const loaded = await load(deps, caller, year, query.draft);
  const made = await figuresOr(caller, year, () =>
    assessmentOf(loaded, generator(deps, caller, year)),
  );
  if (!made.ok) return made.response;
  const sa = made.value;
  if (format === 'pdf' || query.format === 'print') {
    const approval = approvalLineOf(loaded.shown);
    const document = selfAssessmentDocument(sa, {
      landlord: deps.config.landlord.name,
      draft: loaded.shown?.draft,
      complete: year.complete,
      ...(approval === undefined ? {} : { approval }),
    });
    const name = `self-assessment-${year.slug}${loaded.shown === undefined ? '' : `-draft-${loaded.shown.draft}`}`;
    return format === 'pdf'
      ? pdfResponse(document, name, caller.now)
      : printView(caller, document, `${BASE}/${slug}`);
  }
  const done =
    query.done !== undefined && Object.hasOwn(DONE, query.done)
      ? DONE[query.done]
      : undefined;
  return show(
    deps,
    caller,
    loaded,
    sa,
    done === undefined ? {} : { notice: done },
  );
}

/**
 * Runs `make`; when a year's figures cannot be made because no homes
 * count covers it, the page that says so instead.
 */
export async function figuresOr<T>(
  caller: Caller,
  year: YearPeriod,
  make: () => Promise<T>,
): Promise<
  | { ok: true; value: T }
  | { ok: false; response: APIGatewayProxyStructuredResultV2 }
> {
  try {
    return { ok: true, value: await make() };
  } catch (error) {
    if (!(error instanceof InvalidInputError) || error.field !== 'stock') {
      throw error;
    }
    return {
      ok: false,
      response: page(caller.kit, 409, 'console/error.njk', {
        title: `The figures for ${year.period.label} cannot be made`,
        message: `There is no count of homes owned for the reporting year ${year.period.label}, so the Tenant Satisfaction Measures cannot be worked out. Ask whoever runs Hearth to add it to the housing stock setting.`,
        next: { href: BASE, text: 'Back to the self-assessments' },
        width: 'two-thirds',
      }),
    };
  }
}

/** A document's print view: no navigation, nothing to press but a link back. */
export function printView(
  caller: Caller,
  document: PrintableDocument,
  back: string,
): APIGatewayProxyStructuredResultV2 {
  return page(caller.kit, 200, 'console/document-print.njk', {
    title: document.title,
    document,
    back,
  });
}

export async function pdfResponse(
  document: PrintableDocument,
  name: string,
  now: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  const bytes = await renderPdf(document, new Date(now));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name}.pdf"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    isBase64Encoded: true,
    body: Buffer.from(bytes).toString('base64'),
  };
}

/** The evidence a manager's form sent, by clause, with any too long. */
function evidenceOf(
  form: Typed,
  sa: SelfAssessment,
): { evidence: Record<string, string>; problems: Map<string, string> } {
  const evidence: Record<string, string> = {};
  const problems = new Map<string, string>();
  for (const row of sa.rows) {
    const text = form.get(evidenceField(row.clause))?.trim();
    if (text === undefined || text === '') continue;
    if (text.length > EVIDENCE_MAX) {
      problems.set(
        row.clause,
        `Evidence for clause ${row.clause} must be ${EVIDENCE_MAX.toLocaleString('en-GB')} characters or fewer`,
      );
    }
    evidence[row.clause] = text;
  }
  return { evidence, problems };
}

const conflictMessage = (what: string) =>
  `Someone else changed this self-assessment while you were working on it, so ${what} was not saved. The page now shows it as it is, with what you typed: check it, then try again.`;

/** The form's draft and revision, or a conflict when the year has moved on. */
function readAt(form: Typed, latest: StoredSelfAssessment | undefined) {
  const draft = Number(form.get('draft') ?? 'x');
  const revision = Number(form.get('revision') ?? 'x');
  const current =
    Number.isInteger(draft) &&
    Number.isInteger(revision) &&
    draft === (latest?.draft ?? 0) &&
    revision === (latest?.revision ?? 0);
  return { current, revision };
}

async function refusedAfterRace(
  deps: AssessmentDeps,
  caller: Caller,
  year: YearPeriod,
  form: Typed,
  what: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  const fresh = await load(deps, caller, year);
  const generate = generator(deps, caller, year);
  const open = fresh.latest === undefined || fresh.latest.status === 'draft';
  const typed = isManager(caller.staff) ? form : undefined;
  // Still a draft: its answers as the typed evidence would make them.
  const sa =
    open && typed !== undefined
      ? await generate(evidenceOf(typed, await generate({})).evidence)
      : await assessmentOf(fresh, generate);
  return show(deps, caller, fresh, sa, {
    status: 409,
    ...(typed === undefined ? {} : { typed }),
    formError: conflictMessage(what),
  });
}

/** POST the year: a manager saves the evidence typed. */
export async function saveAssessment(
  deps: AssessmentDeps,
  caller: Caller,
  slug: string,
  form: Typed,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!isManager(caller.staff)) {
    throw new ForbiddenError('Only managers write the self-assessment');
  }
  const year = yearFromSlug(slug, caller);
  const loaded = await load(deps, caller, year);
  const { latest } = loaded;
  const at = readAt(form, latest);
  if (!at.current || (latest !== undefined && latest.status !== 'draft')) {
    return refusedAfterRace(deps, caller, year, form, 'your evidence');
  }
  const generate = generator(deps, caller, year);
  const { evidence, problems } = evidenceOf(form, await generate({}));
  if (problems.size > 0) {
    const sa = await generate(evidence);
    return show(deps, caller, loaded, sa, {
      status: 400,
      typed: form,
      problems,
    });
  }
  try {
    await deps.assessments.save(
      {
        organisationId: caller.staff.organisationId,
        year: year.year,
        draft: latest?.draft ?? 1,
        status: 'draft',
        policy: latest?.policy ?? policyOf(deps.config.policy),
        evidence,
        updatedBy: caller.staff.username,
        updatedAt: caller.now,
      },
      at.revision,
    );
  } catch (error) {
    if (!(error instanceof SelfAssessmentConflictError)) throw error;
    return refusedAfterRace(deps, caller, year, form, 'your evidence');
  }
  return redirect(`${BASE}/${slug}?done=saved`);
}

const policyOf = (policy: Policy) => ({
  id: policy.id,
  version: policy.version,
});

/**
 * POST …/approve: approval for the governing body, by a manager (with the
 * evidence on the form) or the MRC (the evidence saved). Refused, naming
 * each row, while a row needs evidence or a departure has no explanation.
 */
export async function approveAssessment(
  deps: AssessmentDeps,
  caller: Caller,
  slug: string,
  form: Typed,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { staff } = caller;
  if (!canSeeReports(staff)) {
    throw new ForbiddenError('Managers and the MRC approve');
  }
  const year = yearFromSlug(slug, caller);
  const loaded = await load(deps, caller, year);
  const { latest } = loaded;
  const at = readAt(form, latest);
  if (!at.current || (latest !== undefined && latest.status !== 'draft')) {
    return refusedAfterRace(deps, caller, year, form, 'your approval');
  }
  const typed = isManager(staff) ? form : undefined;
  const generate = generator(deps, caller, year);
  const { evidence, problems } =
    typed === undefined
      ? {
          evidence: latest?.evidence ?? {},
          problems: new Map<string, string>(),
        }
      : evidenceOf(typed, await generate({}));
  const sa = await generate(evidence);
  const refuse = (shown: Omit<Shown, 'typed' | 'status'>) =>
    show(deps, caller, loaded, sa, {
      status: 400,
      ...(typed === undefined ? {} : { typed }),
      ...shown,
    });
  if (problems.size > 0) return refuse({ problems });
  if (latest !== undefined && !samePolicy(latest, deps.config.policy)) {
    return refuse({
      formError:
        'This draft was started under an earlier policy. Start a new draft to assess the policy in force, then approve that (Code 8.3).',
    });
  }
  const role = approverRole(staff);
  const approval: Approval = {
    by: staff.username,
    role: ROLE_TEXT[role],
    on: caller.today,
  };
  const result = approve(sa, approval);
  if (!result.ok) {
    // Each row's problem is listed on its own; otherwise the one reason.
    return refuse(
      result.problems.length === 0
        ? { formError: result.rejection.message }
        : {
            problems: new Map(
              result.problems.map((p) => [p.clause, p.message]),
            ),
          },
    );
  }
  try {
    await deps.assessments.save(
      {
        organisationId: staff.organisationId,
        year: year.year,
        draft: latest?.draft ?? 1,
        status: 'approved',
        policy: latest?.policy ?? policyOf(deps.config.policy),
        evidence,
        updatedBy: staff.username,
        updatedAt: caller.now,
        approval: { by: staff.username, role, at: caller.now },
        snapshot: result.assessment,
      },
      at.revision,
    );
  } catch (error) {
    if (!(error instanceof SelfAssessmentConflictError)) throw error;
    return refusedAfterRace(deps, caller, year, form, 'your approval');
  }
  return redirect(`${BASE}/${slug}?done=approved`);
}

/**
 * POST …/new-draft: after an approval, or when the policy has changed
 * (Code 8.3), the next draft, with the latest's evidence to start from.
 */
export async function newDraft(
  deps: AssessmentDeps,
  caller: Caller,
  slug: string,
  form: Typed,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!isManager(caller.staff)) {
    throw new ForbiddenError('Only managers start a draft');
  }
  const year = yearFromSlug(slug, caller);
  const { latest } = await load(deps, caller, year);
  if (latest === undefined) return redirect(`${BASE}/${slug}`);
  const raced = async () => {
    const fresh = await load(deps, caller, year);
    const sa = await assessmentOf(fresh, generator(deps, caller, year));
    return show(deps, caller, fresh, sa, {
      status: 409,
      formError:
        'Someone else changed this self-assessment while you were looking at it, so no new draft was started. The page now shows it as it is.',
    });
  };
  if (!readAt(form, latest).current) return raced();
  if (latest.status === 'draft' && samePolicy(latest, deps.config.policy)) {
    // Nothing to start: the draft in progress is the one to edit.
    return redirect(`${BASE}/${slug}`);
  }
  try {
    await deps.assessments.startDraft(latest, {
      organisationId: caller.staff.organisationId,
      year: year.year,
      policy: policyOf(deps.config.policy),
      evidence: latest.evidence,
      updatedBy: caller.staff.username,
      updatedAt: caller.now,
    });
  } catch (error) {
    if (!(error instanceof SelfAssessmentConflictError)) throw error;
    return raced();
  }
  return redirect(`${BASE}/${slug}?done=new-draft`);
}
