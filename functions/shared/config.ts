/**
 * Configuration read once, at cold start, and parsed with zod so a
 * misconfigured function fails before its first request (STYLE rec. 8).
 */
import { presetById, validatePolicy } from '@hearth/domain';
import { z } from 'zod';
import { envKeys } from './env-keys.js';

const baseSchema = z.object({
  [envKeys.tableName]: z.string().min(1),
  [envKeys.organisationId]: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  [envKeys.policyId]: z.string().min(1),
});

export interface BaseConfig {
  readonly tableName: string;
  readonly organisationId: string;
  readonly policy: NonNullable<ReturnType<typeof presetById>>;
}

/** Parses the variables every function needs; throws naming each bad one. */
export function baseConfig(env: NodeJS.ProcessEnv = process.env): BaseConfig {
  const parsed = baseSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const values = parsed.data;
  const policy = presetById(values[envKeys.policyId]);
  if (policy === undefined) {
    throw new Error(
      `Invalid configuration: ${envKeys.policyId}: no preset ${values[envKeys.policyId]}`,
    );
  }
  validatePolicy(policy);
  return {
    tableName: values[envKeys.tableName],
    organisationId: values[envKeys.organisationId],
    policy,
  };
}
