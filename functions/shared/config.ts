/**
 * Configuration read once, at cold start, and parsed with zod so a
 * misconfigured function fails before its first request (STYLE rec. 8).
 */
import { presetById, validatePolicy } from '@hearth/domain';
import * as z from 'zod';
import { envKeys } from './env-keys.js';

const baseSchema = z.object({
  [envKeys.tableName]: z.string().min(1),
  [envKeys.organisationId]: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  [envKeys.policyId]: z.string().min(1),
});

/**
 * Parses environment variables with a zod schema, or throws one error
 * naming every bad variable, so a misconfigured function fails at cold
 * start and says why.
 */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv,
): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export interface BaseConfig {
  readonly tableName: string;
  readonly organisationId: string;
  readonly policy: NonNullable<ReturnType<typeof presetById>>;
}

/** Parses the variables every function needs; throws naming each bad one. */
export function baseConfig(env: NodeJS.ProcessEnv = process.env): BaseConfig {
  const values = parseEnv(baseSchema, env);
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

const schedulingSchema = z.object({
  [envKeys.scheduleGroup]: z.string().min(1),
  [envKeys.deadlineFunctionArn]: z.string().startsWith('arn:'),
  [envKeys.schedulerRoleArn]: z.string().startsWith('arn:'),
  [envKeys.scheduleDeadLetterArn]: z.string().startsWith('arn:').optional(),
});

export interface SchedulingConfig {
  readonly groupName: string;
  readonly targetArn: string;
  readonly roleArn: string;
  readonly deadLetterArn?: string;
}

/** Where deadline schedules go and what they invoke (schedules and sweep). */
export function schedulingConfig(
  env: NodeJS.ProcessEnv = process.env,
): SchedulingConfig {
  const v = parseEnv(schedulingSchema, env);
  const dlq = v[envKeys.scheduleDeadLetterArn];
  return {
    groupName: v[envKeys.scheduleGroup],
    targetArn: v[envKeys.deadlineFunctionArn],
    roleArn: v[envKeys.schedulerRoleArn],
    ...(dlq === undefined ? {} : { deadLetterArn: dlq }),
  };
}
