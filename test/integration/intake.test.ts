import { createHash } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import { lambdaContext } from '../../infra/local/lambda-runtime.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';
import { loadFunction } from './support/stack.js';

const client = dynamoDbClient();
const documents = DynamoDBDocumentClient.from(client);
let handler: (
  event: unknown,
  context: unknown,
) => Promise<APIGatewayProxyStructuredResultV2>;
let tableName: string;

beforeAll(async () => {
  tableName = await freshTable(client);
  handler = await loadFunction<typeof handler>('intake', {
    tableName,
    organisationId: 'intake-org',
    [envKeys.intakePerHour]: '5',
  });
});
afterAll(() => client.destroy());

const body = {
  summary: 'My kitchen window will not close and the frame is rotten.',
  issueDate: '2026-10-01',
  outcomeSought: 'Replace the window',
  resident: {
    name: 'Alex Resident',
    email: 'alex@example.org',
    preferredContact: 'email',
    formats: ['large-print'],
  },
};

/** Each request from its own address unless one is given (the rate limit counts per address). */
function post(
  payload: unknown,
  headers: Record<string, string> = {},
  sourceIp = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
): APIGatewayProxyEventV2 {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return {
    version: '2.0',
    routeKey: 'POST /complaints',
    rawPath: '/complaints',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/complaints',
        protocol: 'HTTP/1.1',
        sourceIp,
        userAgent: 'test',
      },
      requestId: crypto.randomUUID(),
      routeKey: 'POST /complaints',
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_600_000_000,
    },
    body: text,
    isBase64Encoded: false,
  };
}

const invoke = (event: APIGatewayProxyEventV2) =>
  handler(event, lambdaContext('intake'));

describe('POST /complaints (intake)', () => {
  it('receives a complaint: 201, a reference, a 128-bit token, the real due date, and the case in DynamoDB', async () => {
    const response = await invoke(post(body));

    expect(response.statusCode).toBe(201);
    const answer = JSON.parse(String(response.body));
    expect(answer.reference).toMatch(/^HTH-\d{4}-\d{6}$/);
    expect(Buffer.from(answer.trackingToken, 'base64url')).toHaveLength(16);
    expect(response.headers?.location).toBe(`/complaints/${answer.reference}`);
    expect(answer.dueDates[0]).toMatchObject({ clock: 'stage1.acknowledge' });

    const { Item } = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.complaint('intake-org', answer.reference),
      }),
    );
    expect(Item?.state).toMatchObject({
      reference: answer.reference,
      channel: 'web',
      status: 'stage1-received',
      resident: { name: 'Alex Resident', formats: ['large-print'] },
    });
    expect(Item?.trackingTokenHash).toBe(
      createHash('sha256').update(answer.trackingToken).digest('hex'),
    );
    expect(JSON.stringify(Item)).not.toContain(answer.trackingToken);
  });

  it('answers a retry with the same Idempotency-Key with the first answer, not a second complaint', async () => {
    const key = { 'idempotency-key': crypto.randomUUID() };

    const first = await invoke(post(body, key));
    const retry = await invoke(post(body, key));
    const other = await invoke(
      post(body, { 'idempotency-key': crypto.randomUUID() }),
    );

    expect(retry).toEqual(first);
    expect(JSON.parse(String(other.body)).reference).not.toBe(
      JSON.parse(String(first.body)).reference,
    );
  });

  it('refuses the same Idempotency-Key with a different body', async () => {
    const key = { 'idempotency-key': crypto.randomUUID() };
    await invoke(post(body, key));

    const reused = await invoke(
      post({ ...body, summary: 'Something else entirely happened here.' }, key),
    );

    expect(reused.statusCode).toBe(422);
    expect(reused.headers?.['content-type']).toBe('application/problem+json');
  });

  it.each([
    [
      { ...body, resident: { ...body.resident, email: 'not-an-email' } },
      'resident.email',
    ],
    [{ ...body, summary: 'short' }, 'summary'],
    [{ ...body, issueDate: '2026-02-30' }, 'issueDate'],
    [{ ...body, website: 'http://spam.example' }, 'website'],
    [{ ...body, unexpected: true }, ''],
  ])('returns 400 problem+json naming the field for %#', async (bad, field) => {
    const response = await invoke(post(bad));

    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    const problem = JSON.parse(String(response.body));
    expect(problem).toMatchObject({
      status: 400,
      type: '/problems/invalid-request',
    });
    if (field)
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain(
        field,
      );
    else expect(problem.detail).toMatch(/unexpected/);
  });

  it('names the missing contact detail the resident asked to be reached by (a domain rule)', async () => {
    const response = await invoke(
      post({
        ...body,
        resident: { name: 'Pat', preferredContact: 'post', formats: [] },
      }),
    );

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body))).toMatchObject({
      code: 'RECEIPT.CONTACT_MISSING',
      errors: [{ field: 'resident.address' }],
    });
  });

  it('refuses a sixth complaint from one address within the hour with 429 and Retry-After', async () => {
    const responses = [];
    for (let i = 0; i < 6; i += 1)
      responses.push(await invoke(post(body, {}, '192.0.2.7')));
    const elsewhere = await invoke(post(body, {}, '192.0.2.8'));

    expect(responses.slice(0, 5).map((r) => r.statusCode)).toEqual([
      201, 201, 201, 201, 201,
    ]);
    expect(responses[5]?.statusCode).toBe(429);
    expect(Number(responses[5]?.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(elsewhere.statusCode).toBe(201);
  });

  it('returns 400 for a body that is not JSON', async () => {
    const response = await invoke(post('{"summary": '));

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body)).errors[0].field).toBe('body');
  });
});
