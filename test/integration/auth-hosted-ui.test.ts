import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeChallengeOf,
  localAudience,
  type RunningIssuerServer,
  startLocalUserPool,
} from '../../infra/local/auth.js';

const site = 'http://127.0.0.1:3999';
const callback = `${site}/console/callback`;
const signedOut = `${site}/console/signed-out`;

/** The pool's clock: real time plus a shift a test can move forward. */
let shiftMs = 0;
const now = () => new Date(Date.now() + shiftMs);

let pool: RunningIssuerServer;

beforeAll(async () => {
  pool = await startLocalUserPool({
    port: 0,
    organisationId: 'hosted-org',
    now,
  });
  pool.configureClient({ callbackUrls: [callback], signOutUrls: [signedOut] });
});

afterAll(() => pool?.stop());

const newVerifier = () => randomBytes(32).toString('base64url');

function authorizeUrl(overrides: Record<string, string | undefined> = {}) {
  const verifier = overrides.verifier ?? newVerifier();
  const parameters: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: localAudience,
    redirect_uri: callback,
    state: 'state-123',
    scope: 'openid email profile',
    code_challenge: codeChallengeOf(verifier),
    code_challenge_method: 'S256',
    nonce: 'nonce-456',
    ...overrides,
  };
  delete parameters.verifier;
  const url = new URL(`${pool.url}/oauth2/authorize`);
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return { url: url.toString(), verifier };
}

async function signIn(
  url: string,
  fields: [string, string][] = [
    ['username', 'ana'],
    ['groups', 'officer'],
    ['groups', 'manager'],
  ],
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** Signs in through the page and returns the code the callback receives. */
async function codeFor(
  overrides: Record<string, string | undefined> = {},
): Promise<{ code: string; verifier: string; location: URL }> {
  const { url, verifier } = authorizeUrl(overrides);
  const response = await signIn(url);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  return { code: location.searchParams.get('code') ?? '', verifier, location };
}

function exchange(fields: Record<string, string>): Promise<Response> {
  return fetch(`${pool.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const tokenRequest = (code: string, verifier: string) => ({
  grant_type: 'authorization_code',
  client_id: localAudience,
  code,
  redirect_uri: callback,
  code_verifier: verifier,
});

describe('the local hosted UI’s sign-in page', () => {
  it('is a simple, accessible page that says there is no password', async () => {
    const response = await fetch(authorizeUrl().url);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'text/html; charset=utf-8',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${site}`,
    );
    const html = await response.text();
    expect(html).toMatch(/<html lang="en-GB">/);
    expect(html).toMatch(/<title>Sign in – Hearth local user pool<\/title>/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('id="username" name="username"');
    for (const group of ['officer', 'manager', 'mrc']) {
      expect(html).toContain(
        `<input type="checkbox" id="group-${group}" name="groups" value="${group}">`,
      );
      expect(html).toContain(`<label for="group-${group}">`);
    }
    expect(html).toContain('<legend>Groups</legend>');
    expect(html).toContain('There is no password');
    expect(html).toContain('<strong>hosted-org</strong>');
    expect(html).not.toMatch(/type="password"/);
  });

  it('refuses an unknown client with an error page, never a redirect', async () => {
    const response = await fetch(
      authorizeUrl({ client_id: 'someone-else' }).url,
      {
        redirect: 'manual',
      },
    );

    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<h1>Unknown app client</h1>');
    expect(html).toContain('someone-else');
  });

  it('refuses a redirect_uri other than the callback with an error page', async () => {
    for (const redirect_uri of [
      'https://evil.example/console/callback',
      `${callback}/`,
      `${callback}?next=x`,
    ]) {
      const response = await fetch(authorizeUrl({ redirect_uri }).url, {
        redirect: 'manual',
      });
      const posted = await signIn(authorizeUrl({ redirect_uri }).url);

      for (const answer of [response, posted]) {
        expect(answer.status).toBe(400);
        expect(answer.headers.get('location')).toBeNull();
        expect(await answer.text()).toContain('<h1>Redirect not allowed</h1>');
      }
    }
  });

  it('sends a request without PKCE, or with plain PKCE, back to the callback with an error', async () => {
    for (const overrides of [
      { code_challenge: undefined },
      { code_challenge_method: 'plain' },
      { response_type: 'token' },
      { scope: 'openid aws.cognito.signin.user.admin' },
    ]) {
      const response = await fetch(authorizeUrl(overrides).url, {
        redirect: 'manual',
      });

      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(callback);
      expect(location.searchParams.get('error')).toMatch(
        /^(invalid_request|unsupported_response_type|invalid_scope)$/,
      );
      expect(location.searchParams.get('state')).toBe('state-123');
      expect(location.searchParams.has('code')).toBe(false);
    }
  });

  it('shows the page again, with the problem, for a bad username or group', async () => {
    const { url } = authorizeUrl();
    const blank = await signIn(url, [['username', ' ']]);
    const spaced = await signIn(url, [['username', 'ana smith']]);
    const group = await signIn(url, [
      ['username', 'ana'],
      ['groups', 'admin'],
    ]);

    for (const response of [blank, spaced, group]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      const html = await response.text();
      expect(html).toContain('<title>Error: Sign in – Hearth local user pool');
      expect(html).toContain('There is a problem');
    }
    expect(
      await (await signIn(url, [['username', '<b>a b</b>']])).text(),
    ).toContain('value="&lt;b&gt;a b&lt;/b&gt;"');
  });
});

describe('the authorization code flow', () => {
  it('issues a one-time code and redirects to the callback with the state', async () => {
    const { code, location } = await codeFor();

    expect(`${location.origin}${location.pathname}`).toBe(callback);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('exchanges the code and verifier for Cognito-shaped tokens', async () => {
    const { code, verifier } = await codeFor();

    const response = await exchange(tokenRequest(code, verifier));

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'token_type',
    ]);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 28_800 });

    const discovery = (await (
      await fetch(`${pool.issuerUrl}/.well-known/openid-configuration`)
    ).json()) as { jwks_uri: string; issuer: string };
    const keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
    const { payload: id } = await jwtVerify(String(body.id_token), keys, {
      issuer: pool.issuerUrl,
      audience: localAudience,
    });
    expect(id).toMatchObject({
      token_use: 'id',
      'cognito:username': 'ana',
      'cognito:groups': ['officer', 'manager'],
      'custom:organisation': 'hosted-org',
      nonce: 'nonce-456',
    });
    const { payload: access } = await jwtVerify(
      String(body.access_token),
      keys,
      {
        issuer: pool.issuerUrl,
      },
    );
    expect(access).toMatchObject({
      token_use: 'access',
      client_id: localAudience,
      username: 'ana',
      scope: 'openid email profile',
    });
    expect(access.aud).toBeUndefined();
    // The API's JWT authorizer takes the ID token, as API Gateway would.
    expect(await pool.issuer.verify(String(body.id_token))).toMatchObject({
      'cognito:username': 'ana',
    });
  });

  it('refuses a wrong verifier, and the code is spent by the attempt', async () => {
    const { code, verifier } = await codeFor();

    const wrong = await exchange(tokenRequest(code, newVerifier()));
    const afterwards = await exchange(tokenRequest(code, verifier));

    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant' });
    expect(afterwards.status).toBe(400);
    expect(await afterwards.json()).toEqual({ error: 'invalid_grant' });
  });

  it('refuses a code used twice', async () => {
    const { code, verifier } = await codeFor();

    const first = await exchange(tokenRequest(code, verifier));
    const second = await exchange(tokenRequest(code, verifier));

    expect(first.status).toBe(200);
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ error: 'invalid_grant' });
  });

  it('refuses a redirect_uri other than the one the code was issued for', async () => {
    const { code, verifier } = await codeFor();

    const response = await exchange({
      ...tokenRequest(code, verifier),
      redirect_uri: `${site}/elsewhere`,
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_grant' });
  });

  it('refuses a code past its five minutes', async () => {
    const { code, verifier } = await codeFor();
    shiftMs = 5 * 60 * 1000 + 1000;
    try {
      const response = await exchange(tokenRequest(code, verifier));

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'invalid_grant' });
    } finally {
      shiftMs = 0;
    }
  });

  it('refuses another client, another grant type and a JSON body', async () => {
    const { code, verifier } = await codeFor();

    const client = await exchange({
      ...tokenRequest(code, verifier),
      client_id: 'someone-else',
    });
    const grant = await exchange({
      ...tokenRequest(code, verifier),
      grant_type: 'refresh_token',
    });
    const json = await fetch(`${pool.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tokenRequest(code, verifier)),
    });

    expect(client.status).toBe(401);
    expect(await client.json()).toEqual({ error: 'invalid_client' });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toEqual({ error: 'unsupported_grant_type' });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: 'invalid_request' });
  });

  it('leaves out the ID token when openid was not asked for', async () => {
    const { code, verifier } = await codeFor({ scope: 'email' });

    const body = (await (
      await exchange(tokenRequest(code, verifier))
    ).json()) as Record<string, unknown>;

    expect(body.id_token).toBeUndefined();
    expect(decodeJwt(String(body.access_token)).scope).toBe('email');
  });

  it('lists its endpoints in the discovery document', async () => {
    const document = await (
      await fetch(`${pool.url}/.well-known/openid-configuration`)
    ).json();

    expect(document).toMatchObject({
      issuer: pool.issuerUrl,
      authorization_endpoint: `${pool.url}/oauth2/authorize`,
      token_endpoint: `${pool.url}/oauth2/token`,
    });
  });
});

describe('signing out', () => {
  it('redirects to the configured sign-out URL', async () => {
    const response = await fetch(
      `${pool.url}/logout?${new URLSearchParams({ client_id: localAudience, logout_uri: signedOut })}`,
      { redirect: 'manual' },
    );

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(signedOut);
  });

  it('refuses another sign-out URL or client with an error page', async () => {
    const elsewhere = await fetch(
      `${pool.url}/logout?${new URLSearchParams({ client_id: localAudience, logout_uri: 'https://evil.example/' })}`,
      { redirect: 'manual' },
    );
    const client = await fetch(
      `${pool.url}/logout?${new URLSearchParams({ client_id: 'x', logout_uri: signedOut })}`,
      { redirect: 'manual' },
    );

    for (const response of [elsewhere, client]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toContain('text/html');
    }
  });
});
