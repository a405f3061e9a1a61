import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import { codeChallengeOf, localAudience } from '../../infra/local/auth.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import { type LocalStack, startLocalStack } from '../../infra/local/start.js';
import { freePort } from './support/global-setup.js';

const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-stack-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function start(
  dynamodbPort: number,
  inMemory = false,
): Promise<LocalStack> {
  return startLocalStack({
    host: '127.0.0.1',
    apiPort: 0,
    dynamodbPort,
    sesPort: 0,
    schedulerPort: 0,
    smtpPort: 0,
    authPort: 0,
    s3Port: 0,
    dataDir: inMemory ? '' : dataDir,
    inMemory,
    organisationId: 'stack-org',
    policyId: 'code-2024',
    tableName: 'hearth-local',
    root,
    log: () => undefined,
  });
}

const complaint = {
  summary: 'The communal door entry system has been broken for a month.',
  resident: { name: 'Jo', email: 'jo@example.org', preferredContact: 'email' },
};

const post = (api: string, body: unknown) =>
  fetch(`${api}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('npm start: the local stack', () => {
  it('takes a web-form complaint through the API into DynamoDB Local, and keeps it across a restart', async () => {
    const port = await freePort();
    const first = await start(port);
    let reference: string;
    try {
      const created = await post(String(first.urls.api), complaint);
      const bad = await post(String(first.urls.api), {
        ...complaint,
        summary: '',
      });

      expect(created.status).toBe(201);
      reference = ((await created.json()) as { reference: string }).reference;
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toBe('application/problem+json');
      expect(
        ((await bad.json()) as { errors: { field: string }[] }).errors[0]
          ?.field,
      ).toBe('summary');
      expect(Object.keys(first.urls)).toEqual(
        expect.arrayContaining([
          'api',
          'sent mail (SES)',
          'scheduler API',
          'DynamoDB Local',
          'SMTP',
          'site',
          'auth',
          'resident form',
          'staff console',
        ]),
      );
      expect(existsSync(path.join(dataDir, 'assets', 'hearth.css'))).toBe(true);
    } finally {
      await first.stop();
    }

    const second = await start(port);
    try {
      const db = DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: `http://127.0.0.1:${port}`,
          region: localRegion,
          credentials: localCredentials,
        }),
      );
      const { Item } = await db.send(
        new GetCommand({
          TableName: 'hearth-local',
          Key: keys.complaint('stack-org', reference),
        }),
      );
      const next = await post(String(second.urls.api), complaint);

      expect(Item?.state).toMatchObject({
        reference,
        status: 'stage1-received',
        channel: 'web',
      });
      expect(((await next.json()) as { reference: string }).reference).not.toBe(
        reference,
      );
      db.destroy();
    } finally {
      await second.stop();
    }
  });

  it('serves the pages’ assets and signs the console in through the local hosted UI', async () => {
    const stack = await start(await freePort(), true);
    try {
      const { site, auth } = stack.urls as Record<string, string>;
      const issuer = String(stack.urls['user pool (issuer)']);
      expect(site).toBe(stack.urls.api);
      expect(stack.urls['resident form']).toBe(`${site}/complaint`);
      expect(stack.urls['staff console']).toBe(`${site}/console`);
      expect(issuer).toBe(`${auth}/local-user-pool`);
      expect(process.env[envKeys.siteUrl]).toBe(site);
      expect(process.env[envKeys.authUrl]).toBe(auth);
      expect(process.env[envKeys.authClientId]).toBe(localAudience);
      expect(process.env[envKeys.authIssuer]).toBe(issuer);

      const css = await fetch(`${site}/assets/hearth.css`);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect((await fetch(`${site}/assets/missing.css`)).status).toBe(404);

      const verifier = randomBytes(32).toString('base64url');
      const authorize = (redirectUri: string) =>
        `${auth}/oauth2/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: localAudience,
          redirect_uri: redirectUri,
          state: 's',
          scope: 'openid',
          code_challenge: codeChallengeOf(verifier),
          code_challenge_method: 'S256',
        })}`;
      expect((await fetch(authorize(`${site}/elsewhere`))).status).toBe(400);
      const page = await fetch(authorize(`${site}/console/callback`));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<strong>stack-org</strong>');
      const signedIn = await fetch(authorize(`${site}/console/callback`), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=ana&groups=officer',
        redirect: 'manual',
      });
      expect(signedIn.status).toBe(302);
      const callback = new URL(signedIn.headers.get('location') ?? '');
      expect(`${callback.origin}${callback.pathname}`).toBe(
        `${site}/console/callback`,
      );
      const tokens = await fetch(`${auth}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: localAudience,
          code: callback.searchParams.get('code') ?? '',
          redirect_uri: `${site}/console/callback`,
          code_verifier: verifier,
        }),
      });
      expect(tokens.status).toBe(200);
      const signedOut = await fetch(
        `${auth}/logout?${new URLSearchParams({ client_id: localAudience, logout_uri: `${site}/console/signed-out` })}`,
        { redirect: 'manual' },
      );
      expect(signedOut.headers.get('location')).toBe(
        `${site}/console/signed-out`,
      );
    } finally {
      await stack.stop();
    }
  });
});
