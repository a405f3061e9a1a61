/**
 * Organisation isolation (DESIGN §3): two landlords in one deployment each
 * have a complaint with the same reference. Neither's officers or managers
 * ever see or change the other's: not by reading it, not by a command, not
 * in the work queue, the print queue, a letter's PDF or a Board report.
 * And every key in the table, indexes included, starts with its
 * organisation: read from the raw items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/start.js';
import {
  idToken,
  rawRequest,
  scanTable,
  sessionCookie,
  stackTable,
} from './support/hostile.js';
import { startTestStack } from './support/stack.js';

const A = 'org-a';
const B = 'org-b';
let stack: LocalStack;
let site: string;
const tokens: Record<string, string> = {};
/** The one reference both organisations' first complaints have. */
let reference: string;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  stack = await startTestStack({ organisationId: 'stack-org' });
  site = String(stack.urls.site);
  for (const org of [A, B]) {
    tokens[`${org} officer`] = await idToken(stack, {
      username: `${org}-ana`,
      groups: ['officer'],
      organisationId: org,
    });
    tokens[`${org} manager`] = await idToken(stack, {
      username: `${org}-meg`,
      groups: ['manager'],
      organisationId: org,
    });
  }
  // A's resident is emailed; B's prefers post, so B's letters are printed.
  const a = await staff(`${A} officer`, 'POST', '/staff/complaints', {
    channel: 'phone',
    receivedAt: new Date().toISOString(),
    summary: 'Organisation A: the lift has been out for three weeks.',
    resident: {
      name: 'Alex A',
      email: 'alex.a@example.org',
      preferredContact: 'email',
    },
  });
  const b = await staff(`${B} officer`, 'POST', '/staff/complaints', {
    channel: 'letter',
    receivedAt: new Date().toISOString(),
    summary: 'Organisation B: the boiler has failed again.',
    resident: {
      name: 'Bo B',
      address: ['2 B Street', 'Beeton'],
      preferredContact: 'post',
    },
  });
  expect(a.body.reference).toBe(b.body.reference);
  reference = a.body.reference;
  // B's second complaint, so the two organisations' reports differ.
  await staff(`${B} officer`, 'POST', '/staff/complaints', {
    channel: 'letter',
    receivedAt: new Date().toISOString(),
    summary: 'Organisation B: the gutters overflow.',
    resident: {
      name: 'Cy B',
      address: ['3 B Street'],
      preferredContact: 'post',
    },
  });
  for (const org of [A, B]) {
    const acked = await staff(
      `${org} officer`,
      'POST',
      `/staff/complaints/${reference}/acknowledgment`,
      {
        type: 'acknowledge',
        stage: 1,
        definition: {
          issues: [{ id: 'i1', summary: `${org} issue`, inScope: true }],
          outcomesSought: ['Put right'],
        },
      },
    );
    expect(acked.status).toBe(200);
  }
  await stack.drain();
  await stack.drain();
}, 60_000);
afterAll(() => stack?.stop());

async function staff(
  who: string,
  method: string,
  target: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await rawRequest(site, {
    method,
    path: target,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      'content-type': 'application/json',
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    etag: response.headers.etag,
    body: response.text === '' ? undefined : JSON.parse(response.text),
  };
}

function consolePage(
  who: string,
  method: string,
  target: string,
  form?: Record<string, string>,
) {
  return rawRequest(site, {
    method,
    path: target,
    headers: {
      cookie: sessionCookie(tokens[who] ?? ''),
      origin: new URL(site).origin,
      'content-type': 'application/x-www-form-urlencoded',
    },
    ...(form === undefined
      ? {}
      : { body: new URLSearchParams(form).toString() }),
  });
}

describe('the same reference in two organisations', () => {
  it('reads as each organisation’s own case, never the other’s', async () => {
    const ours = await staff(
      `${A} officer`,
      'GET',
      `/staff/complaints/${reference}`,
    );
    const theirs = await staff(
      `${B} officer`,
      'GET',
      `/staff/complaints/${reference}`,
    );
    const page = await consolePage(
      `${A} officer`,
      'GET',
      `/console/complaints/${reference}`,
    );

    expect(ours.body.complaint.summary).toMatch(/^Organisation A/);
    expect(theirs.body.complaint.summary).toMatch(/^Organisation B/);
    expect(JSON.stringify(ours.body)).not.toMatch(/Organisation B|Bo B|org-b/);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Alex A');
    expect(page.text).not.toMatch(/Organisation B|Bo B/);
  });

  it('a command from one organisation changes only its own case', async () => {
    const before = await staff(
      `${A} officer`,
      'GET',
      `/staff/complaints/${reference}`,
    );

    const assigned = await staff(
      `${B} officer`,
      'POST',
      `/staff/complaints/${reference}/acknowledgment`,
      {
        type: 'assign',
        stage: 1,
        handler: 'b-only',
      },
    );
    const console = await consolePage(
      `${B} officer`,
      'POST',
      `/console/complaints/${reference}/actions/assign`,
      {
        version: String(assigned.body.version),
        handler: 'b-console',
      },
    );
    const after = await staff(
      `${A} officer`,
      'GET',
      `/staff/complaints/${reference}`,
    );

    expect(assigned.status).toBe(200);
    expect(console.status).toBe(303);
    expect(after.body.complaint.version).toBe(before.body.complaint.version);
    expect(JSON.stringify(after.body)).not.toMatch(/b-only|b-console/);
  });

  it('a reference only the other organisation has is not found (404), by the API and the console', async () => {
    // B has HTH-…-000002; A has no second complaint.
    const second = reference.replace(/\d{6}$/, '000002');

    const read = await staff(
      `${A} manager`,
      'GET',
      `/staff/complaints/${second}`,
    );
    const act = await staff(
      `${A} manager`,
      'POST',
      `/staff/complaints/${second}/closure`,
      {
        type: 'withdraw',
        reason: 'Not ours to withdraw',
      },
    );
    const page = await consolePage(
      `${A} manager`,
      'GET',
      `/console/complaints/${second}`,
    );
    const post = await consolePage(
      `${A} manager`,
      'POST',
      `/console/complaints/${second}/actions/withdraw`,
      {
        version: '1',
        reason: 'Not ours',
      },
    );
    const b = await staff(`${B} officer`, 'GET', `/staff/complaints/${second}`);

    expect(read.status).toBe(404);
    expect(act.status).toBe(404);
    expect(page.status).toBe(404);
    expect(post.status).toBe(404);
    expect(b.body.complaint.status).not.toBe('withdrawn');
  });

  it('each work queue lists only its own organisation’s cases', async () => {
    const a = await staff(`${A} officer`, 'GET', '/staff/queue');
    const b = await staff(`${B} officer`, 'GET', '/staff/queue');
    const aPage = await consolePage(`${A} officer`, 'GET', '/console');

    expect(a.body.items.map((i: { channel: string }) => i.channel)).toEqual([
      'phone',
    ]);
    expect(
      b.body.items.map((i: { channel: string }) => i.channel).sort(),
    ).toEqual(['letter', 'letter']);
    expect(aPage.text).not.toMatch(/Bo B|Cy B|000002/);
  });

  it('the print queue and a letter’s PDF are the organisation’s own', async () => {
    const pdf = `/console/letters/${reference}/stage1-acknowledgement/2.pdf`;

    const bQueue = await consolePage(`${B} officer`, 'GET', '/console/print');
    const aQueue = await consolePage(`${A} officer`, 'GET', '/console/print');
    const bPdf = await consolePage(`${B} officer`, 'GET', pdf);
    const aPdf = await consolePage(`${A} officer`, 'GET', pdf);
    const aPosted = await consolePage(
      `${A} officer`,
      'POST',
      `/console/letters/${reference}/stage1-acknowledgement/2/posted`,
      {},
    );

    expect(bQueue.text).toContain(`href="${pdf}"`);
    expect(aQueue.status).toBe(200);
    expect(aQueue.text).not.toContain(reference);
    expect(bPdf.status).toBe(200);
    expect(bPdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(aPdf.status).toBe(404);
    // A's own letter of that id was emailed, not printed: refused on A's case.
    expect([404, 409]).toContain(aPosted.status);
    const bAfter = await consolePage(`${B} officer`, 'GET', '/console/print');
    expect(bAfter.text).toContain(`href="${pdf}"`);
  });

  it('a Board report counts and serves only its own organisation’s complaints', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const [y = '', m = '', d = ''] = today.split('-');
    const form = {
      'from.day': '1',
      'from.month': String(Number(m)),
      'from.year': y,
      'to.day': String(Number(d)),
      'to.month': String(Number(m)),
      'to.year': y,
    };

    const made = await consolePage(
      `${B} manager`,
      'POST',
      '/console/reports/new',
      form,
    );
    const location = String(made.headers.location);
    const json = location.replace(/\.html$/, '.json');
    const theirs = await consolePage(`${A} manager`, 'GET', location);
    const list = await consolePage(`${A} manager`, 'GET', '/console/reports');
    const bFigures = JSON.parse(
      (await consolePage(`${B} manager`, 'GET', json)).text,
    );
    const ownMade = await consolePage(
      `${A} manager`,
      'POST',
      '/console/reports/new',
      form,
    );
    const aFigures = JSON.parse(
      (await consolePage(`${A} manager`, 'GET', json)).text,
    );

    expect(made.status).toBe(303);
    expect(theirs.status).toBe(404);
    expect(list.text).not.toContain(location);
    expect(ownMade.status).toBe(303);
    expect(JSON.stringify(bFigures.volumes)).not.toEqual(
      JSON.stringify(aFigures.volumes),
    );
    expect(JSON.stringify(aFigures)).not.toMatch(/Organisation B|Bo B|Cy B/);
  });
});

describe('the keys in the table', () => {
  it('every key, and every index key, starts with its item’s organisation', async () => {
    const items = await scanTable(stackTable(stack));
    const indexKeys = ['queuePk', 'printPk', 'monthPk'] as const;
    const orgs = new Set<string>();

    for (const item of items) {
      const org = /^ORG#([a-z0-9][a-z0-9-]{0,39})#/.exec(item.pk)?.[1];
      expect(org, item.pk).toBeDefined();
      orgs.add(org ?? '');
      for (const name of indexKeys) {
        const value = item[name];
        if (value !== undefined) {
          expect(
            String(value).startsWith(`ORG#${org}#`),
            `${item.pk} ${name}`,
          ).toBe(true);
        }
      }
      if (item.organisationId !== undefined) {
        expect(item.organisationId, item.pk).toBe(org);
      }
    }
    expect([...orgs]).toEqual(expect.arrayContaining([A, B]));
    expect(
      items.filter(
        (i) => i.kind === 'complaint' && i.complaintId === reference,
      ),
    ).toHaveLength(2);
  });
});
