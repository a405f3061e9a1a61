import { createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  decodeProtectedHeader,
  type JWTHeaderParameters,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSigningKey } from '../../../infra/local/auth/keys.js';
import {
  createLocalIssuer,
  type LocalIssuer,
  signingKeyFile,
  subOf,
  tokenOf,
} from '../../../infra/local/auth.js';

const issuerUrl = 'http://127.0.0.1:8015/local-user-pool';
const audience = 'hearth-local-console';
const ana = {
  username: 'ana',
  groups: ['officer' as const],
  organisationId: 'local',
};
const start = new Date('2026-03-02T09:00:00Z');

let dataDir: string;
let now: Date;
let pool: LocalIssuer;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-auth-'));
  now = start;
  pool = await createLocalIssuer({
    dataDir,
    issuer: issuerUrl,
    audience,
    now: () => now,
  });
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const bearer = (token: string) => ({
  method: 'GET',
  path: '/staff',
  headers: { authorization: `Bearer ${token}` },
});
const base64url = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A token signed with the pool's own key, with any claims and header
 * (a claim or header parameter given as undefined is left out).
 */
async function signedByPool(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const key = await loadSigningKey(dataDir);
  const defined = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  const payload: JWTPayload = defined({
    iss: issuerUrl,
    aud: audience,
    iat: seconds(now),
    exp: seconds(now) + 3600,
    ...claims,
  });
  const protectedHeader: JWTHeaderParameters = defined({
    alg: 'RS256',
    kid: key.kid,
    ...header,
  });
  return new SignJWT(payload)
    .setProtectedHeader(protectedHeader)
    .sign(key.privateKey);
}

describe('the local user pool', () => {
  it('issues an ID token shaped as Cognito’s that it then accepts', async () => {
    const token = await pool.issue({ ...ana, email: 'ana@example.org' });

    const claims = await pool.verify(token);
    expect(claims).toEqual({
      sub: subOf('ana'),
      'cognito:groups': ['officer'],
      email_verified: true,
      iss: issuerUrl,
      'cognito:username': 'ana',
      origin_jti: expect.any(String),
      aud: audience,
      event_id: expect.any(String),
      token_use: 'id',
      auth_time: seconds(start),
      'custom:organisation': 'local',
      exp: seconds(start) + 8 * 3600,
      iat: seconds(start),
      jti: expect.any(String),
      email: 'ana@example.org',
    });
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'RS256',
      kid: pool.jwks().keys[0]?.kid,
    });
  });

  it('gives a user the same UUID sub in every token, and another user another', async () => {
    const first = await pool.verify(await pool.issue(ana));
    const again = await pool.verify(await pool.issue({ ...ana, groups: [] }));
    const ben = await pool.verify(
      await pool.issue({ ...ana, username: 'ben' }),
    );

    expect(first?.sub).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(again?.sub).toBe(first?.sub);
    expect(ben?.sub).not.toBe(first?.sub);
  });

  it('leaves cognito:groups out for a user in no group, as Cognito does', async () => {
    const claims = await pool.verify(await pool.issue({ ...ana, groups: [] }));

    expect(claims).not.toHaveProperty('cognito:groups');
    expect(claims?.email).toBe('ana@local.localhost');
  });

  it('publishes only the public half of its key', () => {
    const { keys } = pool.jwks();

    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({
      alg: 'RS256',
      e: 'AQAB',
      kid: expect.any(String),
      kty: 'RSA',
      n: expect.any(String),
      use: 'sig',
    });
  });

  it('refuses to issue for an unknown group or a bad organisation id', async () => {
    await expect(
      pool.issue({ ...ana, groups: ['admin' as 'officer'] }),
    ).rejects.toThrow();
    await expect(
      pool.issue({ ...ana, organisationId: 'Not An Id' }),
    ).rejects.toThrow();
  });
});

describe('its JWT authorizer, as API Gateway checks a token', () => {
  it('lets a request with a good bearer token through with its claims', async () => {
    const token = await pool.issue(ana);

    const claims = await pool.authorize(bearer(token));

    expect(claims?.['cognito:username']).toBe('ana');
  });

  it('reads the token alone or after Bearer, in any case of header name or scheme', async () => {
    const token = await pool.issue(ana);
    const request = (headers: Record<string, string>) =>
      pool.authorize({ method: 'GET', path: '/staff', headers });

    expect(await request({ authorization: token })).toBeDefined();
    expect(await request({ Authorization: `bearer ${token}` })).toBeDefined();
    expect(await request({ AUTHORIZATION: `BEARER  ${token} ` })).toBeDefined();
  });

  it.each([
    ['no header', {}],
    ['an empty header', { authorization: '' }],
    ['Bearer and nothing', { authorization: 'Bearer' }],
    ['another scheme', { authorization: 'Basic YW5hOnNlY3JldA==' }],
    ['garbage', { authorization: 'Bearer not.a.jwt' }],
    ['two tokens', { authorization: 'Bearer a.b.c,Bearer d.e.f' }],
  ])('refuses %s', async (_, headers: Record<string, string>) => {
    expect(
      await pool.authorize({ method: 'GET', path: '/staff', headers }),
    ).toBeUndefined();
  });

  it('refuses an expired token, allowing a few seconds of clock skew only', async () => {
    const token = await pool.issue({ ...ana, ttlSeconds: 60 });

    now = new Date(start.getTime() + 62_000);
    const withinSkew = await pool.verify(token);
    now = new Date(start.getTime() + 66_000);
    const expired = await pool.verify(token);

    expect(withinSkew).toBeDefined();
    expect(expired).toBeUndefined();
  });

  it('refuses a token for another audience or from another issuer', async () => {
    const otherClient = await createLocalIssuer({
      dataDir,
      issuer: issuerUrl,
      audience: 'another-client',
      now: () => now,
    });
    const otherPool = await createLocalIssuer({
      dataDir,
      issuer: 'http://127.0.0.1:9999/local-user-pool',
      audience,
      now: () => now,
    });

    expect(await pool.verify(await otherClient.issue(ana))).toBeUndefined();
    expect(await pool.verify(await otherPool.issue(ana))).toBeUndefined();
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, payload, signature] = (await pool.issue(ana)).split('.');
    const claims = JSON.parse(
      Buffer.from(payload ?? '', 'base64url').toString(),
    );
    const forged = { ...claims, 'cognito:groups': ['manager'] };

    const token = `${header}.${base64url(forged)}.${signature}`;

    expect(await pool.verify(token)).toBeUndefined();
  });

  it('refuses a token signed by another key, even under this key’s kid', async () => {
    const stranger = await createLocalIssuer({
      issuer: issuerUrl,
      audience,
      now: () => now,
    });
    const [, payload, signature] = (await stranger.issue(ana)).split('.');
    const kid = pool.jwks().keys[0]?.kid;

    const relabelled = `${base64url({ alg: 'RS256', kid })}.${payload}.${signature}`;

    expect(await pool.verify(await stranger.issue(ana))).toBeUndefined();
    expect(await pool.verify(relabelled)).toBeUndefined();
  });

  it('refuses an unsigned token (alg none)', async () => {
    const [, payload] = (await pool.issue(ana)).split('.');
    const kid = pool.jwks().keys[0]?.kid;

    const unsigned = `${base64url({ alg: 'none', kid })}.${payload}.`;

    expect(await pool.verify(unsigned)).toBeUndefined();
  });

  it('refuses HS256 signed with the public key as the secret', async () => {
    const jwk = pool.jwks().keys[0];
    const pem = createPublicKey({ key: { ...jwk }, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const claims = await pool.verify(await pool.issue(ana));

    const forgeries = await Promise.all(
      [pem, JSON.stringify(jwk)].map((secret) =>
        new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'HS256', kid: jwk?.kid ?? '' })
          .sign(new TextEncoder().encode(secret)),
      ),
    );

    for (const forged of forgeries) {
      expect(await pool.verify(forged)).toBeUndefined();
    }
  });

  it('refuses a token without a kid or with a kid not in the JWKS', async () => {
    expect(await pool.verify(await signedByPool({}))).toBeDefined();
    expect(
      await pool.verify(await signedByPool({}, { kid: undefined })),
    ).toBeUndefined();
    expect(
      await pool.verify(await signedByPool({}, { kid: 'another-kid' })),
    ).toBeUndefined();
  });

  it('refuses a token without exp, or not yet valid (nbf, iat in the future)', async () => {
    const later = seconds(now) + 60;

    expect(
      await pool.verify(await signedByPool({ exp: undefined })),
    ).toBeUndefined();
    expect(
      await pool.verify(await signedByPool({ nbf: later })),
    ).toBeUndefined();
    expect(
      await pool.verify(await signedByPool({ iat: later })),
    ).toBeUndefined();
  });

  it('checks client_id, as for an access token, only when aud is absent', async () => {
    const accessToken = await signedByPool({
      aud: undefined,
      client_id: audience,
      token_use: 'access',
    });
    const wrongClient = await signedByPool({
      aud: undefined,
      client_id: 'another-client',
    });
    const audWins = await signedByPool({
      aud: 'another-client',
      client_id: audience,
    });

    expect(await pool.verify(accessToken)).toBeDefined();
    expect(await pool.verify(wrongClient)).toBeUndefined();
    expect(await pool.verify(audWins)).toBeUndefined();
  });

  it('accepts an aud array that names this client', async () => {
    const token = await signedByPool({ aud: ['another-client', audience] });

    expect(await pool.verify(token)).toBeDefined();
  });
});

describe('the signing key in the data folder', () => {
  it('outlives the pool: a token from one verifies with the next', async () => {
    const token = await pool.issue(ana);

    const restarted = await createLocalIssuer({
      dataDir,
      issuer: issuerUrl,
      audience,
      now: () => now,
    });

    expect(restarted.jwks()).toEqual(pool.jwks());
    expect(await restarted.verify(token)).toBeDefined();
  });

  it('is readable by its owner only', async () => {
    const mode = (await stat(signingKeyFile(dataDir))).mode & 0o777;

    expect(mode).toBe(0o600);
  });

  it('is made once when two pools start on an empty folder together', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'hearth-auth-'));
    try {
      const make = () =>
        createLocalIssuer({ dataDir: empty, issuer: issuerUrl, audience });
      const pools = await Promise.all([make(), make(), make()]);

      const kids = pools.map((p) => p.jwks().keys[0]?.kid);
      expect(new Set(kids).size).toBe(1);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('is kept in memory, different each time, without a data folder', async () => {
    const make = () => createLocalIssuer({ issuer: issuerUrl, audience });
    const [first, second] = await Promise.all([make(), make()]);

    expect(first.jwks()).not.toEqual(second.jwks());
    expect(await second.verify(await first.issue(ana))).toBeUndefined();
  });

  it('names a damaged key file without quoting it', async () => {
    const file = signingKeyFile(dataDir);
    const secret = (await readFile(file, 'utf8')).slice(0, 200);
    await writeFile(file, secret);

    const opening = createLocalIssuer({ dataDir, issuer: issuerUrl, audience });

    await expect(opening).rejects.toThrow(file);
    await expect(opening).rejects.not.toThrow(secret.slice(20, 60));
  });
});

describe('tokenOf', () => {
  it('takes the identity source as API Gateway does', () => {
    expect(tokenOf({ headers: { authorization: 'Bearer a.b.c' } })).toBe(
      'a.b.c',
    );
    expect(tokenOf({ headers: { authorization: 'a.b.c' } })).toBe('a.b.c');
    expect(
      tokenOf({ headers: { 'x-authorization': 'a.b.c' } }),
    ).toBeUndefined();
  });
});
