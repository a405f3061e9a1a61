/**
 * The HTTP API's routes: one table read by the CDK app and by the local API
 * Gateway stand-in, so a route is never written twice. Handlers are named
 * by function; their code is found by path, never imported.
 */
export type FunctionName =
  | 'intake'
  | 'staff-intake'
  | 'acknowledgment'
  | 'escalation'
  | 'closure'
  | 'case-record'
  | 'staff-queries'
  | 'email-intake'
  | 'letters'
  | 'schedules'
  | 'deadline'
  | 'sweep'
  | 'report'
  | 'links'
  | 'web'
  | 'console'
  | 'subject-access'
  | 'retention';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway route path, with `{name}` parameters. */
  readonly path: string;
  readonly function: FunctionName;
  /**
   * Public routes are open; staff routes need a JWT (Cognito in AWS) in
   * the Authorization header, checked by the API's JWT authorizer. Session
   * routes are the staff console's pages: a browser navigating cannot send
   * a bearer header and HTTP API JWT authorizers read only headers and
   * query strings, so the console function verifies the same Cognito ID
   * token itself, from its HttpOnly session cookie, against the same JWKS.
   */
  readonly auth: 'public' | 'staff' | 'session';
}

/** The resident's pages (GOV.UK Design System, no login, no JavaScript needed). */
const webPages: readonly Route[] = (
  [
    ['GET', '/'],
    ['GET', '/complaint'],
    ['POST', '/complaint'],
    ['GET', '/track'],
    ['POST', '/track'],
    ['POST', '/track/escalation'],
    ['GET', '/policy'],
  ] as const
).map(([method, path]) => ({ method, path, function: 'web', auth: 'public' }));

/** The staff console's pages: one function routes within /console. */
const consolePages: readonly Route[] = (
  [
    ['GET', '/console'],
    ['GET', '/console/{proxy+}'],
    ['POST', '/console/{proxy+}'],
  ] as const
).map(([method, path]) => ({
  method,
  path,
  function: 'console',
  auth: 'session',
}));

export const routes: readonly Route[] = [
  ...webPages,
  ...consolePages,
  { method: 'POST', path: '/complaints', function: 'intake', auth: 'public' },
  {
    method: 'POST',
    path: '/staff/complaints',
    function: 'staff-intake',
    auth: 'staff',
  },
  ...(['acknowledgment', 'escalation', 'closure', 'case-record'] as const).map(
    (name): Route => ({
      method: 'POST',
      path: `/staff/complaints/{reference}/${name}`,
      function: name,
      auth: 'staff',
    }),
  ),
  {
    method: 'GET',
    path: '/staff/queue',
    function: 'staff-queries',
    auth: 'staff',
  },
  {
    method: 'GET',
    path: '/staff/complaints/{reference}',
    function: 'staff-queries',
    auth: 'staff',
  },
  // Everything held about one resident (UK GDPR Art. 15): managers only.
  {
    method: 'GET',
    path: '/staff/subject-access',
    function: 'subject-access',
    auth: 'staff',
  },
];

/**
 * The functions the table's stream feeds (DESIGN §2: letters and
 * schedules), each behind the outbox filter. The CDK app makes an event
 * source mapping of each; the local stream poller invokes each.
 */
export const outboxConsumers: readonly FunctionName[] = [
  'schedules',
  'letters',
  'links',
];

/** The function that reads inbound mail (SES receipt → S3 → this). */
export const mailConsumer: FunctionName | undefined = 'email-intake';

/** EventBridge Scheduler's target for deadline schedules. */
export const deadlineTarget: FunctionName = 'deadline';

/** Recurring jobs: an EventBridge Scheduler cron each, in London time. */
export const cronJobs: readonly {
  readonly name: string;
  readonly function: FunctionName;
  readonly expression: string;
}[] = [
  { name: 'hearth-sweep', function: 'sweep', expression: 'cron(0 6 * * ? *)' },
  // The Board report for the month just ended, on the 1st at 07:00.
  {
    name: 'hearth-board-report',
    function: 'report',
    expression: 'cron(0 7 1 * ? *)',
  },
  // Anonymises cases past the policy's retention period, at 03:00.
  {
    name: 'hearth-retention',
    function: 'retention',
    expression: 'cron(0 3 * * ? *)',
  },
];

/**
 * What each cron run is given: the time it was scheduled for, so a late
 * or retried run still works on the period it was meant for.
 */
export const cronInput = '{"scheduledTime":"<aws.scheduler.scheduled-time>"}';

/** Where a function's handler module is, relative to the repository root. */
export function functionEntry(name: string): string {
  return `functions/${name}/handler.ts`;
}
