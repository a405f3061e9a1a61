/**
 * The annual complaints performance and service improvement report (Code
 * 8.1–8.2; REGULATION item 58), one reporting year at a time: the year's
 * self-assessment (the approved draft once there is one), the TSMs,
 * volumes, outcomes, refusals by reason, timeliness, the Ombudsman's
 * requests and determinations, the learning recorded as complaints
 * closed (the Board figures' own), and the governing body's response. Managers add what the data
 * cannot hold (the response, determinations, wider learning); a save is
 * conditioned on the revision read, as the self-assessment's is.
 */
import {
  annualReport,
  type OmbudsmanDetermination,
  selfAssessment,
} from '@hearth/domain';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SelfAssessmentConflictError } from '../shared/adapters/dynamodb/self-assessment-repository.js';
import {
  EVIDENCE_MAX,
  type StoredAnnualReport,
} from '../shared/contracts/index.js';
import { ForbiddenError } from '../shared/middleware/problem-json.js';
import type { FieldError } from '../shared/pages/http.js';
import { redirect } from '../shared/pages/http.js';
import type { Caller } from './case-routes.js';
import { annualReportDocument } from './documents.js';
import type { YearPeriod } from './reporting-years.js';
import {
  type AssessmentDeps,
  approvalLineOf,
  figuresOr,
  pdfResponse,
  printView,
  yearFromSlug,
} from './self-assessment.js';
import { isManager, page } from './view.js';
import { periodFigures } from './year-figures.js';

const BASE = '/console/annual-report';

/** `/console/annual-report[/<2026-27>[/annual-report.pdf]]`. */
export function annualReportRoute(
  path: string,
): { slug?: string; pdf?: true } | undefined {
  if (path === BASE) return {};
  const match =
    /^\/console\/annual-report\/(\d{4}-\d{2})(\/annual-report\.pdf)?$/.exec(
      path,
    );
  if (match === null) return undefined;
  const [, slug = '', pdf] = match;
  return pdf === undefined ? { slug } : { slug, pdf: true };
}

/** What the form holds, as typed. */
export interface ReportInputs {
  readonly boardResponse?: string;
  readonly determinations?: string;
  readonly learning?: string;
}

const MAX_LINES = 200;
const RESPONSE_MAX = EVIDENCE_MAX * 5;

/**
 * The form's three fields read and checked, each problem naming its
 * field: a determination is `reference: finding`, one on each line;
 * learning is one improvement on each line.
 *
 * @example
 * readReportInputs({ determinations: '202401234: Maladministration' });
 * // { ok: true, value: { determinations: [{ reference: '202401234', finding: 'Maladministration' }], learning: [] } }
 */
export function readReportInputs(inputs: ReportInputs):
  | {
      ok: true;
      value: Pick<
        StoredAnnualReport,
        'boardResponse' | 'determinations' | 'learning'
      >;
    }
  | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const lines = (text: string | undefined) =>
    (text ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  const response = inputs.boardResponse?.trim();
  if (response !== undefined && response.length > RESPONSE_MAX) {
    errors.push({
      field: 'boardResponse',
      message: `The governing body’s response must be ${RESPONSE_MAX.toLocaleString('en-GB')} characters or fewer`,
    });
  }
  const determinations: OmbudsmanDetermination[] = [];
  const given = lines(inputs.determinations);
  given.forEach((line, i) => {
    const at = line.indexOf(':');
    const reference = line.slice(0, Math.max(at, 0)).trim();
    const finding = line.slice(at + 1).trim();
    if (at < 1 || reference === '' || finding === '') {
      errors.push({
        field: 'determinations',
        message: `Ombudsman determinations, line ${i + 1}: give the Ombudsman’s reference, a colon, then the finding`,
      });
    } else if (reference.length > 100 || finding.length > EVIDENCE_MAX) {
      errors.push({
        field: 'determinations',
        message: `Ombudsman determinations, line ${i + 1}: the reference must be 100 characters or fewer and the finding ${EVIDENCE_MAX.toLocaleString('en-GB')}`,
      });
    } else {
      determinations.push({ reference, finding });
    }
  });
  const learning = lines(inputs.learning);
  if (learning.some((l) => l.length > EVIDENCE_MAX)) {
    errors.push({
      field: 'learning',
      message: `Each line of wider learning must be ${EVIDENCE_MAX.toLocaleString('en-GB')} characters or fewer`,
    });
  }
  for (const [field, count, name] of [
    ['determinations', given.length, 'Ombudsman determinations'],
    ['learning', learning.length, 'Wider learning'],
  ] as const) {
    if (count > MAX_LINES) {
      errors.push({
        field,
        message: `${name} can have at most ${MAX_LINES} lines`,
      });
    }
  }
  if (errors.length > 0) {
    // One message per field: the first problem found on it.
    const first = errors.filter(
      (e, i) => errors.findIndex((o) => o.field === e.field) === i,
    );
    return { ok: false, errors: first };
  }
  return {
    ok: true,
    value: {
      ...(response === undefined || response === ''
        ? {}
        : { boardResponse: response }),
      determinations,
      learning,
    },
  };
}

/** The stored inputs as the form shows them. */
function typedOf(stored: StoredAnnualReport | undefined): ReportInputs {
  if (stored === undefined) return {};
  return {
    ...(stored.boardResponse === undefined
      ? {}
      : { boardResponse: stored.boardResponse }),
    determinations: stored.determinations
      .map((d) => `${d.reference}: ${d.finding}`)
      .join('\n'),
    learning: stored.learning.join('\n'),
  };
}

/** The year's report from its figures, its self-assessment and what staff added. */
async function build(deps: AssessmentDeps, caller: Caller, year: YearPeriod) {
  const org = caller.staff.organisationId;
  const [drafts, latest, stored, figures] = await Promise.all([
    deps.assessments.drafts(org, year.year),
    deps.assessments.latest(org, year.year),
    deps.assessments.annualReport(org, year.year),
    periodFigures(deps, org, year.period, caller.now),
  ]);
  // The approved draft is what the governing body signed off.
  const approved = drafts.find((d) => d.status === 'approved');
  const record =
    approved === undefined || approved.draft === latest?.draft
      ? latest
      : await deps.assessments.draft(org, year.year, approved.draft);
  const assessment =
    record?.snapshot ??
    selfAssessment({
      policy: deps.config.policy,
      figures,
      evidence: record?.evidence ?? {},
    });
  const report = annualReport({
    figures,
    assessment,
    learning: [
      // The learning recorded as complaints closed, as the Board saw it.
      ...figures.learning.byCategory.flatMap((c) =>
        c.notes.map((n) => ({ category: c.category, improvement: n.text })),
      ),
      ...(stored?.learning ?? []).map((improvement) => ({ improvement })),
    ],
    determinations: stored?.determinations ?? [],
    ...(stored?.boardResponse === undefined
      ? {}
      : { boardResponse: stored.boardResponse }),
  });
  const approval = approvalLineOf(record);
  const document = annualReportDocument(report, {
    landlord: deps.config.landlord.name,
    complete: year.complete,
    draft: record?.draft,
    ...(approval === undefined ? {} : { approval }),
  });
  return { document, stored, record, newerDraft: latest !== record };
}

async function show(
  deps: AssessmentDeps,
  caller: Caller,
  year: YearPeriod,
  options: {
    status?: number;
    typed?: ReportInputs;
    errors?: readonly FieldError[];
    formError?: string;
    saved?: boolean;
  } = {},
): Promise<APIGatewayProxyStructuredResultV2> {
  const made = await figuresOr(caller, year, () => build(deps, caller, year));
  if (!made.ok) return made.response;
  const { document, stored, record, newerDraft } = made.value;
  const path = `${BASE}/${year.slug}`;
  const typed = options.typed ?? typedOf(stored);
  const errorOf = (field: string) => {
    const found = options.errors?.find((e) => e.field === field);
    return found === undefined ? {} : { errorMessage: { text: found.message } };
  };
  const list = [
    ...(options.formError === undefined
      ? []
      : [{ text: options.formError, href: '#annual-report-form' }]),
    ...(options.errors ?? []).map((e) => ({
      text: e.message,
      href: `#${e.field}`,
    })),
  ];
  return page(caller.kit, options.status ?? 200, 'console/annual-report.njk', {
    title: `Annual report ${year.period.label}`,
    section: 'annual-report',
    width: 'full',
    document,
    assessment:
      record === undefined
        ? 'The self-assessment for this year has not been started: the report shows it as generated from the figures, with no evidence.'
        : record.status === 'approved'
          ? `The report carries draft ${record.draft} of the self-assessment, as approved.${newerDraft ? ' A newer draft is in progress.' : ''}`
          : `The report carries draft ${record.draft} of the self-assessment, which is not yet approved.`,
    links: {
      print: `${path}?format=print`,
      pdf: `${path}/annual-report.pdf`,
      selfAssessment: `/console/self-assessment/${year.slug}`,
    },
    editable: isManager(caller.staff),
    form: {
      action: path,
      revision: String(stored?.revision ?? 0),
      boardResponse: {
        id: 'boardResponse',
        name: 'boardResponse',
        label: {
          text: 'The governing body’s response',
          classes: 'govuk-label--s',
        },
        hint: {
          text: 'Published alongside the report (Code 8.1). Leave blank until the governing body has considered it.',
        },
        value: typed.boardResponse ?? '',
        rows: 5,
        ...errorOf('boardResponse'),
      },
      determinations: {
        id: 'determinations',
        name: 'determinations',
        label: {
          text: 'Ombudsman determinations and findings in the year',
          classes: 'govuk-label--s',
        },
        hint: {
          text: 'One on each line: the Ombudsman’s reference, a colon, then the finding. For example, 202412345: maladministration in complaint handling, orders complied with',
        },
        value: typed.determinations ?? '',
        rows: 4,
        spellcheck: false,
        ...errorOf('determinations'),
      },
      learning: {
        id: 'learning',
        name: 'learning',
        label: {
          text: 'Wider learning and improvements (optional)',
          classes: 'govuk-label--s',
        },
        hint: {
          text: 'One on each line. Learning recorded when complaints closed is included already.',
        },
        value: typed.learning ?? '',
        rows: 4,
        ...errorOf('learning'),
      },
    },
    errors: list.length === 0 ? undefined : { list },
    ...(options.saved === true
      ? {
          notice: {
            type: 'success',
            title: 'Saved',
            text: 'The annual report is saved.',
          },
        }
      : {}),
  });
}

/** GET the year's report, its print view or its PDF. */
export async function annualReportPage(
  deps: AssessmentDeps,
  caller: Caller,
  slug: string,
  query: Readonly<Record<string, string | undefined>>,
  format: 'page' | 'pdf',
): Promise<APIGatewayProxyStructuredResultV2> {
  const year = yearFromSlug(slug, caller);
  if (format === 'page' && query.format !== 'print') {
    return show(deps, caller, year, { saved: query.done === 'saved' });
  }
  const made = await figuresOr(caller, year, () => build(deps, caller, year));
  if (!made.ok) return made.response;
  const { document } = made.value;
  return format === 'pdf'
    ? pdfResponse(document, `annual-report-${year.slug}`, caller.now)
    : printView(caller, document, `${BASE}/${slug}`);
}

/** POST the year: a manager saves what the report adds to the figures. */
export async function saveAnnualReport(
  deps: AssessmentDeps,
  caller: Caller,
  slug: string,
  form: ReadonlyMap<string, string>,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!isManager(caller.staff)) {
    throw new ForbiddenError('Only managers write the annual report');
  }
  const year = yearFromSlug(slug, caller);
  const typed: ReportInputs = Object.fromEntries(
    (['boardResponse', 'determinations', 'learning'] as const).flatMap(
      (name) => {
        const value = form.get(name);
        return value === undefined ? [] : [[name, value]];
      },
    ),
  );
  const read = readReportInputs(typed);
  if (!read.ok) {
    return show(deps, caller, year, {
      status: 400,
      typed,
      errors: read.errors,
    });
  }
  const revision = Number(form.get('revision') ?? 'x');
  const race = () =>
    show(deps, caller, year, {
      status: 409,
      typed,
      formError:
        'Someone else changed this annual report while you were working on it, so your changes were not saved. The report now shows it as it is, with what you typed: check it, then save again.',
    });
  if (!Number.isInteger(revision) || revision < 0) return race();
  try {
    await deps.assessments.saveAnnualReport(
      {
        organisationId: caller.staff.organisationId,
        year: year.year,
        ...read.value,
        updatedBy: caller.staff.username,
        updatedAt: caller.now,
      },
      revision,
    );
  } catch (error) {
    if (!(error instanceof SelfAssessmentConflictError)) throw error;
    return race();
  }
  return redirect(`${BASE}/${slug}?done=saved`);
}
