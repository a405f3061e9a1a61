import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningApiGateway,
  startApiGateway,
} from '../../infra/local/api-gateway.js';
import {
  issuerFile,
  type RunningIssuerServer,
  startLocalUserPool,
} from '../../infra/local/auth.js';
import { LocalLambdas } from '../../infra/local/lambda-runtime.js';
import type { ApiRoute } from '../../infra/local/route-match.js';

const root = fileURLToPath(new URL('../fixtures/lambda-root', import.meta.url));

const routes: ApiRoute[] = [
  { method: 'GET', path: '/staff/things', function: 'echo', auth: 'staff' },
  { method: 'GET', path: '/things', function: 'echo', auth: 'public' },
];

let dataDir: string;
let pool: RunningIssuerServer;
let api: RunningApiGateway;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-auth-'));
  pool = await startLocalUserPool({ port: 0, dataDir });
  api = await startApiGateway({
    port: 0,
    routes,
    lambdas: new LocalLambdas({ root }),
    authorize: pool.authorize,
  });
});

afterAll(async () => {
  await api?.stop();
  await pool?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function signIn(body: unknown): Promise<Response> {
  return fetch(`${pool.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function tokenFor(groups: string[]): Promise<string> {
  const response = await signIn({
    username: 'ana',
    groups,
    organisationId: 'local',
  });
  return ((await response.json()) as { idToken: string }).idToken;
}

const staffThings = (headers: Record<string, string> = {}) =>
  fetch(`${api.url}/staff/things`, { headers });

describe('staff routes behind the local user pool', () => {
  it('answer 401 without a token, as API Gateway does', async () => {
    const response = await staffThings();

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('answer 401 for a token the pool did not sign', async () => {
    const token = await tokenFor(['officer']);
    const [header, payload] = token.split('.');

    const response = await staffThings({
      authorization: `Bearer ${header}.${payload}.AAAA`,
    });

    expect(response.status).toBe(401);
  });

  it('pass a good token’s claims to the function, rendered as API Gateway renders them', async () => {
    const token = await tokenFor(['officer', 'manager']);

    const response = await staffThings({ authorization: `Bearer ${token}` });

    expect(response.status).toBe(200);
    const event =
      (await response.json()) as APIGatewayProxyEventV2WithJWTAuthorizer;
    const { claims, scopes } = event.requestContext.authorizer.jwt;
    expect(claims).toMatchObject({
      'cognito:groups': '[officer manager]',
      'cognito:username': 'ana',
      'custom:organisation': 'local',
      token_use: 'id',
      iss: pool.issuerUrl,
      aud: 'hearth-local-console',
      email_verified: 'true',
    });
    expect(claims.exp).toMatch(/^\d+$/);
    expect(scopes).toBeNull();
    expect(event.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('leave public routes open', async () => {
    const response = await fetch(`${api.url}/things`);

    expect(response.status).toBe(200);
  });
});

describe('the local user pool’s endpoints', () => {
  it('publish a discovery document whose jwks_uri verifies its tokens', async () => {
    const discovery = await fetch(
      `${pool.issuerUrl}/.well-known/openid-configuration`,
    );
    const atRoot = await fetch(`${pool.url}/.well-known/openid-configuration`);

    expect(discovery.status).toBe(200);
    const document = (await discovery.json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(await atRoot.json()).toEqual(document);
    expect(document).toMatchObject({
      issuer: pool.issuerUrl,
      jwks_uri: `${pool.issuerUrl}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const keys = createRemoteJWKSet(new URL(document.jwks_uri));
    const { payload } = await jwtVerify(await tokenFor(['mrc']), keys, {
      issuer: document.issuer,
      audience: 'hearth-local-console',
    });
    expect(payload['cognito:groups']).toEqual(['mrc']);
  });

  it('serve the JWKS at the root too, public keys only', async () => {
    const response = await fetch(`${pool.url}/.well-known/jwks.json`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const { keys } = (await response.json()) as {
      keys: Record<string, unknown>[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('sign a local user in with POST /token', async () => {
    const response = await signIn({
      username: 'ben',
      groups: ['manager'],
      organisationId: 'local',
      ttlSeconds: 600,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as {
      idToken: string;
      expiresIn: number;
      tokenType: string;
    };
    expect(body).toMatchObject({ expiresIn: 600, tokenType: 'Bearer' });
    expect(await pool.issuer.verify(body.idToken)).toMatchObject({
      'cognito:username': 'ben',
    });
  });

  it('refuse a sign-in that is not JSON or names an unknown group', async () => {
    const notJson = await fetch(`${pool.url}/token`, {
      method: 'POST',
      body: 'username=ana',
    });
    const badGroup = await signIn({
      username: 'ana',
      groups: ['admin'],
      organisationId: 'local',
    });

    expect(notJson.status).toBe(400);
    expect(badGroup.status).toBe(400);
    const body = (await badGroup.json()) as { errors: { field: string }[] };
    expect(body.errors[0]?.field).toBe('groups.0');
  });

  it('answer 404 elsewhere and 405 for the wrong method', async () => {
    const elsewhere = await fetch(`${pool.url}/users`);
    const getToken = await fetch(`${pool.url}/token`);

    expect(elsewhere.status).toBe(404);
    expect(getToken.status).toBe(405);
  });

  it('allow a page on this machine to sign in, and no other', async () => {
    const local = await fetch(`${pool.url}/token`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173' },
    });
    const foreign = await fetch(`${pool.url}/token`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com' },
    });

    expect(local.headers.get('access-control-allow-origin')).toBe(
      'http://localhost:5173',
    );
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('record the issuer in the data folder for npm run token', async () => {
    const recorded = JSON.parse(await readFile(issuerFile(dataDir), 'utf8'));

    expect(recorded).toEqual({
      issuer: pool.issuerUrl,
      audience: 'hearth-local-console',
    });
  });
});
