/**
 * The print room: letters printed for post (or large print) and not yet
 * posted, oldest first, across the organisation's cases open or closed,
 * from the print-queue index; each PDF to download, and a button to mark
 * it posted (the `mark-letter-posted` command, dated the day it is run).
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ObjectStore } from '../shared/adapters/s3/object-store.js';
import { NotFoundError } from '../shared/middleware/problem-json.js';
import { redirect } from '../shared/pages/http.js';
import { formatDate } from '../shared/pages/render.js';
import { execute } from '../shared/service.js';
import { casePath, letterPath } from './case-page.js';
import type { Caller, CaseDeps } from './case-routes.js';
import { letterLabel } from './labels.js';
import { refusalOf } from './problems.js';
import { page } from './view.js';

const PAGE_SIZE = 100;

export interface PrintDeps extends CaseDeps {
  readonly letters: Pick<ObjectStore, 'get'>;
}

/** `/console/letters/<ref>/<kind>/<version>[.pdf|/posted]` → its parts. */
export function letterRoute(
  path: string,
): { reference: string; rest: string; what: 'pdf' | 'posted' } | undefined {
  const match =
    /^\/console\/letters\/(HTH-\d{4}-\d{6,})\/([a-z0-9-]+\/\d+)(\.pdf|\/posted)$/.exec(
      path,
    );
  if (match === null) return undefined;
  const [, reference = '', rest = '', end] = match;
  return { reference, rest, what: end === '.pdf' ? 'pdf' : 'posted' };
}

/** The print queue page. */
export async function printQueue(
  deps: PrintDeps,
  caller: Caller,
  query: Readonly<Record<string, string | undefined>>,
): Promise<APIGatewayProxyStructuredResultV2> {
  const after = /^[A-Za-z0-9_-]{1,2000}$/.test(query.after ?? '')
    ? query.after
    : undefined;
  const queue = await deps.repository.printQueue(caller.staff.organisationId, {
    limit: PAGE_SIZE,
    ...(after === undefined ? {} : { after }),
  });
  const letters = queue.items
    .flatMap((item) =>
      item.printLetters.map((l) => ({ ...l, reference: item.reference })),
    )
    .sort(
      (a, b) =>
        a.on.localeCompare(b.on) || a.reference.localeCompare(b.reference),
    )
    .map((l) => ({
      reference: l.reference,
      caseHref: casePath(l.reference),
      kind: letterLabel(l.kind),
      on: formatDate(l.on),
      pdf: `${letterPath(l.reference, l.id)}.pdf`,
      posted: `${letterPath(l.reference, l.id)}/posted`,
    }));
  const posted = query.posted;
  return page(caller.kit, 200, 'console/print.njk', {
    title: 'Print queue',
    section: 'print',
    letters,
    next:
      queue.next === undefined
        ? undefined
        : `/console/print?after=${queue.next}`,
    readOnly: !caller.kit.staff?.roles.some(
      (r) => r === 'officer' || r === 'manager',
    ),
    ...(posted !== undefined && /^HTH-\d{4}-\d{6,}$/.test(posted)
      ? {
          notice: {
            type: 'success',
            title: 'Done',
            text: `The letter for ${posted} is marked as posted on ${formatDate(caller.today)}.`,
          },
        }
      : {}),
  });
}

/** A letter's PDF, from the letters bucket, as a download. */
export async function letterPdf(
  deps: PrintDeps,
  caller: Caller,
  reference: string,
  rest: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  const state = await deps.repository.load(
    caller.staff.organisationId,
    reference,
  );
  const letter = state?.letters.find((l) => l.id === `${state.id}/${rest}`);
  if (letter?.pdfKey === undefined) throw new NotFoundError('No such letter');
  const object = await deps.letters.get(letter.pdfKey);
  if (object === undefined) throw new NotFoundError('No such letter');
  const filename = `${reference}-${rest.replace('/', '-')}.pdf`;
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    isBase64Encoded: true,
    body: object.body.toString('base64'),
  };
}

/** Marks a printed letter posted, then back to the print queue. */
export async function markPosted(
  deps: PrintDeps,
  caller: Caller,
  reference: string,
  rest: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  const state = await deps.repository.load(
    caller.staff.organisationId,
    reference,
  );
  if (state === undefined) throw new NotFoundError('No such complaint');
  try {
    // No version from the form: the command is decided on the case as it
    // is now, and a concurrent change is a conflict, never overwritten.
    await execute({
      repository: deps.repository,
      organisationId: caller.staff.organisationId,
      policy: deps.config.policy,
      actor: { kind: 'staff', id: caller.staff.username },
      now: caller.now,
      newId: deps.newId,
      complaintId: state.id,
      command: { type: 'mark-letter-posted', letterId: `${state.id}/${rest}` },
      expectedVersion: state.version,
    });
  } catch (error) {
    const refusal = refusalOf(error, []);
    if (refusal === undefined) throw error;
    return page(caller.kit, 409, 'console/error.njk', {
      title: 'That letter could not be marked as posted',
      message:
        refusal === 'conflict'
          ? 'The case changed at the same moment. Check the print queue and try again.'
          : (refusal.formError ?? 'It may already be marked as posted.'),
      next: { href: '/console/print', text: 'Back to the print queue' },
      width: 'two-thirds',
    });
  }
  return redirect(`/console/print?posted=${encodeURIComponent(reference)}`);
}
