/**
 * What the two DynamoDB measures of `npm run bench` (latency, capacity)
 * share: DynamoDB Local and, when asked, the SES, S3 and Scheduler
 * stand-ins, on ports chosen once per process; the functions' environment
 * set before any handler loads, as Lambda sets it; the handlers called in
 * this process with the events API Gateway builds (JWT claims on staff
 * routes); and one complaint's standard life, step by step, with the
 * request bodies the integration tests send.
 *
 * Services are reference-counted: the last `release` stops them and puts
 * the environment back, so the runner can exit. A later `acquire` starts
 * them again on the same ports, with an empty table, and the handlers
 * already loaded keep working.
 */

import path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { keys } from '../functions/shared/adapters/dynamodb/keys.js';
import { envKeys } from '../functions/shared/env-keys.js';
import { ensureTable } from '../infra/local/create-table.js';
import {
  localCredentials,
  localRegion,
  type RunningDynamoDb,
  startDynamoDbLocal,
} from '../infra/local/dynamodb-local.js';
import {
  type ArrivedRequest,
  httpApiEvent,
  type JwtClaims,
  newRequestId,
  newTraceId,
} from '../infra/local/http-event.js';
import {
  type LambdaHandler,
  lambdaContext,
  loadHandler,
} from '../infra/local/lambda-runtime.js';
import { freePort } from '../infra/local/listen.js';
import { matchRoute } from '../infra/local/route-match.js';
import { startS3 } from '../infra/local/s3/index.js';
import { startScheduler } from '../infra/local/scheduler/index.js';
import { startSes } from '../infra/local/ses.js';
import { type FunctionName, functionEntry, routes } from '../infra/routes.js';

export const organisationId = 'bench';
export const tableName = 'hearth-bench';

const LETTERS_BUCKET = 'hearth-letters';
const MAIL_BUCKET = 'hearth-mail';
const REPORTS_BUCKET = 'hearth-reports';

export interface BenchStack {
  /** DynamoDB Local's endpoint (its streams too). */
  readonly endpoint: string;
  /** The handlers' own DynamoDB client (functions/shared/clients.ts). */
  readonly dynamoDb: DynamoDBClient;
  /** A client of the bench's own on the same endpoint: never tapped. */
  readonly observer: DynamoDBClient;
  /** A function's handler, loaded once (a warm container). */
  handler(name: FunctionName): Promise<LambdaHandler>;
  /** Calls a function as Lambda would; refuses an HTTP error answer. */
  invoke(
    name: FunctionName,
    event: unknown,
  ): Promise<APIGatewayProxyStructuredResultV2>;
}

interface Ports {
  readonly dynamodb: number;
  readonly ses: number;
  readonly s3: number;
  readonly scheduler: number;
}

interface Running {
  refs: number;
  dynamodb: RunningDynamoDb;
  observer: DynamoDBClient;
  standIns?: { stop(): Promise<void> };
  restoreEnv: () => void;
}

let ports: Ports | undefined;
let running: Running | undefined;
let starting: Promise<Running> | undefined;
const handlers = new Map<string, Promise<LambdaHandler>>();

/**
 * Starts (or joins) the services and returns the stack. Pair every call
 * with `release`.
 *
 * @example
 * const stack = await acquire({ root, standIns: false, log });
 * try { … } finally { await release(); }
 */
export async function acquire(options: {
  readonly root: string;
  /** SES, S3 and Scheduler too (the outbox consumers need them). */
  readonly standIns: boolean;
  readonly log: (line: string) => void;
}): Promise<BenchStack> {
  while (starting !== undefined) await starting.catch(() => undefined);
  if (running === undefined) {
    starting = start(options.log);
    try {
      running = await starting;
    } finally {
      starting = undefined;
    }
  }
  const current = running;
  current.refs += 1;
  if (options.standIns && current.standIns === undefined) {
    current.standIns = await startStandIns(await choosePorts());
  }
  const { dynamoDb } = await import('../functions/shared/clients.js');
  const handler = (name: FunctionName) => {
    let loading = handlers.get(name);
    if (loading === undefined) {
      loading = loadHandler(path.resolve(options.root, functionEntry(name)));
      handlers.set(name, loading);
    }
    return loading;
  };
  return {
    endpoint: current.dynamodb.endpoint,
    dynamoDb,
    observer: current.observer,
    handler,
    invoke: async (name, event) => {
      const result = (await (
        await handler(name)
      )(event, lambdaContext(name))) as APIGatewayProxyStructuredResultV2;
      if ((result.statusCode ?? 200) >= 400) {
        throw new Error(`${name}: ${result.statusCode} ${result.body}`);
      }
      return result;
    },
  };
}

/** Stops everything once the last user is done. */
export async function release(): Promise<void> {
  const current = running;
  if (current === undefined) return;
  current.refs -= 1;
  if (current.refs > 0) return;
  running = undefined;
  current.observer.destroy();
  await current.standIns?.stop();
  await current.dynamodb.stop();
  current.restoreEnv();
}

async function start(log: (line: string) => void): Promise<Running> {
  const chosen = await choosePorts();
  const restoreEnv = setEnvironment(chosen);
  try {
    log('starting DynamoDB Local');
    const dynamodb = await startDynamoDbLocal({ port: chosen.dynamodb });
    const observer = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: localRegion,
      credentials: localCredentials,
    });
    await ensureTable(observer, tableName);
    return { refs: 0, dynamodb, observer, restoreEnv };
  } catch (error) {
    restoreEnv();
    throw error;
  }
}

async function startStandIns(chosen: Ports) {
  const quiet = () => undefined;
  const ses = await startSes({ port: chosen.ses });
  const s3 = await startS3({
    port: chosen.s3,
    buckets: [MAIL_BUCKET, LETTERS_BUCKET, REPORTS_BUCKET],
    log: quiet,
  });
  // Deadlines fall days ahead: nothing fires during a bench.
  const scheduler = await startScheduler({
    port: chosen.scheduler,
    fire: async () => undefined,
    log: quiet,
  });
  return {
    stop: async () => {
      await scheduler.stop();
      await s3.stop();
      await ses.stop();
    },
  };
}

/** Sets the functions' environment; returns how to put it back. */
function setEnvironment(chosen: Ports): () => void {
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const values: Record<string, string> = {
    [envKeys.tableName]: tableName,
    [envKeys.organisationId]: organisationId,
    [envKeys.policyId]: 'code-2024',
    [envKeys.senderAddress]: `complaints@${organisationId}.localhost`,
    [envKeys.teamAddress]: `complaints-team@${organisationId}.localhost`,
    [envKeys.landlordName]: 'Hearth Bench Homes',
    [envKeys.landlordAddress]: '1 High Street|Anytown|AN1 1AA',
    [envKeys.landlordPhone]: '0300 000 0000',
    [envKeys.mailBucket]: MAIL_BUCKET,
    [envKeys.lettersBucket]: LETTERS_BUCKET,
    [envKeys.reportsBucket]: REPORTS_BUCKET,
    [envKeys.scheduleGroup]: 'hearth-deadlines',
    [envKeys.deadlineFunctionArn]: `arn:aws:lambda:${localRegion}:000000000000:function:hearth-deadline`,
    [envKeys.schedulerRoleArn]:
      'arn:aws:iam::000000000000:role/hearth-scheduler',
    // Every web-form sample comes from one address: no limit in reach.
    [envKeys.intakePerHour]: '1000000',
    [envKeys.logLevel]: 'SILENT',
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: local(chosen.dynamodb),
    AWS_ENDPOINT_URL_SESV2: local(chosen.ses),
    AWS_ENDPOINT_URL_S3: local(chosen.s3),
    AWS_ENDPOINT_URL_SCHEDULER: local(chosen.scheduler),
  };
  const before = Object.fromEntries(
    Object.keys(values).map((key) => [key, process.env[key]]),
  );
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** Free ports, chosen once: loaded handlers keep the endpoints they saw. */
async function choosePorts(): Promise<Ports> {
  ports ??= {
    dynamodb: await freePort(),
    ses: await freePort(),
    s3: await freePort(),
    scheduler: await freePort(),
  };
  return ports;
}

// ── events, as API Gateway builds them ──────────────────────────────────

export interface StaffUser {
  readonly username: string;
  readonly group: 'officer' | 'manager';
}

export const officer: StaffUser = { username: 'ana', group: 'officer' };
export const manager: StaffUser = { username: 'ben', group: 'manager' };

/** An ID token's claims as the local user pool (Cognito) writes them. */
function claimsOf(user: StaffUser): JwtClaims {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: `sub-${user.username}`,
    'cognito:groups': [user.group],
    email_verified: true,
    iss: 'http://127.0.0.1/local-pool',
    'cognito:username': user.username,
    aud: 'bench',
    token_use: 'id',
    auth_time: now,
    'custom:organisation': organisationId,
    exp: now + 3600,
    iat: now,
    email: `${user.username}@${organisationId}.localhost`,
  };
}

/**
 * The payload 2.0 event for one request, with the authorizer's claims on
 * a staff route.
 */
export function apiEvent(request: {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly user?: StaffUser;
}): unknown {
  const [pathOnly = request.path] = request.path.split('?');
  const match = matchRoute(routes, request.method, pathOnly);
  if (match === undefined) throw new Error(`No route for ${request.path}`);
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const rawHeaders = [
    'host',
    '127.0.0.1:3000',
    'user-agent',
    'hearth-bench',
    ...(request.body === undefined ? [] : ['content-type', 'application/json']),
    ...Object.entries(request.headers ?? {}).flat(),
  ];
  const arrived: ArrivedRequest = {
    method: request.method,
    target: request.path,
    rawHeaders,
    body: Buffer.from(body),
    httpVersion: '1.1',
    sourceIp: '127.0.0.1',
    localPort: 3000,
  };
  const received = new Date();
  return httpApiEvent(arrived, {
    match,
    apiId: 'bench',
    stage: '$default',
    requestId: newRequestId(),
    traceId: newTraceId(received),
    received,
    ...(request.user === undefined ? {} : { claims: claimsOf(request.user) }),
  });
}

// ── one complaint's standard life ───────────────────────────────────────

/** A complaint as the bench follows it: its reference and version. */
export interface Case {
  readonly reference: string;
  readonly version: number;
}

/** The web form's JSON, as the lifecycle integration test sends it. */
export const webComplaint = {
  summary:
    'The boiler has failed three times and engineers keep missing appointments.',
  outcomeSought: 'A working boiler',
  resident: {
    name: 'Jo Bench',
    email: 'jo.bench@example.org',
    phone: '07700 900123',
    address: ['Flat 9, Hearth House', '12 Ember Street', 'AB1 2CD'],
    preferredContact: 'email',
  },
} as const;

/** A phone complaint logged by staff (staff integration test). */
export function phoneCall() {
  return {
    channel: 'phone',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    summary: 'Caller says the lift has been out of order for three weeks.',
    resident: {
      name: 'Lee Caller',
      phone: '01234 567890',
      preferredContact: 'phone',
    },
  };
}

export interface Step {
  readonly name: string;
  readonly fn: 'acknowledgment' | 'escalation' | 'closure';
  readonly user: StaffUser;
  body(): unknown;
}

/**
 * The standard life after intake: both stages, then closure. Stage 2 is
 * a manager's (Code 6.13: not whoever handled stage 1).
 */
export const lifecycle: readonly Step[] = [
  {
    name: 'acknowledge',
    fn: 'acknowledgment',
    user: officer,
    body: () => ({
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [
          {
            id: 'boiler',
            summary: 'The boiler repair was not completed',
            inScope: true,
          },
          {
            id: 'visits',
            summary: 'Engineers missed appointments',
            inScope: true,
          },
        ],
        outcomesSought: ['A working boiler'],
      },
    }),
  },
  {
    name: 'respond',
    fn: 'closure',
    user: officer,
    body: () => ({
      type: 'respond',
      stage: 1,
      decisions: [
        {
          issueId: 'boiler',
          decision: 'upheld',
          reasons: 'Three visits did not fix the fault.',
        },
        {
          issueId: 'visits',
          decision: 'upheld',
          reasons: 'Two appointments were missed.',
        },
      ],
      summary: 'We are sorry. We will replace the boiler.',
      remedies: [
        {
          kind: 'apology',
          description: 'We apologise for the failed repairs.',
        },
      ],
    }),
  },
  {
    name: 'escalate',
    fn: 'escalation',
    user: officer,
    body: () => ({
      type: 'request-escalation',
      receivedAt: new Date().toISOString(),
      channel: 'phone',
    }),
  },
  {
    name: 'acknowledge stage 2',
    fn: 'acknowledgment',
    user: manager,
    body: () => ({
      type: 'acknowledge',
      stage: 2,
      definition: {
        issues: [
          {
            id: 'boiler',
            summary: 'The boiler is still not replaced',
            inScope: true,
          },
        ],
        outcomesSought: ['A new boiler'],
      },
    }),
  },
  {
    name: 'respond stage 2',
    fn: 'closure',
    user: manager,
    body: () => ({
      type: 'respond',
      stage: 2,
      decisions: [
        {
          issueId: 'boiler',
          decision: 'upheld',
          reasons: 'The replacement is booked.',
        },
      ],
      summary: 'We uphold your complaint. This is our final response.',
      remedies: [
        {
          kind: 'apology',
          description: 'We apologise that the boiler is still not replaced.',
        },
      ],
    }),
  },
  {
    name: 'close',
    fn: 'closure',
    user: manager,
    body: () => ({
      type: 'close',
      reason: 'Final response sent',
      learning: 'Keep boiler parts in stock',
    }),
  },
];

/** The event of one lifecycle step on a case, with If-Match. */
export function stepEvent(step: Step, on: Case): unknown {
  return apiEvent({
    method: 'POST',
    path: `/staff/complaints/${on.reference}/${step.fn}`,
    body: step.body(),
    headers: { 'if-match': `"${on.version}"` },
    user: step.user,
  });
}

export function intakeEvent(): unknown {
  return apiEvent({ method: 'POST', path: '/complaints', body: webComplaint });
}

export function staffIntakeEvent(): unknown {
  return apiEvent({
    method: 'POST',
    path: '/staff/complaints',
    body: phoneCall(),
    user: officer,
  });
}

/** The case an intake answer names (version 1). */
export function receivedCase(result: APIGatewayProxyStructuredResultV2): Case {
  const { reference } = JSON.parse(String(result.body)) as {
    reference: string;
  };
  return { reference, version: 1 };
}

/** The case after a staff command, at the version its ETag names. */
export function commandedCase(
  on: Case,
  result: APIGatewayProxyStructuredResultV2,
): Case {
  const etag = String(result.headers?.etag ?? '');
  const version = Number(/\d+/.exec(etag)?.[0]);
  if (!Number.isInteger(version)) throw new Error(`No ETag: ${etag}`);
  return { reference: on.reference, version };
}

/** Runs lifecycle steps on a case (setup, untimed). */
export async function advance(
  stack: BenchStack,
  on: Case,
  steps: readonly Step[],
): Promise<Case> {
  let current = on;
  for (const step of steps) {
    current = commandedCase(
      current,
      await stack.invoke(step.fn, stepEvent(step, current)),
    );
  }
  return current;
}

/** The lifecycle step of this name. */
export function step(name: string): Step {
  const found = lifecycle.find((s) => s.name === name);
  if (found === undefined) throw new Error(`No lifecycle step ${name}`);
  return found;
}

/**
 * The case as it stands now (the observer reads it, unmetered): what a
 * member of staff sees on the case page before acting, bookkeeping
 * (letters recorded) included.
 */
export async function currentCase(
  stack: BenchStack,
  reference: string,
): Promise<Case> {
  const key = keys.complaint(organisationId, reference);
  const { Item } = await stack.observer.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: true,
      ProjectionExpression: 'version',
    }),
  );
  const version = Number(Item?.version?.N);
  if (!Number.isInteger(version)) throw new Error(`No case ${reference}`);
  return { reference, version };
}
