/**
 * The resident's pages through the local API Gateway, as a browser with
 * JavaScript off uses them: url-encoded posts, HTML back. Dates are
 * hand-checked: the clock is set to the moment each complaint is sent.
 */
import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { code2024, lintPolicy } from '@hearth/domain';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import { fieldId } from '../../functions/shared/pages/http.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import type { LocalStack } from '../../infra/local/start.js';
import { startTestStack } from './support/stack.js';

const ORG = 'web-org';
let stack: LocalStack;
let api: string;

beforeAll(async () => {
  // The 500 test's error is expected; keep it out of the test output.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  // A small hourly limit, so the limit itself can be tested; each test
  // sends its complaints in an hour of its own.
  process.env[envKeys.intakePerHour] = '5';
  stack = await startTestStack({ organisationId: ORG });
  api = String(stack.urls.api);
  vi.useFakeTimers({ toFake: ['Date'] });
}, 60_000);
afterAll(async () => {
  vi.useRealTimers();
  await stack?.stop();
});

/** Sets the clock every handler reads (they run in this process). */
const at = (instant: string) => vi.setSystemTime(new Date(instant));

interface Page {
  readonly status: number;
  readonly html: string;
  readonly headers: Headers;
}

async function get(path: string): Promise<Page> {
  const response = await fetch(`${api}${path}`);
  return {
    status: response.status,
    html: await response.text(),
    headers: response.headers,
  };
}

type Fields = readonly (readonly [string, string])[];

async function post(path: string, fields: Fields): Promise<Page> {
  const response = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(
      fields.map(([k, v]): [string, string] => [k, v]),
    ).toString(),
  });
  return {
    status: response.status,
    html: await response.text(),
    headers: response.headers,
  };
}

async function postJson(path: string, body: unknown) {
  const response = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

function decode(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The page's text, tags dropped: what a screen reader would read. */
function textOf(html: string): string {
  return decode(
    html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' '),
  );
}

/** The error summary's links: the field each names, where it goes, what it says. */
function summaryOf(html: string) {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1];
  return [
    ...(list ?? '').matchAll(
      /<a href="([^"]*)"\s+data-field="([^"]*)">([\s\S]*?)<\/a>/g,
    ),
  ].map(([, href, field, text]) => ({
    href: String(href),
    field: decode(String(field)),
    message: decode(String(text)),
  }));
}

/** The inline error messages, by the field each names. */
function inlineErrorsOf(html: string) {
  return [
    ...html.matchAll(
      /class="govuk-error-message"\s+data-field="([^"]*)">\s*<span class="govuk-visually-hidden">Error:<\/span>([\s\S]*?)<\/p>/g,
    ),
  ].map(([, field, text]) => ({
    field: decode(String(field)),
    message: decode(String(text)),
  }));
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (match?.[1] === undefined) throw new Error(`no hidden ${name}`);
  return match[1];
}

const referenceOf = (html: string) => /HTH-\d{4}-\d{6}/.exec(textOf(html))?.[0];
const tokenOf = (html: string) =>
  /id="tracking-code">([A-Za-z0-9_-]{22})</.exec(html)?.[1];

/** What every page must be: one h1, a title, a label for every input. */
function expectAccessibleBasics(html: string) {
  expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  expect(/<title>([^<]+)<\/title>/.exec(html)?.[1]).toMatch(
    /– Complaints – Hearth Local Homes$/,
  );
  const ids = [
    ...html.matchAll(/<(?:input|textarea|select)\b[^>]*\bid="([^"]+)"/g),
  ].map(([, id]) => id);
  for (const id of ids) expect(html).toContain(`for="${id}"`);
  expect(html).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

async function formKey(): Promise<string> {
  return hidden((await get('/complaint')).html, 'idempotencyKey');
}

/**
 * A complete, valid complaint, as a browser sends the form: every input,
 * blank ones included, and no unticked boxes.
 */
function goodForm(key: string, overrides: Fields = []): Fields {
  const fields = new Map<string, string>([
    ['idempotencyKey', key],
    [
      'summary',
      'The boiler has broken down three times since October and nobody has fixed it.',
    ],
    ['issueDate.day', '1'],
    ['issueDate.month', '10'],
    ['issueDate.year', '2026'],
    ['awareDate.day', ''],
    ['awareDate.month', ''],
    ['awareDate.year', ''],
    ['outcomeSought', 'Replace the boiler'],
    ['resident.name', 'Sam Resident'],
    ['resident.address[0]', 'Flat 2, Ember House'],
    ['resident.address[1]', ''],
    ['resident.address[2]', 'Anytown'],
    ['resident.address[3]', 'AN1 2BC'],
    ['resident.email', 'sam@example.org'],
    ['resident.phone', ''],
    ['resident.preferredContact', 'email'],
    ['resident.language', ''],
    ['representative.name', ''],
    ['representative.relationship', ''],
    ['representative.email', ''],
    ['representative.phone', ''],
    ['representative.address[0]', ''],
    ['representative.address[1]', ''],
    ['representative.address[2]', ''],
    ['representative.address[3]', ''],
    ['adjustments[0]', ''],
    ['vulnerability', ''],
    ['website', ''],
  ]);
  for (const [k, v] of overrides) fields.set(k, v);
  return [...fields];
}

async function tokenFor(username: string, groups: string[]) {
  const response = await fetch(String(stack.urls['staff sign-in (POST)']), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups, organisationId: ORG }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
}

async function staff(
  token: string,
  method: string,
  route: string,
  body?: unknown,
) {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

describe('GET / (start page)', () => {
  it("says what a complaint is and is not, the other ways to complain with the landlord's phone and email, and starts the form", async () => {
    const page = await get('/');
    const text = textOf(page.html);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    );
    expect(page.headers.get('cache-control')).toBe('no-store');
    expectAccessibleBasics(page.html);
    expect(text).toContain('something we did, or did not do');
    expect(text).toContain('reporting a repair');
    expect(text).toContain('service request, not a complaint');
    expect(text).toContain('by phone on 0300 000 0000');
    expect(text).toContain(`by email to complaints@${ORG}.localhost`);
    expect(text).toContain('by post');
    expect(text).toContain('in person');
    expect(page.html).toMatch(/href="\/complaint"[^>]*govuk-button--start/);
    expect(page.html).toContain('href="/track"');
    expect(page.html).toContain('href="/policy"');
  });
});

describe('GET /complaint (the form)', () => {
  it('names every input by its API field path, hides the honeypot from people and assistive technology, and gives each visit its own key', async () => {
    const first = await get('/complaint');
    const second = await get('/complaint');

    expect(first.status).toBe(200);
    expectAccessibleBasics(first.html);
    for (const name of [
      'summary',
      'issueDate.day',
      'awareDate.year',
      'outcomeSought',
      'resident.name',
      'resident.address[0]',
      'resident.email',
      'resident.phone',
      'resident.preferredContact',
      'resident.formats',
      'representative.name',
      'representative.relationship',
      'representative.consent',
      'adjustments[0]',
      'vulnerability',
    ]) {
      expect(first.html).toContain(`name="${name}"`);
    }
    expect(first.html).toMatch(
      /name="resident.formats" type="checkbox" value="large-print"/,
    );
    expect(first.html).toMatch(
      /name="resident.preferredContact" type="radio" value="post"/,
    );
    expect(first.html).toMatch(
      /<div class="govuk-visually-hidden" aria-hidden="true">\s*<label for="website">[^<]+<\/label>\s*<input id="website" name="website" type="text" tabindex="-1" autocomplete="off"/,
    );
    const key = hidden(first.html, 'idempotencyKey');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(hidden(second.html, 'idempotencyKey')).not.toBe(key);
  });
});

describe('POST /complaint', () => {
  it('re-renders the form (400) with an error summary and inline errors naming each field, keeping what was typed', async () => {
    at('2026-11-20T09:10:00Z');
    const key = await formKey();

    const page = await post(
      '/complaint',
      goodForm(key, [
        ['summary', 'Too short'],
        ['issueDate.day', '31'],
        ['issueDate.month', '11'],
        ['resident.email', 'sam-at-example'],
        ['resident.preferredContact', ''],
      ]),
    );

    expect(page.status).toBe(400);
    expect(/<title>([^<]+)</.exec(page.html)?.[1]).toMatch(/^Error: /);
    expectAccessibleBasics(page.html);
    expect(summaryOf(page.html)).toEqual([
      {
        field: 'summary',
        href: '#summary',
        message: 'Tell us what happened, in at least 10 characters',
      },
      {
        field: 'issueDate',
        href: '#issueDate',
        message: 'The date it happened must be a real date',
      },
      {
        field: 'resident.email',
        href: '#resident-email',
        message:
          'Enter an email address in the correct format, like name@example.com',
      },
      {
        field: 'resident.preferredContact',
        href: '#resident-preferredContact',
        message:
          'Select how we should contact the resident: email, post or phone',
      },
    ]);
    expect(inlineErrorsOf(page.html)).toEqual(
      summaryOf(page.html).map(({ field, message }) => ({ field, message })),
    );
    for (const { href } of summaryOf(page.html)) {
      expect(page.html).toContain(`id="${href.slice(1)}"`);
    }
    expect(page.html).toContain('value="Sam Resident"');
    expect(page.html).toContain('value="sam-at-example"');
    expect(page.html).toMatch(/name="issueDate.day"[^>]*value="31"/);
    expect(hidden(page.html, 'idempotencyKey')).toBe(key);
  });

  it('names only the required fields for a form sent with every box blank', async () => {
    const key = await formKey();
    const blank = goodForm(key).map(([name, value]): [string, string] => [
      name,
      name === 'idempotencyKey' ? value : '',
    ]);

    const page = await post('/complaint', blank);

    expect(page.status).toBe(400);
    expect(summaryOf(page.html).map((e) => e.field)).toEqual([
      'summary',
      'resident.name',
      'resident.preferredContact',
    ]);
  });

  it.each<[string, unknown, Fields]>([
    [
      'schema problems',
      {
        summary: 'short',
        issueDate: '2026-02-30',
        resident: {
          name: 'Pat',
          email: 'not-an-email',
          phone: 'call me',
        },
      },
      [
        ['summary', 'short'],
        ['issueDate.day', '30'],
        ['issueDate.month', '2'],
        ['issueDate.year', '2026'],
        ['resident.name', 'Pat'],
        ['resident.email', 'not-an-email'],
        ['resident.phone', 'call me'],
      ],
    ],
    [
      "the domain's own check (post, but no address)",
      {
        summary: 'The lift has been broken for a month now.',
        resident: { name: 'Pat', preferredContact: 'post' },
      },
      [
        ['summary', 'The lift has been broken for a month now.'],
        ['resident.name', 'Pat'],
        ['resident.preferredContact', 'post'],
      ],
    ],
    [
      'a representative with no details',
      {
        summary: 'The lift has been broken for a month now.',
        resident: {
          name: 'Pat',
          email: 'pat@example.org',
          preferredContact: 'email',
        },
        representative: { consent: true },
      },
      [
        ['summary', 'The lift has been broken for a month now.'],
        ['resident.name', 'Pat'],
        ['resident.email', 'pat@example.org'],
        ['resident.preferredContact', 'email'],
        ['representative.name', ''],
        ['representative.address[0]', ''],
        ['representative.consent', 'true'],
      ],
    ],
  ])(
    'names the same fields with the same messages as POST /complaints for %s',
    async (_, json, form) => {
      at('2026-11-20T09:20:00Z');

      const problem = await postJson('/complaints', json);
      const page = await post('/complaint', [
        ['idempotencyKey', crypto.randomUUID()],
        ...form,
      ]);

      expect(problem.status).toBe(400);
      expect(page.status).toBe(400);
      const expected = (
        problem.body.errors as { field: string; message: string }[]
      ).map(({ field, message }) => ({ field, message }));
      expect(expected.length).toBeGreaterThan(0);
      expect(
        summaryOf(page.html).map(({ field, message }) => ({ field, message })),
      ).toEqual(expected);
    },
  );

  it('sends the complaint: the confirmation shows the reference, the tracking code once, and the real due dates', async () => {
    // Friday 20 November 2026: 5 working days are 23, 24, 25, 26 and 27 Nov.
    at('2026-11-20T10:00:00Z');
    const key = await formKey();

    const page = await post(
      '/complaint',
      goodForm(key, [
        ['resident.formats', 'large-print'],
        ['representative.name', 'Kit Helper'],
        ['representative.relationship', 'Daughter'],
        ['representative.email', 'kit@example.org'],
        ['representative.consent', 'true'],
        ['adjustments[0]', 'Please phone after 2pm'],
      ]),
    );
    const text = textOf(page.html);

    expect(page.status).toBe(200);
    expectAccessibleBasics(page.html);
    const reference = referenceOf(page.html);
    expect(reference).toMatch(/^HTH-2026-\d{6}$/);
    expect(tokenOf(page.html)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(text).toContain(
      'We received your complaint on Friday 20 November 2026',
    );
    expect(text).toContain(
      'We will acknowledge your complaint by Friday 27 November 2026',
    );
    expect(text).toContain(
      'We will send our stage 1 response within 10 working days of acknowledging your complaint',
    );
    expect(text).toContain('You asked us to contact you by email');
    expect(text).toContain('You asked for our letters in large print');

    const officer = await tokenFor('ana', ['officer']);
    const read = await staff(officer, 'GET', `/staff/complaints/${reference}`);
    expect(read.body.complaint).toMatchObject({
      channel: 'web',
      status: 'stage1-received',
      receivedOn: '2026-11-20',
      issueDate: '2026-10-01',
      summary:
        'The boiler has broken down three times since October and nobody has fixed it.',
      resident: {
        name: 'Sam Resident',
        address: ['Flat 2, Ember House', 'Anytown', 'AN1 2BC'],
        formats: ['large-print'],
        preferredContact: 'email',
      },
      representative: {
        name: 'Kit Helper',
        relationship: 'Daughter',
        consentOn: '2026-11-20',
      },
      adjustments: [{ description: 'Please phone after 2pm' }],
    });
  });

  it('shows the same reference and code for a double submit or a refresh, and makes one complaint', async () => {
    at('2026-11-20T11:00:00Z');
    const key = await formKey();

    const [first, second] = await Promise.all([
      post('/complaint', goodForm(key)),
      post('/complaint', goodForm(key)),
    ]);
    const refresh = await post('/complaint', goodForm(key));
    const next = await post('/complaint', goodForm(await formKey()));
    const edited = await post(
      '/complaint',
      goodForm(key, [['outcomeSought', 'Something else']]),
    );

    expect([first.status, second.status, refresh.status]).toEqual([
      200, 200, 200,
    ]);
    const reference = String(referenceOf(first.html));
    expect(referenceOf(second.html)).toBe(reference);
    expect(referenceOf(refresh.html)).toBe(reference);
    expect(tokenOf(second.html)).toBe(tokenOf(first.html));
    expect(tokenOf(refresh.html)).toBe(tokenOf(first.html));
    // The next complaint takes the very next number: no other was made.
    const number = Number(reference.slice(-6));
    expect(referenceOf(next.html)).toBe(
      `HTH-2026-${String(number + 1).padStart(6, '0')}`,
    );
    expect(edited.status).toBe(422);
    expect(textOf(edited.html)).toContain('You have already sent this form');
  });

  it('refuses a filled-in honeypot as the JSON API does (400 naming website) and makes no complaint', async () => {
    at('2026-11-20T12:00:00Z');

    const page = await post(
      '/complaint',
      goodForm(await formKey(), [['website', 'http://spam.example']]),
    );
    const problem = await postJson('/complaints', {
      summary: 'The boiler has broken down again this week.',
      resident: {
        name: 'Bot',
        email: 'bot@example.org',
        preferredContact: 'email',
      },
      website: 'http://spam.example',
    });
    const before = referenceOf(
      (await post('/complaint', goodForm(await formKey()))).html,
    );
    const after = referenceOf(
      (await post('/complaint', goodForm(await formKey()))).html,
    );

    expect(page.status).toBe(400);
    expect(summaryOf(page.html).map((e) => e.field)).toEqual(['website']);
    expect(problem.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'website',
    ]);
    expect(Number(after?.slice(-6))).toBe(Number(before?.slice(-6)) + 1);
  });

  it('limits complaints per address and hour like the JSON API: 429 with Retry-After', async () => {
    at('2026-11-20T13:50:00Z');

    const pages: Page[] = [];
    for (let i = 0; i < 6; i += 1) {
      pages.push(await post('/complaint', goodForm(await formKey())));
    }

    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = pages[5] as Page;
    // The window ends at 14:00: 600 seconds away.
    expect(refused.headers.get('retry-after')).toBe('600');
    expectAccessibleBasics(refused.html);
    expect(textOf(refused.html)).toContain('Try again in 10 minutes');
  });

  it('answers a body that is not a form with an HTML 400 page, never a stack trace', async () => {
    const response = await fetch(`${api}/complaint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"summary":"x"}',
    });
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
    expectAccessibleBasics(html);
    expect(textOf(html)).toContain('There is a problem with the form');
  });
});

describe('tracking a complaint', () => {
  let reference: string;
  let token: string;

  beforeAll(async () => {
    at('2026-11-20T15:00:00Z');
    const page = await post('/complaint', goodForm(await formKey()));
    reference = String(referenceOf(page.html));
    token = String(tokenOf(page.html));
  });

  it('shows the case for the right reference and code: where it is and the dates', async () => {
    at('2026-11-23T09:00:00Z');

    const page = await post('/track', [
      ['reference', reference.toLowerCase()],
      ['token', token],
    ]);
    const text = textOf(page.html);

    expect(page.status).toBe(200);
    expectAccessibleBasics(page.html);
    expect(text).toContain(reference);
    expect(text).toContain(
      'Stage 1: we have your complaint and will acknowledge it',
    );
    expect(text).toContain(
      'We received your complaint on Friday 20 November 2026',
    );
    expect(text).toContain(
      'We will acknowledge your complaint by Friday 27 November 2026',
    );
    expect(text).toContain('We have not sent any letters yet');
    expect(text).toContain('info@housing-ombudsman.org.uk');
    expect(text).toContain('0300 111 3000');
    // Not at stage 2 yet: no form to ask for it.
    expect(page.html).not.toContain('action="/track/escalation"');
  });

  it('gives the same message for a wrong code and an unknown reference, and never echoes the code', async () => {
    const wrong = await post('/track', [
      ['reference', reference],
      ['token', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ]);
    const unknown = await post('/track', [
      ['reference', 'HTH-2026-999999'],
      ['token', token],
    ]);
    const nonsense = await post('/track', [
      ['reference', 'not a reference'],
      ['token', token],
    ]);

    for (const page of [wrong, unknown, nonsense]) {
      expect(page.status).toBe(400);
      expectAccessibleBasics(page.html);
      expect(textOf(page.html)).toContain(
        'We could not find a complaint with that reference and tracking code',
      );
      expect(page.html).not.toContain(token);
    }
    expect(textOf(wrong.html)).toBe(textOf(unknown.html));
  });

  it('limits look-ups per address and hour: 429 with Retry-After', async () => {
    at('2026-11-24T16:59:00Z');

    const statuses: number[] = [];
    let last: Page | undefined;
    for (let i = 0; i < 61; i += 1) {
      last = await post('/track', [
        ['reference', reference],
        ['token', 'AAAAAAAAAAAAAAAAAAAAAA'],
      ]);
      statuses.push(last.status);
    }

    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect(last?.headers.get('retry-after')).toBe('60');
  });

  it('renders an unexpected failure as a bare 500 page', async () => {
    at('2026-11-24T18:00:00Z');
    const broken = 'HTH-2026-900001';
    const code = 'BBBBBBBBBBBBBBBBBBBBBB';
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: String(stack.urls['DynamoDB Local']),
        region: localRegion,
        credentials: localCredentials,
      }),
    );
    await client.send(
      new PutCommand({
        TableName: 'hearth-local',
        Item: {
          ...keys.complaint(ORG, broken),
          kind: 'complaint',
          state: { not: 'a complaint' },
          trackingTokenHash: createHash('sha256').update(code).digest('hex'),
        },
      }),
    );
    client.destroy();

    const page = await post('/track', [
      ['reference', broken],
      ['token', code],
    ]);

    expect(page.status).toBe(500);
    expectAccessibleBasics(page.html);
    expect(textOf(page.html)).toContain(
      'Sorry, there is a problem with the service',
    );
    expect(page.html).not.toMatch(/StoredRow|complaint state|Error:/);
  });
});

describe('asking for stage 2 from the tracking page', () => {
  const definition = {
    issues: [{ id: 'boiler', summary: 'Boiler keeps failing', inScope: true }],
    outcomesSought: ['Replace the boiler'],
  };

  /** A complaint received, acknowledged and answered at stage 1. */
  async function responded(): Promise<{ reference: string; token: string }> {
    at('2026-11-25T10:00:00Z');
    const sent = await post('/complaint', goodForm(await formKey()));
    const reference = String(referenceOf(sent.html));
    const base = `/staff/complaints/${reference}`;
    // Staff tokens are issued on the (moved) clock: one per moment.
    at('2026-11-26T10:00:00Z');
    await staff(
      await tokenFor('ana', ['officer']),
      'POST',
      `${base}/acknowledgment`,
      {
        type: 'acknowledge',
        stage: 1,
        definition,
      },
    );
    at('2026-12-04T10:00:00Z');
    const officer = await tokenFor('ana', ['officer']);
    const answer = await staff(officer, 'POST', `${base}/closure`, {
      type: 'respond',
      stage: 1,
      decisions: [
        { issueId: 'boiler', decision: 'not-upheld', reasons: 'It works.' },
      ],
      summary: 'We found the boiler working.',
    });
    expect(answer.status).toBe(200);
    await stack.drain();
    return { reference, token: String(tokenOf(sent.html)) };
  }

  it('offers the form once stage 1 has responded, records the request with reasons, shows the stage 2 due date, and a repeat makes no second request', async () => {
    const { reference, token } = await responded();
    // Wednesday 23 December 2026: 24 Dec, then 29, 30, 31 Dec (25 and 28
    // Dec are bank holidays), then 4 Jan 2027 (1 Jan is one): 5 working days.
    at('2026-12-23T10:00:00Z');

    const tracking = await post('/track', [
      ['reference', reference],
      ['token', token],
    ]);
    const form = [
      ['reference', hidden(tracking.html, 'reference')],
      ['token', hidden(tracking.html, 'token')],
      ['reasons', 'The boiler failed again on Monday.'],
    ] as const;
    const sent = await post('/track/escalation', form);
    const again = await post('/track/escalation', form);

    expect(tracking.status).toBe(200);
    expect(tracking.html).toContain('action="/track/escalation"');
    expect(textOf(tracking.html)).toContain(
      'We sent our stage 1 response on Friday 4 December 2026',
    );
    expect(textOf(tracking.html)).toMatch(/Our stage 1 response .*By email/);
    expect(sent.status).toBe(200);
    expectAccessibleBasics(sent.html);
    expect(textOf(sent.html)).toContain('Stage 2 review requested');
    expect(textOf(sent.html)).toContain(
      'We will acknowledge your stage 2 request by Monday 4 January 2027',
    );
    expect(again.status).toBe(200);
    expect(textOf(again.html)).toContain(
      'We already have your request for a stage 2 review, received on Wednesday 23 December 2026',
    );

    const officer = await tokenFor('ana', ['officer']);
    const read = await staff(officer, 'GET', `/staff/complaints/${reference}`);
    expect(read.body.complaint).toMatchObject({
      status: 'stage2-received',
      escalation: {
        receivedOn: '2026-12-23',
        channel: 'web',
        reasons: 'The boiler failed again on Monday.',
        late: false,
      },
    });
    expect(
      read.body.timeline.filter(
        (e: { type: string }) => e.type === 'escalation-requested',
      ),
    ).toHaveLength(1);
  });

  it('takes a request with no reasons at all (Code 6.12)', async () => {
    const { reference, token } = await responded();
    at('2026-12-07T10:00:00Z');

    const sent = await post('/track/escalation', [
      ['reference', reference],
      ['token', token],
      ['reasons', ''],
    ]);

    expect(sent.status).toBe(200);
    // Monday 7 December 2026 + 5 working days: Monday 14 December.
    expect(textOf(sent.html)).toContain(
      'We will acknowledge your stage 2 request by Monday 14 December 2026',
    );
    const officer = await tokenFor('ana', ['officer']);
    const read = await staff(officer, 'GET', `/staff/complaints/${reference}`);
    expect(read.body.complaint.escalation).not.toHaveProperty('reasons');
  });

  it("shows the domain's refusal in plain words before stage 1 has responded", async () => {
    at('2026-12-08T10:00:00Z');
    const sent = await post('/complaint', goodForm(await formKey()));

    const page = await post('/track/escalation', [
      ['reference', String(referenceOf(sent.html))],
      ['token', String(tokenOf(sent.html))],
      ['reasons', ''],
    ]);

    expect(page.status).toBe(409);
    expectAccessibleBasics(page.html);
    expect(textOf(page.html)).toContain(
      'You can ask for a stage 2 review once we have sent our stage 1 response.',
    );
    expect(page.html).toMatch(/href="#stage2"/);
    expect(page.html).toContain('id="stage2"');
  });

  it('needs the right code to ask', async () => {
    const page = await post('/track/escalation', [
      ['reference', 'HTH-2026-000001'],
      ['token', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ]);

    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain(
      'We could not find a complaint with that reference and tracking code',
    );
  });
});

describe('GET /policy', () => {
  it('publishes the policy in force with its timescales and where it departs from the Code (none for code-2024)', async () => {
    const page = await get('/policy');
    const text = textOf(page.html);

    expect(page.status).toBe(200);
    expectAccessibleBasics(page.html);
    expect(lintPolicy(code2024)).toEqual([]);
    expect(text).toContain('Hearth Local Homes complaints policy');
    expect(text).toContain(
      'We acknowledge your complaint within 5 working days of receiving your complaint',
    );
    expect(text).toContain(
      'We send our stage 1 response within 10 working days of acknowledging your complaint',
    );
    expect(text).toContain('extend the response by up to 10 working days');
    expect(text).toContain(
      'We send our stage 2 response, our final response, within 20 working days of acknowledging your stage 2 request',
    );
    expect(text).toContain(
      'you can ask for a stage 2 review at any time after it',
    );
    expect(text).toContain('Legal proceedings have started');
    expect(text).toContain(
      "Our policy follows the Housing Ombudsman's Complaint Handling Code (2024)",
    );
    expect(page.html).toContain('govuk-service-navigation');
    expect(page.html).toContain('href="/policy?format=print"');
  });

  it('has a printable version without the navigation or footer', async () => {
    const page = await get('/policy?format=print');

    expect(page.status).toBe(200);
    expectAccessibleBasics(page.html);
    expect(page.html).not.toContain('govuk-service-navigation');
    expect(page.html).not.toContain('govuk-footer');
    expect(page.html).toContain('hearth-no-print');
    expect(textOf(page.html)).toContain(
      'We send our stage 1 response within 10 working days',
    );
  });
});

describe('pages for anything else', () => {
  it('renders a 404 page for a route the function does not know', async () => {
    const response = (await stack.lambdas.invoke('web', {
      version: '2.0',
      routeKey: 'GET /nowhere',
      rawPath: '/nowhere',
      rawQueryString: '',
      headers: {},
      requestContext: {
        requestId: 'r-404',
        http: { method: 'GET', path: '/nowhere', sourceIp: '192.0.2.1' },
      },
      isBase64Encoded: false,
    })) as APIGatewayProxyStructuredResultV2;

    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toContain('text/html');
    expectAccessibleBasics(String(response.body));
    expect(textOf(String(response.body))).toContain('Page not found');
  });

  it('gives each page its own field ids', () => {
    expect(fieldId('resident.address[0]')).toBe(fieldId('resident.address.0'));
  });
});
