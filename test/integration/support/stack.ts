import path from 'node:path';
import { inject } from 'vitest';
import { envKeys } from '../../../functions/shared/env-keys.js';
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
