import { createHash } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  beginSignIn,
  isSameOrigin,
  safeNext,
  sessionVerifier,
} from '../../../../functions/console/session.js';

const settings = {
  siteUrl: 'https://complaints.example.org.uk',
  authUrl: 'https://hearth.auth.eu-west-2.amazoncognito.com',
  clientId: 'console-client',
  issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_pool',
};
const now = new Date('2026-11-25T10:00:00Z');
const at = Math.floor(now.getTime() / 1000);

let sign: (claims: JWTPayload) => Promise<string>;
let verify: ReturnType<typeof sessionVerifier>['verify'];

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  verify = sessionVerifier(settings, createLocalJWKSet({ keys: [jwk] })).verify;
  sign = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign(privateKey);
});

const idToken = (overrides: JWTPayload = {}) =>
  sign({
    sub: 'f6a1c1e2-0000-4000-8000-000000000001',
    'cognito:username': 'ana',
    'cognito:groups': ['officer'],
    'custom:organisation': 'riverside',
    token_use: 'id',
    iss: settings.issuer,
    aud: settings.clientId,
    iat: at - 60,
    exp: at + 3600,
    ...overrides,
  });

describe('the console session: a Cognito ID token, verified', () => {
  it('maps a valid ID token to the staff member, their roles and organisation', async () => {
    const session = await verify(await idToken(), now);

    expect(session).toEqual({
      staff: {
        username: 'ana',
        organisationId: 'riverside',
        roles: ['officer'],
      },
      expiresIn: 3600,
    });
  });

  it('refuses an access token, another client’s token, another pool’s, and an expired one', async () => {
    const refused = await Promise.all([
      idToken({ token_use: 'access' }),
      idToken({ aud: 'another-client' }),
      idToken({ iss: 'https://cognito-idp.eu-west-2.amazonaws.com/other' }),
      idToken({ exp: at - 1 }),
      idToken({ 'custom:organisation': undefined }),
    ]);

    for (const token of refused) {
      expect(await verify(token, now)).toBeUndefined();
    }
    expect(await verify('not.a.token', now)).toBeUndefined();
  });
});

describe('starting a sign-in', () => {
  it('asks for a code with PKCE (S256) and keeps state and verifier in a short HttpOnly cookie', () => {
    const { location, cookie } = beginSignIn(settings, '/console/print');

    const url = new URL(location);
    const [state, verifier] = (/=([^;]*)/.exec(cookie)?.[1] ?? '').split('.');
    expect(url.origin + url.pathname).toBe(
      `${settings.authUrl}/oauth2/authorize`,
    );
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256')
        .update(verifier ?? '')
        .digest('base64url'),
    );
    expect(url.searchParams.get('redirect_uri')).toBe(
      'https://complaints.example.org.uk/console/callback',
    );
    expect(cookie).toMatch(
      /; Path=\/console; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/,
    );
  });

  it('returns only to console pages after sign-in', () => {
    expect(safeNext('/console/complaints/HTH-2026-000001')).toBe(
      '/console/complaints/HTH-2026-000001',
    );
    expect(safeNext('/console?stage=1&handler=ana')).toBe(
      '/console?stage=1&handler=ana',
    );
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/consolex',
      '/console//evil.example',
      undefined,
    ]) {
      expect(safeNext(bad)).toBe('/console');
    }
  });
});

describe('refusing cross-site posts', () => {
  it('accepts our Origin, or same-origin Sec-Fetch-Site without one; refuses everything else', () => {
    const site = settings.siteUrl;

    expect(isSameOrigin({ origin: site }, site)).toBe(true);
    expect(isSameOrigin({ 'sec-fetch-site': 'same-origin' }, site)).toBe(true);
    expect(isSameOrigin({ origin: 'https://evil.example' }, site)).toBe(false);
    expect(isSameOrigin({ origin: 'null' }, site)).toBe(false);
    expect(
      isSameOrigin(
        { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
        site,
      ),
    ).toBe(false);
    expect(isSameOrigin({ 'sec-fetch-site': 'same-site' }, site)).toBe(false);
    expect(isSameOrigin({}, site)).toBe(false);
  });
});
