/**
 * Hostile content, end to end through the local stack: bodies over each
 * route's limit; HTML and script in every free-text field, escaped
 * wherever the text is shown (console pages, the tracking page, the
 * letters' email HTML, the PDF, the Board report); and CR/LF header
 * injection through a resident's name, which must add no header to any
 * letter sent.
 */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { presetById } from '@hearth/domain';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import {
  reportFromStore,
  reportPeriod,
} from '../../functions/shared/report/build.js';
import { payloadLimitBytes } from '../../infra/local/api-gateway.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import { type LocalStack, localStock } from '../../infra/local/start.js';
import { routes } from '../../infra/routes.js';
import {
  expectEveryCaseWhole,
  idToken,
  rawRequest,
  sessionCookie,
  stackTable,
} from './support/hostile.js';
import { type SesRecorder, startSesRecorder } from './support/ses-recorder.js';
import { startTestStack } from './support/stack.js';

const ORG = 'content-org';
let stack: LocalStack;
let site: string;
let officer: string;
let manager: string;
/** Every raw message the letters job handed SES, as sent. */
let recorder: SesRecorder;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env[envKeys.intakePerHour] = '1000';
  stack = await startTestStack({ organisationId: ORG });
  site = String(stack.urls.site);
  officer = await idToken(stack, {
    username: 'ana',
    groups: ['officer'],
    organisationId: ORG,
  });
  manager = await idToken(stack, {
    username: 'max',
    groups: ['manager'],
    organisationId: ORG,
  });
  // Every letter's raw MIME, as sent (the SES client is made on first use).
  recorder = await startSesRecorder(stack.ses.endpoint);
  process.env.AWS_ENDPOINT_URL_SESV2 = recorder.endpoint;
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await recorder?.stop();
});

async function json(
  method: string,
  path: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${site}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    etag: response.headers.get('etag'),
    body: text === '' ? undefined : JSON.parse(text),
  };
}

const page = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${site}${path}`, {
    redirect: 'manual',
    ...init,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    html: await response.text(),
  };
};

const consoleGet = (path: string, token = officer) =>
  page(path, { headers: { cookie: sessionCookie(token) } });

function consolePost(path: string, fields: Record<string, string>) {
  return page(path, {
    method: 'POST',
    headers: {
      cookie: sessionCookie(officer),
      origin: new URL(site).origin,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields).toString(),
  });
}

// ── oversized bodies ────────────────────────────────────────────────────

describe('bodies over a route’s limit', () => {
  const big = 'x'.repeat(payloadLimitBytes + 1);

  it.each(
    routes
      .filter((r) => r.method === 'POST')
      .map((r) => [`${r.method} ${r.path}`, r] as const),
  )(
    '%s: a body over 10 MB is refused with 413 before any function runs',
    async (_, route) => {
      const path = route.path
        .replace('{reference}', 'HTH-2026-000001')
        .replace('{proxy+}', 'log');

      const response = await rawRequest(site, {
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${officer}`,
          cookie: sessionCookie(officer),
          origin: new URL(site).origin,
        },
        body: big,
      });

      expect(response.status).toBe(413);
    },
  );

  it('refuses each JSON field over its own limit with a 400 problem naming it', async () => {
    const resident = {
      name: 'Kim',
      phone: '01234 567890',
      preferredContact: 'phone',
    };
    const logged = await json(
      'POST',
      '/staff/complaints',
      {
        channel: 'phone',
        receivedAt: new Date().toISOString(),
        summary: 'The bins have not been collected for a month.',
        resident,
      },
      officer,
    );
    const base = `/staff/complaints/${logged.body.reference}`;
    const cases = [
      [
        '/complaints',
        {
          summary: 's'.repeat(20_001),
          resident: { ...resident, preferredContact: 'phone' },
        },
        'summary',
      ],
      [
        '/complaints',
        {
          summary: 'The bins have not been collected.',
          resident: { ...resident, name: 'n'.repeat(201) },
        },
        'resident.name',
      ],
      [
        '/staff/complaints',
        {
          channel: 'phone',
          receivedAt: new Date().toISOString(),
          summary: 's'.repeat(10_001),
          resident,
        },
        'summary',
      ],
      [
        `${base}/acknowledgment`,
        { type: 'assign', stage: 1, handler: 'h'.repeat(501) },
        'handler',
      ],
      [
        `${base}/closure`,
        { type: 'withdraw', reason: 'r'.repeat(10_001) },
        'reason',
      ],
      [
        `${base}/escalation`,
        {
          type: 'refuse-escalation',
          groundCode: 'g',
          reasons: 'r'.repeat(10_001),
        },
        'reasons',
      ],
      [
        `${base}/case-record`,
        {
          type: 'add-action',
          action: { description: 'd'.repeat(10_001) },
        },
        'action.description',
      ],
      [
        `${base}/acknowledgment`,
        {
          type: 'acknowledge',
          stage: 1,
          definition: {
            issues: Array.from({ length: 51 }, (_, i) => ({
              id: `i${i}`,
              summary: 'An issue',
              inScope: true,
            })),
            outcomesSought: ['Fixed'],
          },
        },
        'definition.issues',
      ],
    ] as const;

    for (const [path, body, field] of cases) {
      const response = await json('POST', path, body, officer);

      expect(response.status, path).toBe(400);
      expect(response.type).toBe('application/problem+json');
      expect(
        response.body.errors.map((e: { field: string }) => e.field),
      ).toContain(field);
    }
  });

  it('refuses a form over 64 KB with an HTML 400 page on every page that takes a form', async () => {
    const form = new URLSearchParams({ summary: 's'.repeat(70_000) });
    for (const path of ['/complaint', '/track', '/track/escalation']) {
      const response = await page(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });

      expect(response.status, path).toBe(400);
      expect(response.type).toMatch(/^text\/html/);
      expect(response.html).toContain('The form is too large');
    }
    const consolePage = await consolePost('/console/log', {
      summary: 's'.repeat(70_000),
    });
    expect(consolePage.status).toBe(400);
    expect(consolePage.type).toMatch(/^text\/html/);
  });
});

// ── HTML and script in every free-text field ───────────────────────────

/** Text that would run, or break out of an attribute, if shown unescaped. */
const XSS = `<script>alert("xss")</script><img src=x onerror=alert(1)>"'`;
const RAW = ['<script>alert("xss")', '<img src=x onerror'];
const ESCAPED = '&lt;script&gt;alert(';

/** The field paths given the hostile text, with where each is shown. */
const FIELDS = [
  'resident.name',
  'summary',
  'outcomeSought',
  'definition.issues.summary',
  'definition.outcomesSought',
  'correspondence.summary (a note)',
  'decisions.reasons',
  'respond.summary (the response text)',
  'remedies.description',
  'actions.description',
  'close.reason',
  'close.learning',
] as const;

function expectEscaped(where: string, html: string) {
  for (const raw of RAW) expect(html, where).not.toContain(raw);
  expect(html, where).toContain(ESCAPED);
}

describe(`HTML and script in ${FIELDS.length} free-text fields`, () => {
  let reference: string;
  let trackingToken: string;

  beforeAll(async () => {
    const received = await json('POST', '/complaints', {
      summary: `${XSS} the boiler has failed`,
      outcomeSought: XSS,
      // Large print goes by post (a PDF); the representative gets it by email.
      resident: {
        name: `Zed ${XSS}`,
        address: [`1 ${XSS} Lane`, 'Anytown'],
        preferredContact: 'post',
        formats: ['large-print'],
      },
      representative: {
        name: `Rep ${XSS}`,
        email: 'rep.zed@example.org',
        relationship: 'Son',
        consent: true,
      },
    });
    expect(received.status).toBe(201);
    reference = received.body.reference;
    trackingToken = received.body.trackingToken;
    const base = `/staff/complaints/${reference}`;
    const now = new Date().toISOString();
    const steps = [
      [
        'acknowledgment',
        {
          type: 'acknowledge',
          stage: 1,
          definition: {
            issues: [{ id: 'i1', summary: XSS, inScope: true }],
            outcomesSought: [XSS],
          },
        },
      ],
      [
        'case-record',
        {
          type: 'record-correspondence',
          direction: 'in',
          channel: 'phone',
          at: now,
          summary: XSS,
        },
      ],
      [
        'closure',
        {
          type: 'respond',
          stage: 1,
          decisions: [{ issueId: 'i1', decision: 'upheld', reasons: XSS }],
          summary: XSS,
          remedies: [
            { kind: 'apology', description: XSS },
            {
              kind: 'financial',
              description: XSS,
              amountPence: 5_000,
              dueOn: '2027-01-29',
            },
          ],
          actions: [{ description: XSS, owner: 'ana', dueOn: '2027-01-29' }],
        },
      ],
    ] as const;
    for (const [group, command] of steps) {
      const done = await json('POST', `${base}/${group}`, command, officer);
      expect(done.status, `${group}: ${JSON.stringify(done.body)}`).toBe(200);
    }
    await stack.drain();
    await stack.drain();
  }, 60_000);

  it('escapes them on the console’s case page, its queue and its print queue', async () => {
    const casePage = await consoleGet(`/console/complaints/${reference}`);
    const queue = await consoleGet('/console');
    const print = await consoleGet('/console/print');

    expect(casePage.status).toBe(200);
    expectEscaped('case page', casePage.html);
    // Name, summary, outcomes, issue, note, reasons, response, remedies, action…
    expect(
      casePage.html.match(/&lt;script&gt;alert\(&quot;xss&quot;\)/g)?.length,
    ).toBeGreaterThanOrEqual(10);
    for (const [where, shown] of [
      ['queue', queue],
      ['print queue', print],
    ] as const) {
      expect(shown.status).toBe(200);
      for (const raw of RAW) expect(shown.html, where).not.toContain(raw);
    }
    expect(print.html).toContain(reference);
  });

  it('escapes them in the console’s letter preview, the letter as the resident will read it', async () => {
    const casePage = await consoleGet(`/console/complaints/${reference}`);
    const version = /name="version" value="(\d+)"/.exec(casePage.html)?.[1];

    const preview = await consolePost(
      `/console/complaints/${reference}/actions/close/preview`,
      { version: version ?? '0', reason: XSS, learning: XSS },
    );

    expect(preview.status).toBe(200);
    expectEscaped('letter preview', preview.html);
  });

  it('escapes them on the resident’s tracking page', async () => {
    const tracked = await page('/track', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        reference,
        token: trackingToken,
      }).toString(),
    });

    expect(tracked.status).toBe(200);
    expect(tracked.html).toContain(reference);
    expectEscaped('tracking page', tracked.html);
  });

  it('escapes them in every letter’s email HTML, keeps them as plain text in its text part, and still builds the PDF', async () => {
    const mails = (await stack.ses.sent()).filter((m) =>
      m.subject.includes(reference),
    );
    const s3 = new S3Client({
      endpoint: String(stack.urls['S3 (mail, letters, reports)']),
      region: localRegion,
      credentials: localCredentials,
      forcePathStyle: true,
    });
    const { Contents = [] } = await s3.send(
      new ListObjectsV2Command({
        Bucket: 'hearth-letters',
        Prefix: `letters/${ORG}/${reference}/`,
      }),
    );

    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (const mail of mails) {
      expectEscaped(`email ${mail.subject}`, mail.body.html ?? '');
      expect(mail.body.text).toContain('<script>alert("xss")</script>');
      for (const raw of RAW) expect(mail.subject).not.toContain(raw);
    }
    const response = mails.find((m) => /response/i.test(m.subject));
    expect(response?.body.html).toContain(
      '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;',
    );
    expect(Contents.length).toBeGreaterThanOrEqual(2);
    for (const { Key } of Contents) {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: 'hearth-letters', Key }),
      );
      const bytes = await object.Body?.transformToByteArray();
      const pdf = await PDFDocument.load(bytes ?? new Uint8Array());
      expect(pdf.getPageCount(), Key).toBeGreaterThan(0);
    }
    s3.destroy();
  });

  it('escapes them in the Board report HTML (closure learning included)', async () => {
    const base = `/staff/complaints/${reference}`;
    const read = await json('GET', base, undefined, officer);
    const closed = await json(
      'POST',
      `${base}/closure`,
      { type: 'close', reason: XSS, learning: XSS },
      manager,
      { 'if-match': read.etag ?? '' },
    );
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const client = new DynamoDBClient({
      endpoint: String(stack.urls['DynamoDB Local']),
      region: localRegion,
      credentials: localCredentials,
    });
    const repository = new DynamoDbComplaintRepository({
      client: DynamoDBDocumentClient.from(client),
      tableName: 'hearth-local',
    });
    const today = new Date().toISOString().slice(0, 10);

    const report = await reportFromStore({
      store: repository,
      organisationId: ORG,
      fallbackPolicy: presetById('code-2024') as NonNullable<
        ReturnType<typeof presetById>
      >,
      stock: localStock,
      period: reportPeriod(today, {
        from: `${today.slice(0, 8)}01`,
        to: today,
      }),
      meta: { landlord: `Homes ${XSS}`, generatedAt: new Date().toISOString() },
    });
    client.destroy();

    const html = report.documents.find((d) => d.name.endsWith('.html'))?.body;
    expect(report.complaints).toBeGreaterThan(0);
    expectEscaped('Board report', html ?? '');
    expect(html).toContain(`Learning recorded at closure`);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('leaves every case whole', async () => {
    await stack.drain();
    expect(await expectEveryCaseWhole(stackTable(stack))).toBeGreaterThan(0);
  });
});

// ── header injection ────────────────────────────────────────────────────

describe('CR/LF in a name (header injection)', () => {
  // A name is refused at the edge; were one stored anyway, the mailer
  // keeps it inside its own encoded header (test/unit/functions/letters/
  // ses-mailer.test.ts, "keeps header injection out").
  it('is refused at intake, naming each field, and nothing is stored or sent', async () => {
    const before = recorder.raw.length;
    const received = await json('POST', '/complaints', {
      summary: 'The communal door has been broken for a fortnight.',
      resident: {
        name: 'Eve Resident\r\nBcc: attacker@evil.example\r\nX-Injected: yes',
        email: 'eve.resident@example.org',
        preferredContact: 'email',
      },
      representative: {
        name: 'Rep\nBcc: second@evil.example',
        email: 'rep@example.org',
        relationship: 'Daughter',
        consent: true,
      },
    });
    expect(received.status).toBe(400);
    expect(
      (received.body.errors as { field: string }[]).map((e) => e.field),
    ).toEqual(['resident.name', 'representative.name']);

    const logged = await json(
      'POST',
      '/staff/complaints',
      {
        channel: 'phone',
        receivedAt: '2026-11-20T15:30:00Z',
        summary: 'Caller says the communal door is broken.',
        resident: {
          name: 'Eve\r\nBcc: attacker@evil.example',
          phone: '01234 567890',
          preferredContact: 'phone',
        },
      },
      officer,
    );
    expect(logged.status).toBe(400);
    await stack.drain();
    expect(recorder.raw.length).toBe(before);
  });
});
