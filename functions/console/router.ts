/**
 * The console's routes within /console: sign-in and sign-out first (no
 * session needed), then every other page behind a verified session, with
 * cross-site posts refused and the MRC's posts refused (but for approving
 * the self-assessment). Errors become HTML
 * pages; nothing internal is shown.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { InvalidInputError, londonDate } from '@hearth/domain';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import {
  ForbiddenError,
  NotFoundError,
} from '../shared/middleware/problem-json.js';
import {
  cookiesOf,
  FormError,
  formOf,
  newNonce,
  redirect,
} from '../shared/pages/http.js';
import {
  annualReportPage,
  annualReportRoute,
  saveAnnualReport,
} from './annual-report.js';
import { act, type Caller, doneNotice, showCase } from './case-routes.js';
import type { ConsoleConfig } from './config.js';
import {
  type GenerateDeps,
  generateReport,
  NEW_REPORT_PATH,
  newReportPage,
} from './generate-report.js';
import { FLASH_COOKIE, logComplaint, logPage } from './log.js';
import { longFormOf } from './long-form.js';
import {
  letterPdf,
  letterRoute,
  markPosted,
  type PrintDeps,
  printQueue,
} from './print.js';
import { queueContext, queueFilters, queueRequest } from './queue.js';
import {
  type ReportsDeps,
  reportFile,
  reportRoute,
  reportsPage,
} from './reports.js';
import {
  type AssessmentDeps,
  approveAssessment,
  assessmentPage,
  assessmentYears,
  isApprovalPath,
  newDraft,
  saveAssessment,
  selfAssessmentRoute,
} from './self-assessment.js';
import {
  beginSignIn,
  clearCookie,
  isSameOrigin,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  SignInError,
  type sessionVerifier,
  signOutLocation,
} from './session.js';
import {
  canAct,
  canSeeReports,
  errorPage,
  type PageKit,
  page,
} from './view.js';

export interface ConsoleDeps
  extends PrintDeps,
    ReportsDeps,
    AssessmentDeps,
    GenerateDeps {
  readonly repository: PrintDeps['repository'];
  readonly reports: ReportsDeps['reports'];
  readonly config: ConsoleConfig;
  readonly sessions: ReturnType<typeof sessionVerifier>;
  readonly logger: Logger;
}

const REFERENCE = 'HTH-\\d{4}-\\d{6,}';
const casePage = new RegExp(`^/console/complaints/(${REFERENCE})$`);
const caseAction = new RegExp(
  `^/console/complaints/(${REFERENCE})/actions/([a-z0-9-]+)(/preview)?$`,
);

function found(
  location: string,
  cookies?: readonly string[],
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 302,
    headers: { location, 'cache-control': 'no-store' },
    ...(cookies === undefined ? {} : { cookies: [...cookies] }),
  };
}

/** Handles one request to /console or below. */
export async function route(
  deps: ConsoleDeps,
  event: APIGatewayProxyEventV2,
  now = new Date(),
): Promise<APIGatewayProxyStructuredResultV2> {
  const { config } = deps;
  const kit: PageKit = {
    nonce: newNonce(),
    landlordName: config.landlord.name,
    authOrigin: new URL(config.authUrl).origin,
  };
  try {
    return await dispatch(deps, event, kit, now);
  } catch (error) {
    if (error instanceof NotFoundError) return errorPage(kit, 404);
    if (error instanceof ForbiddenError) return errorPage(kit, 403);
    if (error instanceof FormError) return errorPage(kit, 400, error.message);
    // A query the repository refuses (a page token that is not one).
    if (error instanceof InvalidInputError) {
      return errorPage(
        kit,
        400,
        'That link is not valid. Go back and try again.',
      );
    }
    if (error instanceof SignInError) {
      return errorPage(kit, 401, error.message);
    }
    deps.logger.error('Console page failed', error as Error);
    return errorPage(kit, 500);
  }
}

async function dispatch(
  deps: ConsoleDeps,
  event: APIGatewayProxyEventV2,
  bare: PageKit,
  now: Date,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { config } = deps;
  const method = event.requestContext.http.method.toUpperCase();
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  const query = event.queryStringParameters ?? {};
  const headers = event.headers ?? {};
  const jar = cookiesOf(event);

  if (method === 'POST' && !isSameOrigin(headers, config.siteUrl)) {
    deps.logger.warn('Cross-site post refused', { path });
    return errorPage(bare, 403);
  }
  if (method === 'GET' && path === '/console/sign-in') {
    const { location, cookie } = beginSignIn(config, query.next);
    return found(location, [cookie]);
  }
  if (method === 'GET' && path === '/console/callback') {
    const done = await deps.sessions.completeSignIn({
      query,
      signInCookie: jar.get(SIGN_IN_COOKIE),
      now,
    });
    deps.logger.info('Signed in', { roles: done.staff.roles });
    return redirect(done.next, done.cookies);
  }
  if (method === 'POST' && path === '/console/sign-out') {
    return redirect(signOutLocation(config), [
      clearCookie(config, SESSION_COOKIE),
    ]);
  }
  if (method === 'GET' && path === '/console/signed-out') {
    return page(bare, 200, 'console/signed-out.njk', {
      title: 'You have signed out',
      width: 'two-thirds',
    });
  }

  const token = jar.get(SESSION_COOKIE);
  const session =
    token === undefined ? undefined : await deps.sessions.verify(token, now);
  if (session === undefined) {
    if (method !== 'GET') return errorPage(bare, 401);
    const next = `${path}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
    return redirect(`/console/sign-in?next=${encodeURIComponent(next)}`);
  }
  const { staff } = session;
  if (staff.roles.length === 0) throw new ForbiddenError('No console role');
  // The MRC reads and does not act, but may approve the self-assessment
  // for the governing body, whose member they are.
  if (
    method === 'POST' &&
    !canAct(staff) &&
    !(canSeeReports(staff) && isApprovalPath(path))
  ) {
    throw new ForbiddenError('The MRC reads but does not act');
  }
  const kit: PageKit = { ...bare, staff };
  const nowIso = now.toISOString();
  const caller: Caller = {
    kit,
    staff,
    now: nowIso,
    today: londonDate(nowIso),
  };
  const secure = config.siteUrl.startsWith('https:');

  if (method === 'GET' && path === '/console') {
    const filters = queueFilters(query);
    const queue = await deps.repository.workQueue(
      staff.organisationId,
      queueRequest(filters),
    );
    return page(
      kit,
      200,
      'console/queue.njk',
      queueContext(queue, filters, caller.today, config.policy),
    );
  }
  const viewing = casePage.exec(path);
  if (method === 'GET' && viewing?.[1] !== undefined) {
    const reference = viewing[1];
    const flash = query.done === 'logged' ? jar.get(FLASH_COOKIE) : undefined;
    const notice =
      query.done === 'logged'
        ? {
            type: 'success' as const,
            title: 'Complaint logged',
            text:
              flash === undefined
                ? `The complaint is logged as ${reference}.`
                : `The complaint is logged as ${reference}. Give the resident their tracking code, ${flash}: it is shown only this once.`,
          }
        : doneNotice(query.done);
    return showCase(deps, caller, reference, {
      ...(notice === undefined ? {} : { notice }),
      ...(flash === undefined
        ? {}
        : {
            cookies: [
              `${FLASH_COOKIE}=; Path=${path}; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
            ],
          }),
    });
  }
  const acting = caseAction.exec(path);
  if (method === 'POST' && acting?.[1] !== undefined && acting[2]) {
    return act(
      deps,
      caller,
      acting[1],
      acting[2],
      formOf(event),
      acting[3] === undefined ? 'save' : 'preview',
    );
  }
  if (path === '/console/log') {
    if (!canAct(staff)) throw new ForbiddenError('The MRC does not log');
    if (method === 'GET')
      return logPage(kit, 200, { classification: 'complaint' });
    if (method === 'POST') {
      return logComplaint(deps, caller, formOf(event), secure);
    }
  }
  if (method === 'GET' && path === '/console/print') {
    return printQueue(deps, caller, query);
  }
  const letter = letterRoute(path);
  if (letter?.what === 'pdf' && method === 'GET') {
    return letterPdf(deps, caller, letter.reference, letter.rest);
  }
  if (letter?.what === 'posted' && method === 'POST') {
    return markPosted(deps, caller, letter.reference, letter.rest);
  }
  if (path === NEW_REPORT_PATH) {
    if (method === 'GET') return newReportPage(caller);
    if (method === 'POST') return generateReport(deps, caller, formOf(event));
  }
  const assessment = selfAssessmentRoute(path);
  if (assessment !== undefined) {
    if (!canSeeReports(staff)) {
      throw new ForbiddenError(
        'The self-assessment is for managers and the MRC',
      );
    }
    const { slug, part } = assessment;
    if (slug === undefined) {
      if (method === 'GET') {
        return assessmentYears(deps, caller, 'self-assessment');
      }
    } else if (method === 'GET' && part !== 'approve' && part !== 'new-draft') {
      return assessmentPage(
        deps,
        caller,
        slug,
        query,
        part === 'pdf' ? 'pdf' : 'page',
      );
    } else if (method === 'POST' && part !== 'pdf') {
      const form = longFormOf(event);
      if (part === 'approve')
        return approveAssessment(deps, caller, slug, form);
      if (part === 'new-draft') return newDraft(deps, caller, slug, form);
      return saveAssessment(deps, caller, slug, form);
    }
  }
  const annual = annualReportRoute(path);
  if (annual !== undefined) {
    if (!canSeeReports(staff)) {
      throw new ForbiddenError('The annual report is for managers and the MRC');
    }
    const { slug, pdf } = annual;
    if (slug === undefined) {
      if (method === 'GET')
        return assessmentYears(deps, caller, 'annual-report');
    } else if (method === 'GET') {
      return annualReportPage(deps, caller, slug, query, pdf ? 'pdf' : 'page');
    } else if (method === 'POST' && pdf === undefined) {
      return saveAnnualReport(deps, caller, slug, longFormOf(event));
    }
  }
  if (method === 'GET' && path.startsWith('/console/reports')) {
    const report = reportRoute(path);
    if (path !== '/console/reports' && report === undefined) {
      throw new NotFoundError('No such report');
    }
    if (!canSeeReports(staff)) {
      throw new ForbiddenError('Board reports are for managers and the MRC');
    }
    return report === undefined
      ? reportsPage(deps, caller)
      : reportFile(deps, caller, report.label, report.format);
  }
  throw new NotFoundError('No such page');
}
