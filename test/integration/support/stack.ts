import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { DynamoDbComplaintRepository } from '../../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { envKeys } from '../../../functions/shared/env-keys.js';
import {
  localCredentials,
  localRegion,
} from '../../../infra/local/dynamodb-local.js';
import {
  type LocalStack,
  type LocalStackOptions,
  startLocalStack,
} from '../../../infra/local/start.js';
import { freePort } from './global-setup.js';

export const root = path.resolve(import.meta.dirname, '../../..');

/** The whole local stack, in memory, on free ports, quiet. */
export async function startTestStack(
  overrides: Partial<LocalStackOptions> & { organisationId: string },
): Promise<LocalStack> {
  return startLocalStack({
    host: '127.0.0.1',
    apiPort: 0,
    dynamodbPort: await freePort(),
    sesPort: 0,
    schedulerPort: 0,
    smtpPort: 0,
    authPort: 0,
    s3Port: 0,
    dataDir: '',
    inMemory: true,
    policyId: 'code-2024',
    tableName: 'hearth-local',
    root,
    log: () => undefined,
    ...overrides,
  });
}

/**
 * Sets a function's environment (as Lambda would, before the module
 * loads) against the integration project's DynamoDB Local, then loads its
 * handler by path.
 */
export async function loadFunction<H>(
  name: string,
  env: { tableName: string; organisationId: string } & Record<string, string>,
): Promise<H> {
  const { tableName, organisationId, ...rest } = env;
  Object.assign(process.env, {
    [envKeys.tableName]: tableName,
    [envKeys.organisationId]: organisationId,
    [envKeys.policyId]: 'code-2024',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    ...rest,
  });
  const module: { handler: unknown } = await import(
    path.join(root, 'functions', name, 'handler.ts')
  );
  return module.handler as H;
}

/** An ID token for a local staff user, from the stack's user pool. */
export async function staffToken(
  stack: LocalStack,
  user: { username: string; groups: readonly string[]; organisationId: string },
): Promise<string> {
  const response = await fetch(String(stack.urls['staff sign-in (POST)']), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!response.ok) throw new Error(`sign-in: ${response.status}`);
  return ((await response.json()) as { idToken: string }).idToken;
}

/** The complaint repository on a stack's table (its own client). */
export function stackRepository(stack: LocalStack): {
  repository: DynamoDbComplaintRepository;
  destroy(): void;
} {
  const client = new DynamoDBClient({
    endpoint: String(stack.urls['DynamoDB Local']),
    region: localRegion,
    credentials: localCredentials,
  });
  return {
    repository: new DynamoDbComplaintRepository({
      client: DynamoDBDocumentClient.from(client),
      tableName: 'hearth-local',
    }),
    destroy: () => client.destroy(),
  };
}

/**
 * Polls `check` until it gives something other than undefined or false,
 * for effects that arrive through the outbox. No timing is asserted: the
 * timeout is only there to fail a test that would otherwise hang.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 60_000, everyMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
