/**
 * The environment variables Hearth's functions read, named once. The CDK
 * app sets them on each function, the local stack sets them in its own
 * process, and each function's config.ts parses them at cold start.
 * Dependency-free: infra/ imports this file.
 */
export const envKeys = {
  /** The one DynamoDB table (functions/shared/table.ts). */
  tableName: 'HEARTH_TABLE_NAME',
  /** The organisation a public route serves (keys are prefixed with it). */
  organisationId: 'HEARTH_ORGANISATION_ID',
  /** The policy preset in force, e.g. `code-2024`. */
  policyId: 'HEARTH_POLICY_ID',
  /** Letters' From address (an SES verified identity). */
  senderAddress: 'HEARTH_SENDER_ADDRESS',
  /** Powertools: the service name on every log line and metric. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
} as const;

export type EnvKey = (typeof envKeys)[keyof typeof envKeys];
