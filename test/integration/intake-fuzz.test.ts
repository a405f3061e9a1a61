import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    organisationId: 'fuzz-org',
    [envKeys.intakePerHour]: '100000',
  });
});
afterAll(() => client.destroy());

const valid = {
  summary: 'The bins have not been collected from the block for a month.',
  resident: {
    name: 'Kim',
    email: 'kim@example.org',
    preferredContact: 'email',
  },
};

/** Near-valid bodies: each field sometimes right, sometimes any JSON at all. */
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof(good, fc.jsonValue(), fc.constant(undefined));
const nearValid = fc.record({
  summary: field(fc.string({ maxLength: 30_000 })),
  issueDate: field(fc.string()),
  awareDate: field(
    fc
      .date()
      .map((d) =>
        Number.isNaN(d.getTime()) ? 'x' : d.toISOString().slice(0, 10),
      ),
  ),
  outcomeSought: field(fc.string()),
  resident: field(
    fc.record({
      name: field(fc.string()),
      email: field(fc.emailAddress()),
      phone: field(fc.string()),
      address: field(fc.array(fc.string())),
      preferredContact: field(fc.constantFrom('email', 'post', 'phone', 'fax')),
      formats: field(
        fc.array(fc.constantFrom('large-print', 'braille', 'nope')),
      ),
    }),
  ),
  representative: field(
    fc.record({
      name: fc.string(),
      relationship: fc.string(),
      consent: fc.jsonValue(),
    }),
  ),
  website: field(fc.string()),
});
const bodies = fc.oneof(
  nearValid.map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 2_000 }),
  fc.constant(JSON.stringify(valid)),
);

function post(body: string, headers: Record<string, string>) {
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
        sourceIp: '198.51.100.1',
        userAgent: 'fuzz',
      },
      requestId: crypto.randomUUID(),
      routeKey: 'POST /complaints',
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_600_000_000,
    },
    body,
    isBase64Encoded: false,
  };
}

describe('fuzzing POST /complaints', () => {
  it('never answers 500, always problem+json when refused, and never leaves a half-written case', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        bodies,
        fc.option(fc.string({ minLength: 1, maxLength: 60 }), {
          nil: undefined,
        }),
        async (body, key) => {
          const response = await handler(
            post(body, key === undefined ? {} : { 'idempotency-key': key }),
            lambdaContext('intake'),
          );
          expect(response.statusCode).not.toBe(500);
          expect([201, 400, 409, 422]).toContain(response.statusCode);
          if (response.statusCode === 201) created += 1;
          else
            expect(response.headers?.['content-type']).toBe(
              'application/problem+json',
            );
        },
      ),
      { numRuns: 150 },
    );

    const { Items = [] } = await documents.send(
      new ScanCommand({ TableName: tableName }),
    );
    const states = Items.filter((i) => i.kind === 'complaint');
    const events = Items.filter((i) => i.kind === 'event');
    expect(states.length).toBeGreaterThan(0);
    expect(states.length).toBeLessThanOrEqual(created);
    for (const state of states) {
      expect(events.some((e) => e.pk === state.pk && e.version === 1)).toBe(
        true,
      );
    }
    expect(events).toHaveLength(states.length);
  });
});
