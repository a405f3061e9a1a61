import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/start.js';
import { startTestStack } from './support/stack.js';

const ORG = 'console-org';
let stack: LocalStack;
let site: string;

beforeAll(async () => {
  stack = await startTestStack({ organisationId: ORG });
  site = String(stack.urls.site ?? stack.urls.api);
}, 60_000);
afterAll(() => stack?.stop());

/** A session cookie holding an ID token minted by the local user pool. */
async function session(
  username: string,
  groups: string[],
  organisationId = ORG,
): Promise<string> {
  const response = await fetch(String(stack.urls['staff sign-in (POST)']), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups, organisationId }),
  });
  const { idToken } = (await response.json()) as { idToken: string };
  return `hearth_console_session=${idToken}`;
}

interface Page {
  readonly status: number;
  readonly location: string | null;
  readonly cookies: string[];
  readonly html: string;
  /** The main content as text, tags dropped, entities read. */
  readonly text: string;
}

async function read(response: Response): Promise<Page> {
  const html = await response.text();
  return {
    status: response.status,
    location: response.headers.get('location'),
    cookies: response.headers.getSetCookie(),
    html,
    text: textOf(html),
  };
}

function textOf(html: string): string {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

const get = async (path: string, cookie?: string) =>
  read(
    await fetch(`${site}${path}`, {
      redirect: 'manual',
      ...(cookie === undefined ? {} : { headers: { cookie } }),
    }),
  );

async function post(
  path: string,
  cookie: string | undefined,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: site },
) {
  return read(
    await fetch(`${site}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...(cookie === undefined ? {} : { cookie }), ...headers },
      body: new URLSearchParams(fields),
    }),
  );
}

const versionOf = (page: Page) =>
  /name="version" value="(\d+)"/.exec(page.html)?.[1] ?? 'none';

const errorSummaryOf = (page: Page) =>
  textOf(
    /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(page.html)?.[0] ?? '',
  ).trim();

const date = (prefix: string, day: string, month: string, year: string) => ({
  [`${prefix}.day`]: day,
  [`${prefix}.month`]: month,
  [`${prefix}.year`]: year,
});

/** Logs a complaint through the console's form; its case page path. */
async function logged(
  cookie: string,
  fields: Record<string, string> = {},
): Promise<{ reference: string; path: string; page: Page }> {
  const page = await post('/console/log', cookie, {
    channel: 'phone',
    ...date('receivedAt', '20', '11', '2026'),
    'receivedAt.time': '15:30',
    summary: 'The lift has been out of order for three weeks.',
    'resident.name': 'Lee Caller',
    'resident.phone': '01234 567890',
    'resident.preferredContact': 'phone',
    ...fields,
  });
  expect(page.status).toBe(303);
  const path = (page.location ?? '').replace(/\?.*$/, '');
  const reference = /HTH-\d{4}-\d{6}/.exec(path)?.[0] ?? 'none';
  return { reference, path, page };
}

/**
 * Acknowledges through the form, then lets the letters job record the
 * letter (a later version), so the next page read is the settled case.
 */
async function acknowledge(cookie: string, path: string, version: string) {
  const page = await post(`${path}/actions/acknowledge`, cookie, {
    version,
    'definition.issues.0.summary': 'Lift out of order for three weeks',
    'definition.outcomesSought': 'Lift repaired\nAn apology',
  });
  await stack.drain();
  return page;
}

describe('signing in to the console', () => {
  it('sends a browser to the hosted UI with state, an S256 challenge and our callback', async () => {
    const page = await get('/console/sign-in?next=%2Fconsole%2Fprint');

    expect(page.status).toBe(302);
    const location = new URL(page.location ?? '');
    const [cookie] = page.cookies;
    const [state, verifier, next] = (
      /^hearth_console_sign_in=([^;]*)/.exec(cookie ?? '')?.[1] ?? ''
    ).split('.');
    expect(`${location.origin}${location.pathname}`).toBe(
      `${stack.urls.auth}/oauth2/authorize`,
    );
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'hearth-local-console',
      redirect_uri: `${site}/console/callback`,
      scope: 'openid email profile',
      state,
      code_challenge: createHash('sha256')
        .update(verifier ?? '')
        .digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(next ?? '', 'base64url').toString()).toBe(
      '/console/print',
    );
    expect(cookie).toMatch(
      /; Path=\/console; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );
  });

  it('refuses a callback whose state is not the one this browser was given', async () => {
    const started = await get('/console/sign-in');
    const cookie = (started.cookies[0] ?? '').split(';')[0] ?? '';

    const forged = await get(
      '/console/callback?code=stolen&state=not-the-state',
      cookie,
    );
    const noCookie = await get(
      `/console/callback?code=stolen&state=${new URL(started.location ?? '').searchParams.get('state')}`,
    );

    for (const page of [forged, noCookie]) {
      expect(page.status).toBe(401);
      expect(page.text).toContain('This sign-in link has expired');
      expect(page.cookies).toEqual([]);
    }
  });

  it('signs in through the local hosted UI and lands on the page asked for', async () => {
    const started = await get('/console/sign-in?next=%2Fconsole%2Fprint');
    const signInCookie = (started.cookies[0] ?? '').split(';')[0] ?? '';
    const signedIn = await fetch(started.location ?? '', {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ username: 'ana', groups: 'officer' }),
    });
    const callback = new URL(signedIn.headers.get('location') ?? '');

    const landed = await get(
      `${callback.pathname}${callback.search}`,
      signInCookie,
    );
    const sessionCookie = landed.cookies.find((c) =>
      c.startsWith('hearth_console_session='),
    );
    const print = await get('/console/print', sessionCookie?.split(';')[0]);

    expect(`${callback.origin}${callback.pathname}`).toBe(
      `${site}/console/callback`,
    );
    expect(landed.status).toBe(303);
    expect(landed.location).toBe('/console/print');
    expect(sessionCookie).toMatch(
      /^hearth_console_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/console; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
    expect(landed.cookies).toContainEqual(
      expect.stringMatching(
        /^hearth_console_sign_in=; Path=\/console; Max-Age=0/,
      ),
    );
    expect(print.status).toBe(200);
    expect(print.html).toContain('ana (officer)');
  });

  it('sends a page request without a session to sign in, and refuses a post with 401', async () => {
    const page = await get('/console/complaints/HTH-2026-000001');
    const forged = await get('/console', 'hearth_console_session=not.a.token');
    const posted = await post('/console/log', undefined, { channel: 'phone' });

    expect(page.status).toBe(303);
    expect(page.location).toBe(
      '/console/sign-in?next=%2Fconsole%2Fcomplaints%2FHTH-2026-000001',
    );
    expect(forged.status).toBe(303);
    expect(posted.status).toBe(401);
    expect(posted.text).toContain('You need to sign in');
  });

  it('signs out: the cookie cleared, then the hosted UI’s logout, then back', async () => {
    const cookie = await session('ana', ['officer']);

    const out = await post('/console/sign-out', cookie, {});
    const back = await get('/console/signed-out');

    expect(out.status).toBe(303);
    expect(out.location).toBe(
      `${stack.urls.auth}/logout?client_id=hearth-local-console&logout_uri=${encodeURIComponent(`${site}/console/signed-out`)}`,
    );
    expect(out.cookies).toEqual([
      'hearth_console_session=; Path=/console; Max-Age=0; HttpOnly; SameSite=Lax',
    ]);
    expect(back.status).toBe(200);
    expect(back.text).toContain('You have signed out');
  });
});

describe('logging a phone complaint', () => {
  it('keeps the TRUE received time, times the clocks from it, and shows the tracking code once', async () => {
    const cookie = await session('ana', ['officer']);

    const { reference, path, page } = await logged(cookie, {
      'resident.email': 'lee@example.org',
      'resident.formats': 'large-print',
      'representative.name': 'Sam Helper',
      'representative.relationship': 'Support worker',
      adjustments: 'Call after 2pm',
      vulnerability: 'Uses a wheelchair; the lift is the only access',
    });
    const flash = page.cookies[0]?.split(';')[0] ?? '';
    const shown = await get(`${path}?done=logged`, `${cookie}; ${flash}`);
    const again = await get(path, cookie);

    expect(reference).toMatch(/^HTH-2026-\d{6}$/);
    expect(page.location).toBe(`${path}?done=logged`);
    expect(shown.status).toBe(200);
    expect(shown.text).toMatch(
      new RegExp(
        `logged as ${reference}\\. Give the resident their tracking code, [A-Za-z0-9_-]{22}:`,
      ),
    );
    expect(shown.cookies).toEqual([
      `hearth_console_flash=; Path=${path}; Max-Age=0; HttpOnly; SameSite=Lax`,
    ]);
    // Received Fri 20 Nov 2026 at 15:30: 23, 24, 25, 26, 27 Nov (5 working days).
    expect(again.text).toContain(
      'Stage 1: acknowledge and define Friday 27 November 2026',
    );
    expect(again.text).toContain('Received 20 November 2026 at 3:30 pm');
    for (const seen of [
      'Lee Caller',
      'lee@example.org',
      'large-print',
      'Sam Helper',
      'Support worker',
      'Not recorded: letters go to the resident only',
      'Call after 2pm',
      'Vulnerability flagged: Uses a wheelchair; the lift is the only access',
      'The lift has been out of order for three weeks.',
      'ana Received by phone (complaint)',
    ]) {
      expect(again.text).toContain(seen);
    }
    expect(again.text).not.toContain('tracking code');
    expect(again.html.match(/<h1/g)).toHaveLength(1);
  });

  it('refuses a complaint with no received time, or one in the future, naming the field', async () => {
    const cookie = await session('ana', ['officer']);

    const missing = await post('/console/log', cookie, {
      channel: 'letter',
      summary: 'Damp in the bedroom',
      'resident.name': 'Pat Post',
      'resident.preferredContact': 'post',
    });
    const future = await post('/console/log', cookie, {
      channel: 'letter',
      ...date('receivedAt', '1', '1', '2099'),
      'receivedAt.time': '09:00',
      summary: 'Damp in the bedroom',
      'resident.name': 'Pat Post',
      'resident.address': '1 Mill Lane\nAnytown\nAN1 1AA',
      'resident.preferredContact': 'post',
    });

    expect(missing.status).toBe(400);
    expect(errorSummaryOf(missing)).toContain(
      'Enter a real date and time for when it was received',
    );
    expect(missing.html).toContain('href="#log-receivedAt"');
    expect(missing.html).toContain('>Damp in the bedroom</textarea>');
    expect(future.status).toBe(400);
    expect(errorSummaryOf(future)).toContain('receivedAt is in the future');
  });
});

describe('the work queue', () => {
  it('lists open cases by next due date, with clock state, filtered by handler, channel and stage', async () => {
    const cookie = await session('ana', ['officer']);
    const made = [];
    // Received Mon 2, Tue 10 and Mon 16 Nov 2026: acknowledgements due
    // Mon 9, Tue 17 and Mon 23 Nov (5 working days each).
    for (const [day, channel] of [
      ['16', 'phone'],
      ['2', 'letter'],
      ['10', 'in-person'],
    ] as const) {
      const { reference, path } = await logged(cookie, {
        channel,
        ...date('receivedAt', day, '11', '2026'),
      });
      const assigned = await post(`${path}/actions/assign`, cookie, {
        version: '1',
        handler: 'queue-hal',
      });
      expect(assigned.status).toBe(303);
      made.push(reference);
    }
    const [on16, on2, on10] = made;

    const queue = await get('/console?handler=queue-hal', cookie);
    const letters = await get(
      '/console?handler=queue-hal&channel=letter',
      cookie,
    );
    const stage2 = await get('/console?handler=queue-hal&stage=2', cookie);
    const stage1 = await get('/console?handler=queue-hal&stage=1', cookie);

    const listed = (page: Page) =>
      [...page.html.matchAll(/>(HTH-\d{4}-\d{6})<\/a>/g)].map((m) => m[1]);
    const order = listed(queue);
    expect(order).toEqual([on2, on10, on16]);
    expect(queue.text).toContain(
      `${on2} Stage 1: received Stage 1: acknowledge Monday 9 November 2026 Breached queue-hal Letter`,
    );
    expect(queue.html).toContain('govuk-tag--red');
    expect(queue.text).toContain('Tuesday 17 November 2026');
    expect(listed(letters)).toEqual([on2]);
    expect(stage2.text).toContain('No cases match these filters');
    expect(listed(stage1)).toHaveLength(3);
  });
});

describe('a case, acted on through its forms', () => {
  it('acknowledges, extends and responds with a remedy, each redirecting back with a banner', async () => {
    const cookie = await session('ana', ['officer']);
    const { path } = await logged(cookie);

    const acked = await acknowledge(cookie, path, '1');
    const afterAck = await get(acked.location ?? '', cookie);
    const dueNow = /Stage 1: send the response (\w+ \d+ \w+ \d{4})/.exec(
      afterAck.text,
    )?.[1];
    const extended = await post(`${path}/actions/extend`, cookie, {
      version: versionOf(afterAck),
      workingDays: '5',
      reasons: 'We are waiting for the lift engineer’s report.',
    });
    await stack.drain();
    const afterExtend = await get(extended.location ?? '', cookie);
    const responded = await post(`${path}/actions/respond`, cookie, {
      version: versionOf(afterExtend),
      'decisions.0.issueId': 'i1',
      'decisions.0.decision': 'upheld',
      'decisions.0.reasons': 'The lift was out for three weeks.',
      summary: 'We are sorry the lift was out of order.',
      'remedies.0.kind': 'financial',
      'remedies.0.description': 'For the weeks without a lift',
      'remedies.0.amountPence': '50',
      'remedies.0.dueOn.day': '18',
      'remedies.0.dueOn.month': '12',
      'remedies.0.dueOn.year': '2026',
      'actions.0.description': 'Replace the lift controller',
      'actions.0.owner': 'Repairs team',
      'actions.0.dueOn.day': '29',
      'actions.0.dueOn.month': '1',
      'actions.0.dueOn.year': '2027',
    });
    await stack.drain();
    const afterRespond = await get(responded.location ?? '', cookie);

    expect(acked.status).toBe(303);
    expect(acked.location).toBe(`${path}?done=acknowledge`);
    expect(afterAck.text).toContain(
      'The complaint is acknowledged and its definition recorded.',
    );
    expect(afterAck.text).toContain('Lift out of order for three weeks Ours');
    expect(dueNow).toBeDefined();
    expect(extended.status).toBe(303);
    expect(afterExtend.text).toContain(
      'The response date is extended and the resident told why.',
    );
    expect(afterExtend.text).toContain(`Extended From ${dueNow} to`);
    expect(afterExtend.text).not.toContain(
      `Stage 1: send the response ${dueNow}`,
    );
    expect(responded.status).toBe(303);
    expect(afterRespond.text).toContain('Stage 1: responded');
    expect(afterRespond.text).toContain(
      'Financial For the weeks without a lift £50.00',
    );
    expect(afterRespond.text).toContain(
      'Replace the lift controller Repairs team',
    );
    expect(afterRespond.text).toContain(
      'Upheld: The lift was out for three weeks.',
    );
    expect(afterRespond.text).toContain('Mark done');
  });

  it('shows the domain’s reason for a refusal: on the field it names (400), or for the case (409)', async () => {
    const cookie = await session('ana', ['officer']);
    const { path } = await logged(cookie);
    await acknowledge(cookie, path, '1');
    const page = await get(path, cookie);
    const version = versionOf(page);

    const backwards = await post(`${path}/actions/extend`, cookie, {
      version,
      ...date('newDueOn', '1', '11', '2026'),
      reasons: 'Waiting for a report',
    });
    const notYet = await post(`${path}/actions/close`, cookie, {
      version,
      reason: 'Sorted',
    });
    const blank = await post(`${path}/actions/respond`, cookie, {
      version,
      'decisions.0.issueId': 'i1',
      summary: 'Done',
      'remedies.0.kind': 'financial',
      'remedies.0.description': 'For the trouble',
      'remedies.0.amountPence': 'lots',
    });

    expect(backwards.status).toBe(400);
    expect(errorSummaryOf(backwards)).toMatch(
      /The new date must be after \d{4}-\d{2}-\d{2}/,
    );
    expect(backwards.html).toContain('href="#extend-newDueOn"');
    expect(backwards.html).toContain('id="extend-newDueOn"');
    expect(backwards.html).toMatch(/<details[^>]*id="extend"[^>]*open/);
    expect(notYet.status).toBe(409);
    expect(errorSummaryOf(notYet)).toContain(
      'The complaint is stage1-acknowledged: respond, decline or record a withdrawal first',
    );
    expect(blank.status).toBe(400);
    expect(errorSummaryOf(blank)).toContain('Select decision on issue 1');
    expect(errorSummaryOf(blank)).toContain(
      'Enter reasons for the decision on issue 1',
    );
    expect(errorSummaryOf(blank)).toContain(
      'Enter amount of remedy 1 in pounds, like 25 or 25.50',
    );
    expect(blank.html).toContain('href="#respond-remedies-0-amountPence"');
    expect(blank.html).toContain('value="lots"');
    expect(versionOf(await get(path, cookie))).toBe(version);
  });

  it('says someone else changed the case when the form’s version is stale, and saves nothing', async () => {
    const cookie = await session('ana', ['officer']);
    const { path } = await logged(cookie);
    await acknowledge(cookie, path, '1');

    const stale = await post(`${path}/actions/assign`, cookie, {
      version: '1',
      handler: 'ben',
    });
    const after = await get(path, cookie);

    expect(stale.status).toBe(409);
    expect(errorSummaryOf(stale)).toContain(
      'Someone else changed this complaint while you were working on it',
    );
    expect(versionOf(stale)).toBe(versionOf(after));
    expect(after.text).not.toContain('assigned to ben');
    expect(stale.html).toContain('value="ben"');
  });

  it('previews the response letter as the resident will read it, saving nothing', async () => {
    const cookie = await session('ana', ['officer']);
    const { path } = await logged(cookie);
    await acknowledge(cookie, path, '1');
    const before = await get(path, cookie);
    const fields = {
      version: versionOf(before),
      'decisions.0.issueId': 'i1',
      'decisions.0.decision': 'partly-upheld',
      'decisions.0.reasons': 'The lift was out, but for two weeks, not three.',
      summary: 'We are sorry for the lift.',
      'remedies.0.kind': 'apology',
      'remedies.0.description': 'We apologise for the lift.',
    };

    const preview = await post(
      `${path}/actions/respond/preview`,
      cookie,
      fields,
    );
    const after = await get(path, cookie);

    expect(preview.status).toBe(200);
    const letter = /<div class="hearth-letter"[^>]*>([\s\S]*?)<\/div>/.exec(
      preview.html,
    )?.[1];
    expect(letter).toContain('The lift was out, but for two weeks, not three.');
    expect(letter).toContain('Lee Caller');
    expect(preview.text).toContain('Stage 1 response letter');
    expect(preview.html).toContain(
      '>The lift was out, but for two weeks, not three.</textarea>',
    );
    expect(preview.html).toMatch(/value="partly-upheld" checked/);
    expect(preview.html).toContain(
      `formaction="${path}/actions/respond/preview"`,
    );
    expect(versionOf(after)).toBe(fields.version);
    expect(after.text).not.toContain('Stage 1: responded');
  });

  it('lets the MRC read a case but shows no actions and refuses its posts', async () => {
    const officer = await session('ana', ['officer']);
    const mrc = await session('mo', ['mrc']);
    const { path } = await logged(officer);

    const read = await get(path, mrc);
    const act = await post(`${path}/actions/assign`, mrc, {
      version: '1',
      handler: 'mo',
    });
    const log = await get('/console/log', mrc);

    expect(read.status).toBe(200);
    expect(read.text).toContain('Lee Caller');
    expect(read.html).not.toContain(
      '<form method="post" action="/console/complaints',
    );
    expect(read.text).not.toContain('Actions');
    expect(read.text).not.toContain('Log a complaint');
    expect(act.status).toBe(403);
    expect(act.text).toContain('You cannot do that');
    expect(log.status).toBe(403);
  });

  it("shows another landlord's officers nothing: their case is not found", async () => {
    const ours = await session('ana', ['officer']);
    const theirs = await session('zed', ['officer', 'manager'], 'other-org');
    const { path, reference } = await logged(ours);

    const read = await get(path, theirs);
    const act = await post(`${path}/actions/withdraw`, theirs, {
      version: '1',
      reason: 'x',
    });
    const queue = await get('/console', theirs);

    expect(read.status).toBe(404);
    expect(read.text).toContain('Page not found');
    expect(act.status).toBe(404);
    expect(queue.html).not.toContain(reference);
  });

  it('refuses a post from another site (403), and accepts a same-origin one without Origin', async () => {
    const cookie = await session('ana', ['officer']);
    const { path } = await logged(cookie);

    const crossSite = await post(
      `${path}/actions/assign`,
      cookie,
      { version: '1', handler: 'mallory' },
      { origin: 'https://evil.example' },
    );
    const noOrigin = await post(
      `${path}/actions/assign`,
      cookie,
      { version: '1', handler: 'mallory' },
      { 'sec-fetch-site': 'cross-site' },
    );
    const sameOrigin = await post(
      `${path}/actions/assign`,
      cookie,
      { version: '1', handler: 'ana' },
      { 'sec-fetch-site': 'same-origin' },
    );
    const after = await get(path, cookie);

    expect(crossSite.status).toBe(403);
    expect(noOrigin.status).toBe(403);
    expect(sameOrigin.status).toBe(303);
    expect(after.text).not.toContain('mallory');
    expect(after.text).toContain('Stage 1 assigned to ana');
  });

  it('answers an unknown page with an HTML 404 and one h1', async () => {
    const cookie = await session('ana', ['officer']);

    const page = await get('/console/nowhere', cookie);

    expect(page.status).toBe(404);
    expect(page.html).toContain('<title>Page not found');
    expect(page.html.match(/<h1/g)).toHaveLength(1);
    expect(page.html).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('the print queue', () => {
  it('lists a printed letter for a resident who prefers post, serves its PDF, and marking it posted removes it', async () => {
    const cookie = await session('ana', ['officer']);
    const { path, reference } = await logged(cookie, {
      channel: 'letter',
      'resident.name': 'Pat Post',
      'resident.phone': '',
      'resident.address': '1 Mill Lane\nAnytown\nAN1 1AA',
      'resident.preferredContact': 'post',
    });
    await acknowledge(cookie, path, '1');
    await stack.drain();

    const queue = await get('/console/print', cookie);
    const pdfPath = `/console/letters/${reference}/stage1-acknowledgement/2.pdf`;
    const pdf = await fetch(`${site}${pdfPath}`, { headers: { cookie } });
    const bytes = Buffer.from(await pdf.arrayBuffer());
    const casePage = await get(path, cookie);
    const posted = await post(
      `/console/letters/${reference}/stage1-acknowledgement/2/posted`,
      cookie,
      {},
    );
    const after = await get(posted.location ?? '', cookie);
    const again = await post(
      `/console/letters/${reference}/stage1-acknowledgement/2/posted`,
      cookie,
      {},
    );

    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`Stage 1 acknowledgement ${reference}`);
    expect(queue.html).toContain(`href="${pdfPath}"`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="${reference}-stage1-acknowledgement-2.pdf"`,
    );
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(casePage.text).toContain('Stage 1 acknowledgement');
    expect(casePage.html).toContain(`href="${pdfPath}"`);
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`/console/print?posted=${reference}`);
    expect(after.text).toContain(
      `The letter for ${reference} is marked as posted on`,
    );
    expect(after.html).not.toContain(`href="${pdfPath}"`);
    expect(again.status).toBe(409);
    expect(again.text).toContain('The letter is posted');
  });

  it('refuses the PDF of another landlord’s letter', async () => {
    const theirs = await session('zed', ['officer'], 'other-org');

    const pdf = await get(
      '/console/letters/HTH-2026-000001/stage1-acknowledgement/2.pdf',
      theirs,
    );

    expect(pdf.status).toBe(404);
  });
});
