import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
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

async function start(dynamodbPort: number): Promise<LocalStack> {
  return startLocalStack({
    host: '127.0.0.1',
    apiPort: 0,
    dynamodbPort,
    sesPort: 0,
    schedulerPort: 0,
    smtpPort: 0,
    authPort: 0,
    s3Port: 0,
    dataDir,
    inMemory: false,
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
        ]),
      );
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
});
