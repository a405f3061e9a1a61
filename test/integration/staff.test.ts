import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/start.js';
import { startTestStack } from './support/stack.js';

let stack: LocalStack;
let api: string;

beforeAll(async () => {
  stack = await startTestStack({ organisationId: 'staff-org' });
  api = String(stack.urls.api);
}, 60_000);
afterAll(() => stack?.stop());

async function tokenFor(
  username: string,
  groups: string[],
  organisationId = 'staff-org',
) {
  const response = await fetch(String(stack.urls['staff sign-in (POST)']), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups, organisationId }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
}

async function call(
  token: string | undefined,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    type: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : undefined,
  };
}

const phoneCall = {
  channel: 'phone',
  receivedAt: '2026-11-20T15:30:00Z',
  summary: 'Caller says the lift has been out of order for three weeks.',
  resident: {
    name: 'Lee Caller',
    phone: '01234 567890',
    preferredContact: 'phone',
  },
};

const definition = {
  issues: [
    { id: 'i1', summary: 'Lift out of order for three weeks', inScope: true },
  ],
  outcomesSought: ['Lift repaired'],
};

describe('the staff API (JWT-authorised routes)', () => {
  it('logs a phone complaint with its true received time, and timed from then', async () => {
    const officer = await tokenFor('ana', ['officer']);

    const logged = await call(officer, 'POST', '/staff/complaints', phoneCall);

    expect(logged.status).toBe(201);
    expect(logged.etag).toBe('"1"');
    // Received Fri 20 Nov 2026: 23, 24, 25, 26, 27 Nov (5).
    expect(logged.body.clocks).toEqual([
      expect.objectContaining({
        clock: 'stage1.acknowledge',
        dueOn: '2026-11-27',
      }),
    ]);
    expect(logged.body.trackingToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('acknowledges with If-Match, and answers a stale If-Match with 412 and writes nothing', async () => {
    const officer = await tokenFor('ana', ['officer']);
    const { body } = await call(
      officer,
      'POST',
      '/staff/complaints',
      phoneCall,
    );
    const route = `/staff/complaints/${body.reference}/acknowledgment`;

    const acked = await call(
      officer,
      'POST',
      route,
      { type: 'acknowledge', stage: 1, definition },
      { 'if-match': '"1"' },
    );
    const stale = await call(
      officer,
      'POST',
      route,
      { type: 'assign', stage: 1, handler: 'ana' },
      { 'if-match': '"1"' },
    );
    const read = await call(
      officer,
      'GET',
      `/staff/complaints/${body.reference}`,
    );

    expect(acked.status).toBe(200);
    expect(acked.etag).toBe('"2"');
    expect(stale.status).toBe(412);
    expect(stale.type).toBe('application/problem+json');
    // The letters consumer may already have recorded the acknowledgment
    // letter (a later version); the stale assignment must be nowhere.
    const types: string[] = read.body.timeline.map(
      (e: { type: string }) => e.type,
    );
    expect(types.filter((type) => type !== 'letter-recorded')).toEqual([
      'complaint-received',
      'acknowledged',
    ]);
  });

  it('takes a command made on a version the letters job has since moved on (bookkeeping is no conflict)', async () => {
    const officer = await tokenFor('ana', ['officer']);
    const { body } = await call(
      officer,
      'POST',
      '/staff/complaints',
      phoneCall,
    );
    const base = `/staff/complaints/${body.reference}`;
    const acked = await call(
      officer,
      'POST',
      `${base}/acknowledgment`,
      { type: 'acknowledge', stage: 1, definition },
      { 'if-match': '"1"' },
    );
    // The officer read version 2; the acknowledgment letter is recorded after.
    let read = await call(officer, 'GET', base);
    for (let i = 0; i < 100 && read.etag === acked.etag; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      read = await call(officer, 'GET', base);
    }

    const assigned = await call(
      officer,
      'POST',
      `${base}/acknowledgment`,
      { type: 'assign', stage: 1, handler: 'ana' },
      { 'if-match': acked.etag ?? '' },
    );

    expect(acked.etag).toBe('"2"');
    expect(read.body.timeline.map((e: { type: string }) => e.type)).toContain(
      'letter-recorded',
    );
    expect(assigned.status).toBe(200);
  });

  it('refuses a command sent to the wrong function, a domain refusal, and bad input, each naming the field', async () => {
    const officer = await tokenFor('ana', ['officer']);
    const { body } = await call(
      officer,
      'POST',
      '/staff/complaints',
      phoneCall,
    );
    const base = `/staff/complaints/${body.reference}`;

    const wrongRoute = await call(officer, 'POST', `${base}/escalation`, {
      type: 'close',
      reason: 'x',
    });
    const refused = await call(officer, 'POST', `${base}/closure`, {
      type: 'close',
      reason: 'Resolved',
    });
    const bad = await call(officer, 'POST', `${base}/acknowledgment`, {
      type: 'extend',
      stage: 1,
      newDueOn: 'soon',
      reasons: 'x',
    });
    const unknown = await call(
      officer,
      'POST',
      '/staff/complaints/HTH-2026-999999/closure',
      { type: 'close', reason: 'x' },
    );

    const noTime = await call(officer, 'POST', '/staff/complaints', {
      ...phoneCall,
      receivedAt: undefined,
    });
    const negative = await call(officer, 'POST', `${base}/case-record`, {
      type: 'record-remedy',
      remedy: {
        kind: 'financial',
        description: 'Compensation',
        amountPence: -5,
      },
    });
    const stage = await call(officer, 'POST', `${base}/escalation`, {
      type: 'refuse-escalation',
      groundCode: '',
      reasons: 'x',
    });

    expect(noTime).toMatchObject({
      status: 400,
      type: 'application/problem+json',
      body: { errors: [{ field: 'receivedAt' }] },
    });
    expect(negative).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'remedy.amountPence' }] },
    });
    expect(stage).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'groundCode' }] },
    });
    expect(wrongRoute).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'type' }] },
    });
    expect(refused).toMatchObject({
      status: 409,
      body: { code: 'CLOSURE.NOT_CLOSABLE' },
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'newDueOn' }] },
    });
    expect(unknown.status).toBe(404);
  });

  it('lets the Member Responsible for Complaints read but not act, and nobody in without a token', async () => {
    const officer = await tokenFor('ana', ['officer']);
    const mrc = await tokenFor('mo', ['mrc']);
    const { body } = await call(
      officer,
      'POST',
      '/staff/complaints',
      phoneCall,
    );

    const read = await call(mrc, 'GET', `/staff/complaints/${body.reference}`);
    const act = await call(
      mrc,
      'POST',
      `/staff/complaints/${body.reference}/acknowledgment`,
      { type: 'acknowledge', stage: 1, definition },
    );
    const anonymous = await call(undefined, 'GET', '/staff/queue');
    const forged = await call('not.a.token', 'GET', '/staff/queue');

    expect(read.status).toBe(200);
    expect(act.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(forged.status).toBe(401);
  });

  it("never shows one landlord's cases to another's officers", async () => {
    const ours = await tokenFor('ana', ['officer']);
    const theirs = await tokenFor('zed', ['officer', 'manager'], 'other-org');
    const { body } = await call(ours, 'POST', '/staff/complaints', phoneCall);

    const read = await call(
      theirs,
      'GET',
      `/staff/complaints/${body.reference}`,
    );
    const act = await call(
      theirs,
      'POST',
      `/staff/complaints/${body.reference}/closure`,
      { type: 'withdraw', reason: 'x' },
    );
    const queue = await call(theirs, 'GET', '/staff/queue');

    expect(read.status).toBe(404);
    expect(act.status).toBe(404);
    expect(queue.body.items).toEqual([]);
  });

  it('opens a linked complaint, under its own reference, for an issue raised after the response (Code 6.8)', async () => {
    const officer = await tokenFor('ana', ['officer']);
    const { body } = await call(
      officer,
      'POST',
      '/staff/complaints',
      phoneCall,
    );
    const base = `/staff/complaints/${body.reference}`;
    await call(officer, 'POST', `${base}/acknowledgment`, {
      type: 'acknowledge',
      stage: 1,
      definition,
    });
    await call(officer, 'POST', `${base}/closure`, {
      type: 'respond',
      stage: 1,
      decisions: [
        {
          issueId: 'i1',
          decision: 'upheld',
          reasons: 'The lift was out for three weeks.',
        },
      ],
      remedies: [{ kind: 'apology', description: 'We are sorry.' }],
      summary: 'We are sorry.',
    });

    const added = await call(officer, 'POST', `${base}/acknowledgment`, {
      type: 'add-issue',
      issue: {
        id: 'i2',
        summary: 'The stair lights are also out',
        inScope: true,
      },
    });
    await stack.drain();
    await stack.drain();

    const original = await call(officer, 'GET', base);
    const [linked] = original.body.complaint.linkedComplaintIds;
    const opened = await call(officer, 'GET', `/staff/complaints/${linked}`);
    expect(added.status).toBe(200);
    expect(linked).toMatch(/^HTH-\d{4}-\d{6}$/);
    expect(opened.status).toBe(200);
    expect(opened.body.complaint).toMatchObject({
      reference: linked,
      status: 'stage1-received',
      summary: 'The stair lights are also out',
      linkedFromComplaintId: body.reference,
      resident: { name: 'Lee Caller' },
    });
  });

  it('serves the work queue by next due date with each clock state, a page at a time', async () => {
    const officer = await tokenFor('ana', ['officer']);

    const first = await call(officer, 'GET', '/staff/queue?limit=2');
    const second = await call(
      officer,
      'GET',
      `/staff/queue?limit=2&after=${first.body.next}`,
    );

    const forged = await call(officer, 'GET', '/staff/queue?after=bm90LWpzb24');
    const badLimit = await call(officer, 'GET', '/staff/queue?limit=1000');

    expect(forged).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'after' }] },
    });
    expect(badLimit).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'limit' }] },
    });
    expect(first.body.items).toHaveLength(2);
    const all = [...first.body.items, ...second.body.items];
    const due = all.map((i: { nextDueOn: string }) => i.nextDueOn);
    expect(due).toEqual([...due].sort());
    expect(
      all.every((i: { clockState: string }) =>
        ['breached', 'due-today', 'due-soon', 'on-track'].includes(
          i.clockState,
        ),
      ),
    ).toBe(true);
  });
});
