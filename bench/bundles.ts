/**
 * Bundle size and cold start of every function (issue 9), each against
 * the floor (bench/floor/handler.ts: DynamoDB clients and one GetItem)
 * bundled and started the same way in the same run.
 *
 * Bundles are built with esbuild's API from the options the CDK app uses
 * (infra/constructs/bundling-options.ts). A cold start is a fresh Node
 * process that imports the bundle and runs its first invocation against
 * DynamoDB Local and the local stand-ins (S3, SES, Scheduler, the user
 * pool), timed inside that process; the floor and each function take
 * turns, so the machine's noise falls on both.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import {
  cp,
  mkdir,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { keys } from '../functions/shared/adapters/dynamodb/keys.js';
import { envKeys } from '../functions/shared/env-keys.js';
import {
  type BundlingOptions,
  bundlingOptions,
} from '../infra/constructs/bundling-options.js';
import { startLocalUserPool } from '../infra/local/auth.js';
import { ensureTable } from '../infra/local/create-table.js';
import {
  localCredentials,
  localRegion,
  startDynamoDbLocal,
} from '../infra/local/dynamodb-local.js';
import {
  httpApiEvent,
  type JwtClaims,
  newRequestId,
  newTraceId,
  splitTarget,
} from '../infra/local/http-event.js';
import { freePort } from '../infra/local/listen.js';
import { matchRoute } from '../infra/local/route-match.js';
import { startS3 } from '../infra/local/s3/index.js';
import { fillContextAttributes } from '../infra/local/scheduler/delivery.js';
import { startScheduler } from '../infra/local/scheduler/index.js';
import { startSes } from '../infra/local/ses.js';
import { functionEntry, routes } from '../infra/routes.js';
import {
  type BenchContext,
  type BenchRow,
  type Measure,
  median,
  ratioRow,
  spread,
} from './support.js';

/** The budget: a function may be at most this many times the floor. */
const LIMIT = 1.3;
const KB = 1024;

// ── bundling ─────────────────────────────────────────────────────────────

/**
 * esbuild's build options for one entry, from the CDK app's bundling
 * options, as aws-cdk-lib's NodejsFunction turns them into esbuild
 * arguments (`--bundle --platform=node --outfile=…/index.mjs` and the
 * rest); only `metafile` is added, which changes nothing in the output.
 */
export function esbuildOptionsFor(
  options: BundlingOptions,
  entry: string,
  outDir: string,
): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: options.format,
    target: options.target,
    outfile: path.join(
      outDir,
      options.format === 'esm' ? 'index.mjs' : 'index.js',
    ),
    minify: options.minify,
    sourcemap: options.sourceMap,
    external: [...options.externalModules],
    banner: { js: options.banner },
    mainFields: [...options.mainFields],
    metafile: true,
    logLevel: 'warning',
  };
}

/** What a bundle is made of: one contributor and its bytes in the output. */
export interface Contributor {
  readonly name: string;
  readonly bytes: number;
}

/**
 * Who a bundled input belongs to: its npm package (the innermost
 * `node_modules/`), `domain/<area>`, `functions/shared/<area>` (a file
 * directly in shared/ is its own area) or `functions/<name>`.
 */
export function contributorOf(input: string): string {
  const modules = input.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const [scope, name] = input
      .slice(modules + 'node_modules/'.length)
      .split('/');
    return scope?.startsWith('@') && name !== undefined
      ? `${scope}/${name}`
      : (scope ?? input);
  }
  const parts = input.split('/');
  const [top, second, third] = parts;
  if (top === 'domain') {
    return parts.length > 2 && second !== undefined
      ? `domain/${second}`
      : 'domain';
  }
  if (top === 'functions' && second === 'shared' && third !== undefined) {
    return `functions/shared/${third.replace(/\.[cm]?[jt]s$/, '')}`;
  }
  if (top === 'functions' && second !== undefined) return `functions/${second}`;
  if (top === 'bench') return 'bench';
  return input;
}

/** A bundle's contributors, largest first (ties by name). */
export function composition(
  inputs: Readonly<Record<string, { readonly bytesInOutput: number }>>,
): Contributor[] {
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    if (bytesInOutput === 0) continue;
    const name = contributorOf(input);
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return [...totals]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}

/** `zod 61 KB · @smithy/core 40 KB · …`: the top `count` contributors. */
export function describeComposition(
  contributors: readonly Contributor[],
  count = 5,
): string {
  return contributors
    .slice(0, count)
    .map((c) => `${c.name} ${Math.round(c.bytes / KB)} KB`)
    .join(' · ');
}

export interface Bundle {
  readonly name: string;
  readonly dir: string;
  /** The minified JavaScript the function runs (not its source map). */
  readonly file: string;
  readonly bytes: number;
  readonly contributors: readonly Contributor[];
}

/** The functions that render pages: the CDK app copies templates beside them (`pages: true`). */
const PAGE_FUNCTIONS = new Set(['web', 'console']);

/** Every function with a handler: `functions/<name>/handler.ts`. */
async function functionNames(root: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(path.join(root, 'functions'), {
    withFileTypes: true,
  })) {
    if (!entry.isDirectory() || entry.name === 'shared') continue;
    const handler = path.join(root, functionEntry(entry.name));
    if (await exists(handler)) names.push(entry.name);
  }
  return names.sort();
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function bundle(
  root: string,
  name: string,
  entry: string,
  outDir: string,
): Promise<Bundle> {
  await rm(outDir, { recursive: true, force: true });
  const options = esbuildOptionsFor(bundlingOptions, entry, outDir);
  const result = await build({ ...options, absWorkingDir: root });
  const file = options.outfile as string;
  if (result.metafile === undefined)
    throw new Error('esbuild gave no metafile');
  const output = outputOf(result.metafile, root, file);
  if (PAGE_FUNCTIONS.has(name)) await copyPageTemplates(root, outDir);
  return {
    name,
    dir: outDir,
    file,
    bytes: (await stat(file)).size,
    contributors: composition(output.inputs),
  };
}

function outputOf(
  metafile: Metafile,
  root: string,
  file: string,
): Metafile['outputs'][string] {
  const output = metafile.outputs[path.relative(root, file)];
  if (output === undefined) throw new Error(`esbuild wrote no ${file}`);
  return output;
}

/**
 * The page templates beside a page function's bundle, as the CDK app's
 * `pageTemplateCommands` (hearth-function.ts) copies them: our `views/`
 * and govuk-frontend's `.njk` files under `govuk-frontend/govuk/`.
 */
async function copyPageTemplates(root: string, outDir: string): Promise<void> {
  await cp(
    path.join(root, 'functions/shared/pages/views'),
    path.join(outDir, 'views'),
    { recursive: true },
  );
  await cp(
    path.join(root, 'node_modules/govuk-frontend/dist/govuk'),
    path.join(outDir, 'govuk-frontend/govuk'),
    {
      recursive: true,
      filter: async (source) =>
        source.endsWith('.njk') || (await stat(source)).isDirectory(),
    },
  );
}

export interface Bundles {
  readonly floor: Bundle;
  readonly functions: readonly Bundle[];
}

const built = new Map<string, Promise<Bundles>>();

/** Every function and the floor, bundled once per run (both measures share them). */
export function bundles(context: BenchContext): Promise<Bundles> {
  let bundling = built.get(context.root);
  if (bundling === undefined) {
    bundling = bundleAll(context);
    built.set(context.root, bundling);
  }
  return bundling;
}

async function bundleAll(context: BenchContext): Promise<Bundles> {
  const out = path.join(context.root, 'bench/.out/bundles');
  const started = performance.now();
  const floor = await bundle(
    context.root,
    'floor',
    'bench/floor/handler.ts',
    path.join(out, 'floor'),
  );
  const functions: Bundle[] = [];
  for (const name of await functionNames(context.root)) {
    functions.push(
      await bundle(
        context.root,
        name,
        functionEntry(name),
        path.join(out, name),
      ),
    );
  }
  context.log(
    `bundled the floor and ${functions.length} functions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { floor, functions };
}

export const measureBundles: Measure = async (context) => {
  const { floor, functions } = await bundles(context);
  const floorKb = floor.bytes / KB;
  const reference = { name: 'floor', value: floorKb };
  return [
    {
      group: 'bundle',
      name: 'floor (GetItem)',
      value: floorKb,
      unit: 'KB',
      note: describeComposition(floor.contributors),
      details: { bytes: floor.bytes, composition: floor.contributors },
    },
    ...functions.map((fn) =>
      ratioRow({
        group: 'bundle',
        name: fn.name,
        value: fn.bytes / KB,
        unit: 'KB',
        reference,
        limit: LIMIT,
        note: describeComposition(fn.contributors),
        details: { bytes: fn.bytes, composition: fn.contributors },
      }),
    ),
  ];
};

// ── cold import ──────────────────────────────────────────────────────────

/** Marks the child's result line among whatever the function logs. */
const MARK = '@@bench ';

/**
 * The child: a fresh Node process, as a new Lambda sandbox is. It times
 * from just before `import()` of the bundle to the end of the first
 * invocation, and prints one marked JSON line.
 */
const CHILD = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [bundle, eventFile, functionName] = process.argv.slice(1);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const deadline = Date.now() + 30000;
const fail = () => { throw new Error('callbacks are not supported'); };
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:' + functionName,
  memoryLimitInMB: '1024',
  awsRequestId: 'bench-' + process.pid,
  logGroupName: '/aws/lambda/' + functionName,
  logStreamName: 'bench/[$LATEST]' + process.pid,
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: fail, fail, succeed: fail,
};
let outcome;
const started = performance.now();
let imported = started;
try {
  const module = await import(pathToFileURL(bundle).href);
  imported = performance.now();
  const result = await module.handler(event, context);
  outcome = { result: result ?? null };
} catch (error) {
  outcome = { error: String(error && error.stack || error) };
}
const done = performance.now();
const line = JSON.stringify({ importMs: imported - started, firstMs: done - started, ...outcome });
process.stdout.write('\\n' + ${JSON.stringify(MARK)} + line + '\\n', () => process.exit(0));
`;

interface ChildResult {
  readonly importMs: number;
  readonly firstMs: number;
  readonly result?: unknown;
  readonly error?: string;
}

/** Runs one cold start; throws if the process gives no result. */
async function coldStart(
  target: Bundle,
  event: unknown,
  env: Record<string, string>,
  eventFile: string,
): Promise<ChildResult> {
  await writeFile(eventFile, JSON.stringify(event));
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      CHILD,
      target.file,
      eventFile,
      `hearth-${target.name}`,
    ],
    { cwd: target.dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const { stdout, stderr, code } = await finished(child, 60_000);
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(MARK));
  if (line === undefined) {
    throw new Error(
      `${target.name}: the cold start gave no result (exit ${code}):\n${stderr.slice(-2000)}`,
    );
  }
  return JSON.parse(line.slice(MARK.length)) as ChildResult;
}

function finished(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

const ORG = 'bench';
const TABLE = 'hearth-bench';
const BUCKETS = {
  mail: 'hearth-bench-mail',
  letters: 'hearth-bench-letters',
  reports: 'hearth-bench-reports',
};
const SITE = 'http://127.0.0.1:3000';

/** DynamoDB Local and the stand-ins a first invocation may call. */
async function startServices() {
  const stops: (() => Promise<void>)[] = [];
  const quiet = () => undefined;
  try {
    const db = await startDynamoDbLocal({ port: await freePort() });
    stops.push(db.stop);
    const dynamo = new DynamoDBClient({
      endpoint: db.endpoint,
      region: localRegion,
      credentials: localCredentials,
    });
    stops.push(async () => dynamo.destroy());
    await ensureTable(dynamo, TABLE);
    await dynamo.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'BENCH#FLOOR' }, sk: { S: 'STATE' } },
      }),
    );
    const s3 = await startS3({
      port: 0,
      buckets: Object.values(BUCKETS),
      log: quiet,
    });
    stops.push(s3.stop);
    const s3Client = new S3Client({
      endpoint: s3.endpoint,
      region: localRegion,
      credentials: localCredentials,
      forcePathStyle: true,
    });
    stops.push(async () => s3Client.destroy());
    const ses = await startSes({ port: 0 });
    stops.push(ses.stop);
    const scheduler = await startScheduler({
      port: 0,
      fire: async () => undefined,
      log: quiet,
    });
    stops.push(scheduler.stop);
    const pool = await startLocalUserPool({ port: 0, organisationId: ORG });
    stops.push(pool.stop);
    const stock = [2024, 2025, 2026, 2027].map((year) => ({
      yearFrom: `${year}-04-01`,
      asAt: `${year + 1}-03-31`,
      LCRA: 4000,
      LCHO: 800,
    }));
    // What every function is given in AWS (the stateless stack) and
    // locally (infra/local/start.ts), pointed at this run's services.
    const env: Record<string, string> = {
      [envKeys.tableName]: TABLE,
      [envKeys.organisationId]: ORG,
      [envKeys.policyId]: 'code-2024',
      [envKeys.senderAddress]: `complaints@${ORG}.localhost`,
      [envKeys.teamAddress]: `complaints-team@${ORG}.localhost`,
      [envKeys.landlordName]: 'Hearth Bench Homes',
      [envKeys.landlordAddress]: '1 High Street|Anytown|AN1 1AA',
      [envKeys.landlordPhone]: '0300 000 0000',
      [envKeys.mailBucket]: BUCKETS.mail,
      [envKeys.lettersBucket]: BUCKETS.letters,
      [envKeys.reportsBucket]: BUCKETS.reports,
      [envKeys.boardRecipients]: `board@${ORG}.localhost`,
      [envKeys.housingStock]: JSON.stringify(stock),
      [envKeys.scheduleGroup]: 'hearth-deadlines',
      [envKeys.deadlineFunctionArn]: `arn:aws:lambda:${localRegion}:000000000000:function:hearth-deadline`,
      [envKeys.schedulerRoleArn]:
        'arn:aws:iam::000000000000:role/hearth-scheduler',
      [envKeys.siteUrl]: SITE,
      [envKeys.authUrl]: pool.url,
      [envKeys.authClientId]: pool.issuer.audience,
      [envKeys.authIssuer]: pool.issuerUrl,
      [envKeys.logLevel]: 'INFO',
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SCHEDULER: scheduler.endpoint,
      // As HearthFunction sets it on every function.
      NODE_OPTIONS: '--enable-source-maps',
      TZ: 'UTC',
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
    };
    return {
      env,
      dynamo,
      s3,
      s3Client,
      ses,
      scheduler,
      pool,
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

type Services = Awaited<ReturnType<typeof startServices>>;

/** What one round has learned so far: the complaint its functions work on. */
interface Round {
  readonly index: number;
  readonly services: Services;
  readonly root: string;
  readonly staff: JwtClaims;
  readonly idToken: string;
  reference?: string;
  token?: string;
}

interface Plan {
  /** What the first invocation does, for the note. */
  readonly does: string;
  readonly event: (round: Round) => Promise<unknown> | unknown;
  /** Learns from the result (the staff-intake run names the round's complaint). */
  readonly after?: (round: Round, result: unknown) => void;
}

/** An HTTP API event for a request, as the local API Gateway builds it. */
function httpEvent(request: {
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: string;
  claims?: JwtClaims;
  sourceIp?: string;
}) {
  const { path: routePath } = splitTarget(request.target);
  const match = matchRoute(routes, request.method, routePath);
  if (match === undefined) {
    throw new Error(`No route for ${request.method} ${routePath}`);
  }
  const headers = {
    host: '127.0.0.1:3000',
    'user-agent': 'hearth-bench',
    ...request.headers,
  };
  const received = new Date();
  return httpApiEvent(
    {
      method: request.method,
      target: request.target,
      rawHeaders: Object.entries(headers).flat(),
      body: Buffer.from(request.body ?? ''),
      httpVersion: '1.1',
      sourceIp: request.sourceIp ?? '127.0.0.1',
      localPort: 3000,
    },
    {
      match,
      apiId: 'bench',
      stage: '$default',
      requestId: newRequestId(),
      traceId: newTraceId(received),
      received,
      ...(request.claims !== undefined && { claims: request.claims }),
    },
  );
}

function referenceOf(round: Round): string {
  if (round.reference === undefined) {
    throw new Error('staff-intake gave no reference this round');
  }
  return round.reference;
}

function staffCommand(group: string, command: unknown, ifMatch?: string) {
  return (round: Round) =>
    httpEvent({
      method: 'POST',
      target: `/staff/complaints/${referenceOf(round)}/${group}`,
      headers: {
        'content-type': 'application/json',
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      },
      body: JSON.stringify(command),
      claims: round.staff,
    });
}

/** The acknowledgment's decision as the table's stream delivers it (NEW_IMAGE). */
async function streamEvent(round: Round) {
  const key = keys.event(ORG, referenceOf(round), 2);
  const { Item } = await round.services.dynamo.send(
    new GetItemCommand({
      TableName: TABLE,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) throw new Error(`No ${key.sk} of ${key.pk}`);
  return {
    Records: [
      {
        eventID: `bench-${round.index}`,
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: localRegion,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: { pk: Item.pk, sk: Item.sk },
          NewImage: Item,
          SequenceNumber: String(1e20 + round.index),
          SizeBytes: JSON.stringify(Item).length,
          StreamViewType: 'NEW_IMAGE',
        },
        eventSourceARN: `arn:aws:dynamodb:${localRegion}:000000000000:table/${TABLE}/stream/bench`,
      },
    ],
  };
}

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Each function's first invocation, in the order a round runs them: the
 * staff-intake run logs the round's complaint, and the commands, reads and
 * outbox consumers after it work on that complaint.
 */
const plans: Readonly<Record<string, Plan>> = {
  'staff-intake': {
    does: 'POST /staff/complaints (logs a phone complaint)',
    event: (round) =>
      httpEvent({
        method: 'POST',
        target: '/staff/complaints',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'phone',
          receivedAt: new Date().toISOString(),
          summary: 'Caller says the lift has been out of order for weeks.',
          resident: {
            name: 'Lee Caller',
            phone: '01234 567890',
            email: 'lee.caller@example.org',
            preferredContact: 'email',
          },
        }),
        claims: round.staff,
      }),
    after: (round, result) => {
      const body = JSON.parse(String((result as { body?: unknown }).body));
      round.reference = body.reference;
      round.token = body.trackingToken;
    },
  },
  acknowledgment: {
    does: 'acknowledge at stage 1 (If-Match)',
    event: staffCommand(
      'acknowledgment',
      {
        type: 'acknowledge',
        stage: 1,
        definition: {
          issues: [{ id: 'i1', summary: 'The lift is out', inScope: true }],
          outcomesSought: ['Lift repaired'],
        },
      },
      '"1"',
    ),
  },
  closure: {
    does: 'respond at stage 1',
    event: staffCommand('closure', {
      type: 'respond',
      stage: 1,
      decisions: [
        { issueId: 'i1', decision: 'upheld', reasons: 'It was out.' },
      ],
      remedies: [{ kind: 'apology', description: 'We are sorry.' }],
      summary: 'We are sorry.',
    }),
  },
  escalation: {
    does: 'request stage 2',
    event: (round) =>
      staffCommand('escalation', {
        type: 'request-escalation',
        receivedAt: new Date().toISOString(),
        channel: 'phone',
      })(round),
  },
  'case-record': {
    does: 'record an Ombudsman evidence request',
    event: (round) =>
      staffCommand('case-record', {
        type: 'record-evidence-request',
        receivedOn: today(),
        description: 'The Ombudsman asks for the case file',
      })(round),
  },
  'staff-queries': {
    does: 'GET /staff/complaints/{reference} (case and timeline)',
    event: (round) =>
      httpEvent({
        method: 'GET',
        target: `/staff/complaints/${referenceOf(round)}`,
        claims: round.staff,
      }),
  },
  letters: {
    does: 'the acknowledgment decision from the stream (letter composed, checked, emailed)',
    event: streamEvent,
  },
  schedules: {
    does: 'the acknowledgment decision from the stream (schedules kept)',
    event: streamEvent,
  },
  links: {
    does: 'the acknowledgment decision from the stream (no linked complaint to open: parse only)',
    event: streamEvent,
  },
  deadline: {
    does: "a schedule's Input as the schedules run wrote it (case re-read)",
    event: (round) => {
      const reference = referenceOf(round);
      const schedule = round.services.scheduler
        .schedules()
        .find((s) =>
          (s.target.Input ?? '').includes(`"complaintId":"${reference}"`),
        );
      if (schedule === undefined) {
        throw new Error(`No schedule was created for ${reference}`);
      }
      // Filled in as Scheduler does when the schedule fires.
      const input = fillContextAttributes(schedule.target.Input, {
        scheduleArn: schedule.arn,
        scheduledTime: schedule.nextDue ?? Date.now(),
        executionId: `bench-${round.index}`,
        attempt: 1,
      });
      return JSON.parse(input ?? '{}');
    },
  },
  sweep: {
    does: 'the daily cron (work queue read, schedules checked)',
    event: () => ({ scheduledTime: new Date().toISOString() }),
  },
  retention: {
    does: 'the daily cron (finished cases past retention looked for through the index)',
    event: () => ({ scheduledTime: new Date().toISOString() }),
  },
  'subject-access': {
    does: "GET /staff/subject-access?email=… (a resident's cases, as JSON)",
    event: (round) =>
      httpEvent({
        method: 'GET',
        target: '/staff/subject-access?email=lee.caller%40example.org',
        // A manager: officers may not export.
        claims: { ...round.staff, 'cognito:groups': ['manager'] },
      }),
  },
  report: {
    does: 'a Board report (index read, 3 documents to S3, one email)',
    // A period of its own each round, so each run mails the Board once.
    event: (round) => ({ from: daysAgo(40 + round.index), to: today() }),
  },
  'email-intake': {
    does: 'a new email complaint from S3 (parsed, complaint received)',
    event: async (round) => {
      const raw = (
        await readFile(
          path.join(round.root, 'test/fixtures/mail/new-complaint.eml'),
          'utf8',
        )
      ).replace(
        /^Message-ID: <[^>]+>/im,
        `Message-ID: <bench-${round.index}-${Date.now()}@mail.example.org>`,
      );
      const key = `inbound/bench/${Date.now()}-${round.index}.eml`;
      await round.services.s3Client.send(
        new PutObjectCommand({
          Bucket: BUCKETS.mail,
          Key: key,
          Body: raw,
          ContentType: 'message/rfc822',
        }),
      );
      const event = JSON.parse(
        await readFile(
          path.join(
            round.root,
            'test/fixtures/mail/s3-object-created.event.json',
          ),
          'utf8',
        ),
      );
      const record = event.Records[0];
      record.eventTime = new Date().toISOString();
      record.s3.bucket = {
        ...record.s3.bucket,
        name: BUCKETS.mail,
        arn: `arn:aws:s3:::${BUCKETS.mail}`,
      };
      record.s3.object = {
        ...record.s3.object,
        key,
        size: Buffer.byteLength(raw),
      };
      return event;
    },
  },
  intake: {
    does: 'POST /complaints (web form JSON, Idempotency-Key)',
    event: (round) =>
      httpEvent({
        method: 'POST',
        target: '/complaints',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `bench-${round.index}-${Date.now()}`,
        },
        body: JSON.stringify({
          summary: 'My kitchen window will not close and the frame is rotten.',
          outcomeSought: 'Replace the window',
          resident: {
            name: 'Alex Resident',
            email: 'alex@example.org',
            preferredContact: 'email',
            formats: [],
          },
        }),
        sourceIp: `10.9.${round.index}.1`,
      }),
  },
  web: {
    does: 'POST /track (reference and code checked, case page rendered from the templates copied beside the bundle)',
    event: (round) =>
      httpEvent({
        method: 'POST',
        target: '/track',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: SITE,
        },
        body: new URLSearchParams({
          reference: referenceOf(round),
          token: round.token ?? '',
        }).toString(),
        sourceIp: `10.8.${round.index}.1`,
      }),
  },
  console: {
    does: 'GET /console signed in (JWKS fetched, work queue rendered from the templates copied beside the bundle)',
    event: (round) =>
      httpEvent({
        method: 'GET',
        target: '/console',
        headers: { cookie: `hearth_console_session=${round.idToken}` },
      }),
  },
};

/** A result in a word: the HTTP status, the batch failures, or the error. */
export function outcomeOf(child: {
  readonly result?: unknown;
  readonly error?: string;
}): string {
  if (child.error !== undefined) {
    return `threw ${child.error.split('\n')[0]?.slice(0, 80)}`;
  }
  const result = child.result as
    | { statusCode?: unknown; batchItemFailures?: unknown }
    | null
    | undefined;
  if (typeof result?.statusCode === 'number') return String(result.statusCode);
  if (Array.isArray(result?.batchItemFailures)) {
    const failed = result.batchItemFailures.length;
    return failed === 0 ? 'ok' : `${failed} record(s) failed`;
  }
  return 'ok';
}

/** `201 ×7`, or `200 ×5, 404 ×2`. */
export function tally(outcomes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  return [...counts].map(([outcome, n]) => `${outcome} ×${n}`).join(', ');
}

interface Samples {
  readonly first: number[];
  readonly imports: number[];
  readonly floorFirst: number[];
  readonly floorImports: number[];
  readonly outcomes: string[];
}

export const measureColdImport: Measure = async (context) => {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 24) {
    throw new Error(
      `Cold starts need Node 24 (the Lambda runtime); this is ${process.version}`,
    );
  }
  const { floor, functions } = await bundles(context);
  const rounds = context.quick ? 3 : 7;
  const warmup = context.quick ? 0 : 1;
  const services = await startServices();
  const events = path.join(context.root, 'bench/.out/events');
  await mkdir(events, { recursive: true });
  try {
    const planned = functions.filter((fn) => plans[fn.name] !== undefined);
    const order = Object.keys(plans)
      .map((name) => planned.find((fn) => fn.name === name))
      .filter((fn): fn is Bundle => fn !== undefined);
    const samples = new Map<string, Samples>(
      order.map((fn) => [
        fn.name,
        {
          first: [],
          imports: [],
          floorFirst: [],
          floorImports: [],
          outcomes: [],
        },
      ]),
    );
    const staff = (await services.pool.issuer.verify(
      await services.pool.issuer.issue({
        username: 'ana',
        groups: ['officer'],
        organisationId: ORG,
      }),
    )) as JwtClaims;
    const idToken = await services.pool.issuer.issue({
      username: 'ana',
      groups: ['officer'],
      organisationId: ORG,
    });
    const started = performance.now();
    for (let index = 0; index < warmup + rounds; index += 1) {
      const round: Round = {
        index,
        services,
        root: context.root,
        staff,
        idToken,
      };
      const recorded = index >= warmup;
      for (const fn of order) {
        const plan = plans[fn.name] as Plan;
        const env = (name: string) => ({
          ...services.env,
          [envKeys.serviceName]: `hearth-${name}`,
          AWS_LAMBDA_FUNCTION_NAME: `hearth-${name}`,
        });
        const floorRun = await coldStart(
          floor,
          {},
          env('floor'),
          path.join(events, 'floor.json'),
        );
        const event = await plan.event(round);
        const run = await coldStart(
          fn,
          event,
          env(fn.name),
          path.join(events, `${fn.name}.json`),
        );
        if (run.error === undefined) plan.after?.(round, run.result);
        if (!recorded) continue;
        const s = samples.get(fn.name) as Samples;
        s.first.push(run.firstMs);
        s.imports.push(run.importMs);
        s.floorFirst.push(floorRun.firstMs);
        s.floorImports.push(floorRun.importMs);
        s.outcomes.push(outcomeOf(run));
      }
      context.log(
        `cold starts: round ${index + 1}/${warmup + rounds}${recorded ? '' : ' (warm-up, not recorded)'} done`,
      );
    }
    const mail = (await services.ses.sent()).length;
    const stored = Object.values(BUCKETS)
      .map((bucket) => `${bucket} ${services.s3.objects(bucket).length}`)
      .join(', ');
    context.log(
      `cold starts took ${((performance.now() - started) / 1000).toFixed(0)} s; they sent ${mail} emails, stored objects: ${stored}; ${services.scheduler.schedules().length} schedules`,
    );
    return coldRows(order, samples, functions, rounds);
  } finally {
    await services.stop();
  }
};

function coldRows(
  order: readonly Bundle[],
  samples: ReadonlyMap<string, Samples>,
  functions: readonly Bundle[],
  rounds: number,
): BenchRow[] {
  const all = [...samples.values()];
  const floorFirst = all.flatMap((s) => s.floorFirst);
  const floorImports = all.flatMap((s) => s.floorImports);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const rows: BenchRow[] = [
    {
      group: 'cold import',
      name: 'floor (GetItem)',
      value: median(floorFirst),
      unit: 'ms',
      spread: spread(floorFirst),
      note: `import ${ms(median(floorImports))}; one GetItem; ${floorFirst.length} runs, one before each function's`,
      details: { firstMs: floorFirst, importMs: floorImports },
    },
  ];
  for (const fn of order) {
    const s = samples.get(fn.name) as Samples;
    const plan = plans[fn.name] as Plan;
    // Each start is paired with the floor's start just before it, so a
    // burst of load from a neighbour hits both; the budget is judged on
    // the median of those paired ratios, not on a ratio of two medians.
    const paired = median(
      s.first.map((first, index) => first / (s.floorFirst[index] as number)),
    );
    rows.push({
      ...ratioRow({
        group: 'cold import',
        name: fn.name,
        value: median(s.first),
        unit: 'ms',
        spread: spread(s.first),
        reference: { name: 'floor', value: median(s.floorFirst) },
        limit: LIMIT,
        note: `import ${ms(median(s.imports))} (floor ${ms(median(s.floorImports))}); ${plan.does} → ${tally(s.outcomes)}; ratio = median of ${s.first.length} paired runs`,
        details: {
          firstMs: s.first,
          importMs: s.imports,
          floorFirstMs: s.floorFirst,
          floorImportMs: s.floorImports,
          outcomes: s.outcomes,
          rounds,
        },
      }),
      ratio: paired,
      pass: paired <= LIMIT,
    });
  }
  for (const fn of functions) {
    if (plans[fn.name] !== undefined) continue;
    rows.push({
      group: 'cold import',
      name: fn.name,
      value: Number.NaN,
      unit: 'ms',
      pass: false,
      budget: `≤ ${LIMIT}× floor`,
      note: 'not measured: bench/bundles.ts has no first invocation for this function',
    });
  }
  return rows;
}
