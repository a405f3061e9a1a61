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
  /** Where staff notifications (breaches) go when no officer address is known. */
  teamAddress: 'HEARTH_TEAM_ADDRESS',
  /** The landlord as letters sign it: name, postal address, phone, email. */
  landlordName: 'HEARTH_LANDLORD_NAME',
  landlordAddress: 'HEARTH_LANDLORD_ADDRESS',
  landlordPhone: 'HEARTH_LANDLORD_PHONE',
  /** Bucket of raw inbound mail, attachments and quarantined mail. */
  mailBucket: 'HEARTH_MAIL_BUCKET',
  /** Bucket of letter PDFs (post, large print). */
  lettersBucket: 'HEARTH_LETTERS_BUCKET',
  /** Bucket of the Board's reports (HTML, CSV, JSON under `reports/`). */
  reportsBucket: 'HEARTH_REPORTS_BUCKET',
  /** Who the Board report goes to: addresses separated by commas. */
  boardRecipients: 'HEARTH_BOARD_RECIPIENTS',
  /**
   * Homes owned, per reporting year (the CH01 denominator), as JSON:
   * `[{ "yearFrom": "2026-04-01", "asAt": "2027-03-31", "LCRA": 4000, "LCHO": 800 }]`.
   */
  housingStock: 'HEARTH_HOUSING_STOCK',
  /** EventBridge Scheduler: the group, the deadline function and the role it assumes. */
  scheduleGroup: 'HEARTH_SCHEDULE_GROUP',
  deadlineFunctionArn: 'HEARTH_DEADLINE_FUNCTION_ARN',
  schedulerRoleArn: 'HEARTH_SCHEDULER_ROLE_ARN',
  scheduleDeadLetterArn: 'HEARTH_SCHEDULE_DLQ_ARN',
  /** Web-form complaints one address may make in an hour (default 20). */
  intakePerHour: 'HEARTH_INTAKE_PER_HOUR',
  /** The site's public origin, e.g. `https://complaints.example.org.uk`: links and the sign-in redirect. */
  siteUrl: 'HEARTH_SITE_URL',
  /** Staff sign-in (Cognito's hosted UI domain; the local user pool locally). */
  authUrl: 'HEARTH_AUTH_URL',
  /** The staff console's app client id: the ID token's `aud`. */
  authClientId: 'HEARTH_AUTH_CLIENT_ID',
  /** The user pool's issuer: `iss`, and `<issuer>/.well-known/jwks.json`. */
  authIssuer: 'HEARTH_AUTH_ISSUER',
  /** Powertools: the service name on every log line and metric. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
} as const;

export type EnvKey = (typeof envKeys)[keyof typeof envKeys];
