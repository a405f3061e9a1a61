/**
 * A Board report for any period, made on demand by a manager: the same
 * build as the monthly run (functions/shared/report/build.ts, through the
 * reporting index) and stored where the monthly run stores its reports,
 * `reports/<org>/<label>/board-report.{html,csv,json}`, then shown. The
 * Board is not mailed: that stays the monthly run's, once per period.
 */
import {
  addDays,
  addMonths,
  compareDates,
  InvalidInputError,
  isIsoDate,
  type ReportingPeriod,
} from '@hearth/domain';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ObjectStore } from '../shared/adapters/s3/object-store.js';
import { ForbiddenError } from '../shared/middleware/problem-json.js';
import { type FieldError, redirect } from '../shared/pages/http.js';
import { formatDate } from '../shared/pages/render.js';
import {
  reportFromStore,
  reportKey,
  reportPeriod,
} from '../shared/report/build.js';
import type { Caller } from './case-routes.js';
import { errorSummary, type Field, renderFields } from './fields.js';
import { dateOf } from './input.js';
import { isManager, page } from './view.js';
import type { FiguresDeps } from './year-figures.js';

export interface GenerateDeps extends FiguresDeps {
  readonly reports: Pick<ObjectStore, 'get' | 'list' | 'put'>;
}

export const NEW_REPORT_PATH = '/console/reports/new';
const FORM = 'report';

const fields: readonly Field[] = [
  {
    kind: 'date',
    name: 'from',
    label: 'From',
    hint: 'The first day the report covers. For example, 1 4 2026',
  },
  {
    kind: 'date',
    name: 'to',
    label: 'To',
    hint: 'The last day it covers: today at the latest, and at most a year after the first. For example, 30 6 2026',
  },
];

/**
 * The period the form asks for, or each problem on its field: both dates
 * real, `to` on or after `from`, neither after today, and at most a year.
 *
 * @example
 * reportRequest({ from: { day: '1', month: '4', year: '2026' }, to: { day: '30', month: '6', year: '2026' } }, '2026-11-25');
 * // { ok: true, period: { label: '2026-04-01_2026-06-30', from: '2026-04-01', to: '2026-06-30' } }
 */
export function reportRequest(
  form: Record<string, unknown>,
  today: string,
): { ok: true; period: ReportingPeriod } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const read = (name: 'from' | 'to', words: string) => {
    const value = dateOf(form[name]);
    if (value === undefined) {
      errors.push({
        field: name,
        message: `Enter the date the report ${words}`,
      });
      return undefined;
    }
    if (value === 'invalid' || !isIsoDate(value)) {
      errors.push({
        field: name,
        message: `The date the report ${words} must be a real date`,
      });
      return undefined;
    }
    if (compareDates(value, today) > 0) {
      errors.push({
        field: name,
        message: `The date the report ${words} must be today or in the past`,
      });
      return undefined;
    }
    return value;
  };
  const from = read('from', 'starts from');
  const to = read('to', 'runs to');
  if (from !== undefined && to !== undefined) {
    const last = addDays(addMonths(from, 12), -1);
    if (compareDates(to, from) < 0) {
      errors.push({
        field: 'to',
        message:
          'The date the report runs to must be the same as or after the date it starts from',
      });
    } else if (compareDates(to, last) > 0) {
      errors.push({
        field: 'to',
        message: `A report covers a year at most: the date it runs to must be ${formatDate(last)} or before`,
      });
    }
  }
  if (errors.length > 0 || from === undefined || to === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, period: reportPeriod(today, { from, to }) };
}

export function reportForm(
  caller: Caller,
  status: number,
  values: Record<string, unknown>,
  errors: readonly FieldError[] = [],
  formError?: string,
): APIGatewayProxyStructuredResultV2 {
  return page(caller.kit, status, 'console/report-new.njk', {
    title: 'Make a Board report',
    section: 'reports',
    width: 'two-thirds',
    action: NEW_REPORT_PATH,
    fields: renderFields(FORM, fields, values, errors),
    formError,
    errors: errorSummary(FORM, errors, formError),
  });
}

/** GET the form (managers only). */
export function newReportPage(
  caller: Caller,
): APIGatewayProxyStructuredResultV2 {
  if (!isManager(caller.staff)) {
    throw new ForbiddenError('Managers make Board reports');
  }
  return reportForm(caller, 200, {});
}

/** POST the form: the report made, stored and shown. */
export async function generateReport(
  deps: GenerateDeps,
  caller: Caller,
  form: Record<string, unknown>,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!isManager(caller.staff)) {
    throw new ForbiddenError('Managers make Board reports');
  }
  const request = reportRequest(form, caller.today);
  if (!request.ok) return reportForm(caller, 400, form, request.errors);
  const { period } = request;
  const organisationId = caller.staff.organisationId;
  let report: Awaited<ReturnType<typeof reportFromStore>>;
  try {
    report = await reportFromStore({
      store: deps.repository,
      organisationId,
      fallbackPolicy: deps.config.policy,
      stock: deps.config.stock,
      period,
      meta: { landlord: deps.config.landlord.name, generatedAt: caller.now },
    });
  } catch (error) {
    if (!(error instanceof InvalidInputError) || error.field !== 'stock') {
      throw error;
    }
    return reportForm(
      caller,
      400,
      form,
      [],
      `There is no count of homes owned for the reporting year ${period.from} falls in, so the report cannot be made. Ask whoever runs Hearth to add it to the housing stock setting.`,
    );
  }
  for (const doc of report.documents) {
    await deps.reports.put(
      reportKey(organisationId, period.label, doc.name),
      doc.body,
      doc.contentType,
      { period: period.label, made: 'console' },
    );
  }
  return redirect(`/console/reports/${period.label}/board-report.html`);
}
