/**
 * Who gets in, table-driven over the route table: every JWT-authorised
 * route refuses a missing, expired, wrongly signed, wrong-audience and
 * wrong-issuer token (and an unsigned or HS256-confused one) with 401, and
 * the console's session routes send such a browser to sign in (or refuse
 * its post with 401). Then the roles: officers and managers act, the MRC
 * reads and never acts, an officer never reaches a manager's page.
 *
 * The stack keeps its data folder so the user pool's signing key is on
 * disk: the expired, wrong-audience and wrong-issuer tokens are signed
 * with the pool's own key, so only the claim at fault is wrong.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalIssuer,
  type LocalUser,
  localAudience,
} from '../../infra/local/auth.js';
import type { LocalStack } from '../../infra/local/start.js';
import { type Route, routes } from '../../infra/routes.js';
import {
  idToken,
  type RawResponse,
  rawRequest,
  sessionCookie,
} from './support/hostile.js';
import { startTestStack } from './support/stack.js';

const ORG = 'access-org';
let dataDir: string;
let stack: LocalStack;
let site: string;
let issuerUrl: string;
/** A complaint of ORG, to aim the routes with a reference at. */
let reference: string;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-access-'));
  stack = await startTestStack({
    organisationId: ORG,
    inMemory: false,
    dataDir,
  });
  site = String(stack.urls.site);
  issuerUrl = String(stack.urls['user pool (issuer)']);
  const logged = await staffJson(
    await tokenOf(officer),
    'POST',
    '/staff/complaints',
    {
      channel: 'phone',
      receivedAt: new Date().toISOString(),
      summary: 'The lift has been out of order for three weeks.',
      resident: {
        name: 'Lee Caller',
        phone: '01234 567890',
        preferredContact: 'phone',
      },
    },
  );
  reference = logged.body.reference;
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  if (dataDir !== undefined)
    await rm(dataDir, { recursive: true, force: true });
});

const officer: LocalUser = {
  username: 'ana',
  groups: ['officer'],
  organisationId: ORG,
};

const tokenOf = (user: LocalUser) =>
  idToken(stack, {
    username: user.username,
    groups: user.groups as ('officer' | 'manager' | 'mrc')[],
    organisationId: user.organisationId,
  });

async function staffJson(
  token: string | undefined,
  method: string,
  target: string,
  body?: unknown,
) {
  const response = await rawRequest(site, {
    method,
    path: target,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    ...response,
    body: response.text === '' ? undefined : JSON.parse(response.text),
  };
}

// ── tokens that must not get in ─────────────────────────────────────────

/** Signed with the pool's own key, but with the clock or a claim wrong. */
async function sameKey(options: {
  issuer?: string;
  audience?: string;
  now?: () => Date;
}): Promise<string> {
  const issuer = await createLocalIssuer({
    dataDir,
    issuer: options.issuer ?? issuerUrl,
    audience: options.audience ?? localAudience,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return issuer.issue({ ...officer, ttlSeconds: 3_600 });
}

/** The same header and claims as a good token, signed with another key. */
async function anotherKey(good: string): Promise<string> {
  const { kid } = decodeProtectedHeader(good);
  const payload = JSON.parse(
    Buffer.from(good.split('.')[1] ?? '', 'base64url').toString(),
  );
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', ...(kid === undefined ? {} : { kid }) })
    .sign(privateKey);
}

/** `alg: none`: the claims of a good token and no signature at all. */
function unsigned(good: string): string {
  const [, payload] = good.split('.');
  const header = Buffer.from(
    JSON.stringify({ alg: 'none', typ: 'JWT' }),
  ).toString('base64url');
  return `${header}.${payload}.`;
}

/** HS256 "signed" with the pool's public key as the secret (alg confusion). */
async function algConfused(good: string): Promise<string> {
  const { keys } = (await (
    await fetch(`${issuerUrl}/.well-known/jwks.json`)
  ).json()) as { keys: { n: string }[] };
  const payload = JSON.parse(
    Buffer.from(good.split('.')[1] ?? '', 'base64url').toString(),
  );
  return new SignJWT(payload)
    .setProtectedHeader({
      alg: 'HS256',
      kid: decodeProtectedHeader(good).kid ?? '',
    })
    .sign(new TextEncoder().encode(keys[0]?.n ?? 'x'));
}

type BadToken = readonly [
  name: string,
  make: () => Promise<string | undefined>,
];

const badTokens: readonly BadToken[] = [
  ['missing', async () => undefined],
  [
    'expired',
    () => sameKey({ now: () => new Date(Date.now() - 2 * 86_400_000) }),
  ],
  ['signed with another key', async () => anotherKey(await tokenOf(officer))],
  [
    'for another client (audience)',
    () => sameKey({ audience: 'another-app-client' }),
  ],
  [
    'from another issuer',
    () =>
      sameKey({
        issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Other',
      }),
  ],
  ['unsigned (alg none)', async () => unsigned(await tokenOf(officer))],
  [
    'HS256 with the public key',
    async () => algConfused(await tokenOf(officer)),
  ],
];

const staffRoutes = routes.filter((r) => r.auth === 'staff');

function targetOf(route: Route): string {
  return route.path.replace('{reference}', reference ?? 'HTH-2026-000001');
}

describe(`${staffRoutes.length} JWT-authorised routes × ${badTokens.length} tokens`, () => {
  it('a good token of each role does get in (the refusals below are about the token)', async () => {
    for (const route of staffRoutes) {
      const response = await staffJson(
        await tokenOf(officer),
        route.method,
        targetOf(route),
        {},
      );
      expect(response.status, `${route.method} ${route.path}`).not.toBe(401);
    }
  });

  describe.each(badTokens)('a token %s', (_, make) => {
    it.each(
      staffRoutes.map(
        (route) => [`${route.method} ${route.path}`, route] as const,
      ),
    )(
      'is refused by %s with 401, before its function runs',
      async (__, route) => {
        const token = await make();

        const response = await staffJson(token, route.method, targetOf(route), {
          type: 'assign',
          stage: 1,
          handler: 'mallory',
        });

        expect(response.status).toBe(401);
        expect(response.body).toEqual({ message: 'Unauthorized' });
      },
    );
  });

  it('changed nothing: the complaint is as it was logged', async () => {
    const read = await staffJson(
      await tokenOf(officer),
      'GET',
      `/staff/complaints/${reference}`,
    );

    expect(read.body.complaint.version).toBe(1);
    expect(JSON.stringify(read.body)).not.toContain('mallory');
  });
});

// ── the console's session routes ────────────────────────────────────────

/** One request to each console route (the route table's three), by page. */
const consoleRequests = [
  ['GET', '/console'],
  ['GET', '/console/print'],
  ['GET', '/console/log'],
  ['GET', '/console/reports'],
  ['GET', '/console/complaints/HTH-2026-000001'],
  ['POST', '/console/log'],
  ['POST', '/console/complaints/HTH-2026-000001/actions/assign'],
  ['POST', '/console/reports/new'],
] as const;

describe(`the console's session routes × ${badTokens.length} tokens`, () => {
  it('covers every console route of the route table', () => {
    const consoleRoutes = routes.filter((r) => r.auth === 'session');
    for (const route of consoleRoutes) {
      expect(
        consoleRequests.some(
          ([method, target]) =>
            method === route.method &&
            (route.path === target ||
              (route.path.endsWith('{proxy+}') &&
                target.startsWith(route.path.replace('{proxy+}', '')))),
        ),
        `${route.method} ${route.path}`,
      ).toBe(true);
    }
  });

  describe.each(badTokens)('a session holding a token %s', (_, make) => {
    it.each(consoleRequests)(
      '%s %s: sends a page view to sign in, refuses a post with 401',
      async (method, target) => {
        const token = await make();

        const response: RawResponse = await rawRequest(site, {
          method,
          path: target,
          headers: {
            origin: new URL(site).origin,
            'content-type': 'application/x-www-form-urlencoded',
            ...(token === undefined ? {} : { cookie: sessionCookie(token) }),
          },
          ...(method === 'POST' ? { body: 'version=1&handler=mallory' } : {}),
        });

        if (method === 'GET') {
          expect(response.status).toBe(303);
          expect(response.headers.location).toBe(
            `/console/sign-in?next=${encodeURIComponent(target)}`,
          );
        } else {
          expect(response.status).toBe(401);
          expect(String(response.headers['content-type'])).toMatch(
            /^text\/html/,
          );
        }
      },
    );
  });
});

// ── roles ───────────────────────────────────────────────────────────────

const definition = {
  issues: [{ id: 'i1', summary: 'Lift out of order', inScope: true }],
  outcomesSought: ['Lift repaired'],
};

/** A command each staff command route accepts from this case's state. */
const commandFor: Record<string, unknown> = {
  '/staff/complaints': {
    channel: 'letter',
    receivedAt: new Date().toISOString(),
    summary: 'The stair lights have been out for a week.',
    resident: {
      name: 'Pat Post',
      phone: '01234 567890',
      preferredContact: 'phone',
    },
  },
  acknowledgment: { type: 'assign', stage: 1, handler: 'ana' },
  escalation: { type: 'refuse-escalation', groundCode: 'x', reasons: 'y' },
  closure: { type: 'withdraw', reason: 'The resident withdrew' },
  'case-record': {
    type: 'add-action',
    action: { description: 'Check the lift weekly' },
  },
};

const commandRoutes = staffRoutes.filter((r) => r.method === 'POST');

describe('roles', () => {
  it.each(
    commandRoutes.map(
      (route) => [`${route.method} ${route.path}`, route] as const,
    ),
  )('the MRC is refused %s with 403, and nothing changes', async (_, route) => {
    const mrc = await tokenOf({
      username: 'mo',
      groups: ['mrc'],
      organisationId: ORG,
    });
    const before = await staffJson(
      mrc,
      'GET',
      `/staff/complaints/${reference}`,
    );

    const response = await staffJson(
      mrc,
      'POST',
      targetOf(route),
      commandFor[route.path.split('/').pop() ?? ''] ?? commandFor[route.path],
    );
    const after = await staffJson(mrc, 'GET', `/staff/complaints/${reference}`);

    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(after.body.complaint.version).toBe(before.body.complaint.version);
  });

  it('the MRC reads the queue and a case, but every console post is refused with 403', async () => {
    const mrc = await tokenOf({
      username: 'mo',
      groups: ['mrc'],
      organisationId: ORG,
    });
    const cookie = sessionCookie(mrc);

    expect((await staffJson(mrc, 'GET', '/staff/queue')).status).toBe(200);
    expect(
      (await staffJson(mrc, 'GET', `/staff/complaints/${reference}`)).status,
    ).toBe(200);
    for (const target of [
      '/console/log',
      `/console/complaints/${reference}/actions/assign`,
      `/console/complaints/${reference}/actions/withdraw`,
      `/console/letters/${reference}/stage1-acknowledgement/2/posted`,
      '/console/reports/new',
    ]) {
      const response = await rawRequest(site, {
        method: 'POST',
        path: target,
        headers: {
          cookie,
          origin: new URL(site).origin,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'version=1&handler=mo&reason=x',
      });
      expect(response.status, target).toBe(403);
    }
  });

  it('an officer and a manager may each act', async () => {
    for (const groups of [['officer'], ['manager']] as const) {
      const token = await tokenOf({
        username: 'ana',
        groups: [...groups],
        organisationId: ORG,
      });
      const logged = await staffJson(
        token,
        'POST',
        '/staff/complaints',
        commandFor['/staff/complaints'],
      );
      const acked = await staffJson(
        token,
        'POST',
        `/staff/complaints/${logged.body.reference}/acknowledgment`,
        { type: 'acknowledge', stage: 1, definition },
      );

      expect(logged.status).toBe(201);
      expect(acked.status).toBe(200);
    }
  });

  it('a signed-in user with no group is refused everything', async () => {
    const nobody = await tokenOf({
      username: 'nobody',
      groups: [],
      organisationId: ORG,
    });

    const read = await staffJson(nobody, 'GET', '/staff/queue');
    const act = await staffJson(
      nobody,
      'POST',
      '/staff/complaints',
      commandFor['/staff/complaints'],
    );
    const page = await rawRequest(site, {
      method: 'GET',
      path: '/console',
      headers: { cookie: sessionCookie(nobody) },
    });

    expect(read.status).toBe(403);
    expect(act.status).toBe(403);
    expect(page.status).toBe(403);
  });

  it.each([
    '/console/reports',
    '/console/reports/new',
    '/console/self-assessment',
    '/console/annual-report',
  ])(
    'an officer cannot reach the manager’s page %s (403), a manager can',
    async (target) => {
      const officerPage = await rawRequest(site, {
        method: 'GET',
        path: target,
        headers: { cookie: sessionCookie(await tokenOf(officer)) },
      });
      const managerPage = await rawRequest(site, {
        method: 'GET',
        path: target,
        headers: {
          cookie: sessionCookie(
            await tokenOf({
              username: 'meg',
              groups: ['manager'],
              organisationId: ORG,
            }),
          ),
        },
      });

      expect(officerPage.status).toBe(403);
      expect(officerPage.text).toContain('You cannot do that');
      expect(managerPage.status).toBe(200);
    },
  );
});

// ── the resident's tracking code ────────────────────────────────────────

describe('the resident’s tracking code', () => {
  /** Look-ups one address may make in an hour (functions/web/config.ts). */
  const PER_HOUR = 60;

  it(`answers the ${PER_HOUR + 1}st look-up from one address in an hour with 429 and Retry-After, right code or wrong`, async () => {
    const made = await rawRequest(site, {
      method: 'POST',
      path: '/complaints',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        summary: 'The boiler has failed three times this month.',
        resident: {
          name: 'Jo',
          email: 'jo@example.org',
          preferredContact: 'email',
        },
      }),
    });
    const { reference: tracked, trackingToken } = JSON.parse(made.text) as {
      reference: string;
      trackingToken: string;
    };
    const lookUp = (token: string) =>
      rawRequest(site, {
        method: 'POST',
        path: '/track',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ reference: tracked, token }).toString(),
      });
    const right = await lookUp(trackingToken);

    const statuses: number[] = [];
    for (let i = 1; i < PER_HOUR; i++) {
      statuses.push((await lookUp(`${'A'.repeat(21)}${i % 10}`)).status);
    }
    const limited = await lookUp('B'.repeat(22));
    const rightAfter = await lookUp(trackingToken);

    expect(right.status).toBe(200);
    expect(new Set(statuses)).toEqual(new Set([400]));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(String(limited.headers['content-type'])).toMatch(/^text\/html/);
    expect(rightAfter.status).toBe(429);
  });
});
