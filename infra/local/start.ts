/**
 * `npm start`: Hearth's whole AWS shape on one machine (DESIGN §5).
 * DynamoDB Local (the real engine) with the table and its stream, the SES
 * v2 stand-in and its mail page, the EventBridge Scheduler stand-in, the
 * API Gateway stand-in over the route table (serving the pages' assets at
 * /assets as CloudFront does), the local user pool with its hosted UI for
 * staff sign-in, the stream poller feeding the outbox consumers, and an
 * SMTP port for mail in. Handlers are loaded by path, as Lambda does.
 * Ctrl-C stops everything it started.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { envKeys } from '../../functions/shared/env-keys.js';
import { outboxFilterPattern } from '../../functions/shared/table.js';
import { consoleRedirects } from '../config/console.js';
import {
  cronInput,
  cronJobs,
  deadlineTarget,
  mailConsumer,
  outboxConsumers,
  routes,
} from '../routes.js';
import { assetsPath, buildAssets } from '../web-assets.js';
import { startApiGateway } from './api-gateway.js';
import { startLocalUserPool } from './auth.js';
import { ensureTable, streamArnOf } from './create-table.js';
import {
  localCredentials,
  localRegion,
  startDynamoDbLocal,
} from './dynamodb-local.js';
import { LocalLambdas } from './lambda-runtime.js';
import { baseUrl } from './listen.js';
import { startS3 } from './s3/index.js';
import { startScheduler } from './scheduler/index.js';
import { startSes } from './ses.js';
import { startSmtp } from './smtp.js';
import {
  type RunningStreamPoller,
  startStreamPoller,
} from './stream-poller.js';

export interface LocalStackOptions {
  readonly host: string;
  readonly apiPort: number;
  readonly dynamodbPort: number;
  readonly sesPort: number;
  readonly schedulerPort: number;
  readonly smtpPort: number;
  readonly authPort: number;
  readonly s3Port: number;
  /** Data folder, kept between runs; ignored when `inMemory`. */
  readonly dataDir: string;
  readonly inMemory: boolean;
  readonly organisationId: string;
  readonly policyId: string;
  readonly tableName: string;
  /** The repository root that handler entry paths are relative to. */
  readonly root: string;
  readonly log?: (line: string) => void;
}

export interface LocalStack {
  /**
   * What `npm start` prints, by name: among them `api` and `site` (the API
   * stand-in, which is the site's origin, as CloudFront is in AWS),
   * `resident form`, `staff console`, `auth` (the hosted UI's base URL)
   * and `user pool (issuer)`.
   */
  readonly urls: Readonly<Record<string, string>>;
  readonly lambdas: LocalLambdas;
  /** Delivers every pending outbox record (tests, demos). */
  drain(): Promise<void>;
  /** The Scheduler stand-in (move its clock forward). */
  readonly scheduler: Awaited<ReturnType<typeof startScheduler>>;
  readonly ses: Awaited<ReturnType<typeof startSes>>;
  /** The stream poller, with its local fault hooks (pause, crashNext). */
  readonly poller: RunningStreamPoller;
  stop(): Promise<void>;
}

/** The ARN a local function is known by (Scheduler targets). */
export function functionArn(name: string): string {
  return `arn:aws:lambda:${localRegion}:000000000000:function:hearth-${name}`;
}

const SCHEDULE_GROUP = 'hearth-deadlines';
const MAIL_BUCKET = 'hearth-mail';
const LETTERS_BUCKET = 'hearth-letters';
const REPORTS_BUCKET = 'hearth-reports';

/** The local landlord's homes, by reporting year (the Board report's CH01). */
export const localStock = Array.from({ length: 12 }, (_, i) => 2020 + i).map(
  (year) => ({
    yearFrom: `${year}-04-01`,
    asAt: `${year + 1}-03-31`,
    LCRA: 4000,
    LCHO: 800,
  }),
);

/** Starts every service; on any failure stops what had started. */
export async function startLocalStack(
  options: LocalStackOptions,
): Promise<LocalStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) =>
        log(`stop failed: ${String(error)}`),
      );
    }
  };
  const data = (name: string) =>
    options.inMemory ? undefined : path.join(options.dataDir, name);
  try {
    if (!options.inMemory) await mkdir(options.dataDir, { recursive: true });

    const dynamodb = await startDynamoDbLocal({
      port: options.dynamodbPort,
      ...(options.inMemory ? {} : { dataDir: data('dynamodb') as string }),
    });
    stops.push(dynamodb.stop);
    const client = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: localRegion,
      credentials: localCredentials,
    });
    stops.push(async () => client.destroy());
    await ensureTable(client, options.tableName);

    // Sent mail is kept in the data folder, so the mail page survives a restart.
    const ses = await startSes({
      port: options.sesPort,
      host: options.host,
      ...(options.inMemory ? {} : { dataDir: data('ses') as string }),
    });
    stops.push(ses.stop);

    // Raw inbound mail, attachments and letter PDFs (S3 in AWS).
    const s3 = await startS3({
      port: options.s3Port,
      host: options.host,
      ...(options.inMemory ? {} : { dataDir: data('s3') as string }),
      buckets: [MAIL_BUCKET, LETTERS_BUCKET, REPORTS_BUCKET],
    });
    stops.push(s3.stop);

    // The handlers run in this process and read their configuration and
    // the SDK endpoints from the environment, as they would in Lambda.
    Object.assign(process.env, {
      [envKeys.tableName]: options.tableName,
      [envKeys.organisationId]: options.organisationId,
      [envKeys.policyId]: options.policyId,
      [envKeys.senderAddress]: `complaints@${options.organisationId}.localhost`,
      [envKeys.teamAddress]: `complaints-team@${options.organisationId}.localhost`,
      [envKeys.landlordName]: 'Hearth Local Homes',
      [envKeys.landlordAddress]: '1 High Street|Anytown|AN1 1AA',
      [envKeys.landlordPhone]: '0300 000 0000',
      [envKeys.mailBucket]: MAIL_BUCKET,
      [envKeys.lettersBucket]: LETTERS_BUCKET,
      [envKeys.reportsBucket]: REPORTS_BUCKET,
      [envKeys.boardRecipients]: `board@${options.organisationId}.localhost`,
      [envKeys.housingStock]: JSON.stringify(localStock),
      // The site's origin as the API stand-in will serve it, set now so a
      // Board report the scheduler replays at start (before the API is
      // listening) links to the console; replaced by the real one below
      // once the port is known (the same unless the port is 0).
      [envKeys.siteUrl]: baseUrl(options.host, options.apiPort),
      [envKeys.scheduleGroup]: SCHEDULE_GROUP,
      [envKeys.deadlineFunctionArn]: functionArn(deadlineTarget),
      [envKeys.schedulerRoleArn]:
        'arn:aws:iam::000000000000:role/hearth-scheduler',
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    const lambdas = new LocalLambdas({ root: options.root });

    const scheduler = await startScheduler({
      port: options.schedulerPort,
      host: options.host,
      ...(options.inMemory ? {} : { dataDir: data('scheduler') as string }),
      fire: async (target) =>
        lambdas.invoke(
          functionOfArn(target.arn),
          target.input === undefined ? {} : JSON.parse(target.input),
        ),
    });
    stops.push(scheduler.stop);
    process.env.AWS_ENDPOINT_URL_SCHEDULER = scheduler.endpoint;
    await createCronJobs(scheduler.endpoint);

    const streams = new DynamoDBStreamsClient({
      endpoint: dynamodb.endpoint,
      region: localRegion,
      credentials: localCredentials,
    });
    stops.push(async () => streams.destroy());
    const poller = await startStreamPoller({
      client: streams,
      streamArn: await streamArnOf(client, options.tableName),
      consumers: outboxConsumers.map((name) => ({
        name,
        filter: outboxFilterPattern,
        invoke: (event) => lambdas.invoke(name, event),
      })),
      ...(options.inMemory
        ? {}
        : { checkpointFile: data('stream-positions.json') as string }),
      onError: (name, error) => log(`stream → ${name}: ${String(error)}`),
    });
    stops.push(poller.stop);

    // Mail in, as SES receipt → S3 → S3 event → email-intake in AWS.
    const mailStore = new S3Client({
      endpoint: s3.endpoint,
      region: localRegion,
      credentials: localCredentials,
      forcePathStyle: true,
    });
    stops.push(async () => mailStore.destroy());
    const smtp = await startSmtp({
      port: options.smtpPort,
      host: options.host,
      mailDir:
        data('smtp-spool') ?? path.join(os.tmpdir(), 'hearth-smtp-spool'),
      onMessage: async (message) => {
        const key = `inbound/${message.key}`;
        await mailStore.send(
          new PutObjectCommand({
            Bucket: MAIL_BUCKET,
            Key: key,
            Body: message.raw,
            ContentType: 'message/rfc822',
          }),
        );
        if (mailConsumer === undefined) {
          log(`mail in: kept s3://${MAIL_BUCKET}/${key}`);
          return;
        }
        await lambdas.invoke(
          mailConsumer,
          s3Event(MAIL_BUCKET, key, message.raw.length),
        );
      },
    });
    stops.push(smtp.stop);

    // Staff sign-in, as Cognito in AWS: staff routes need its bearer
    // token, and the console signs in through its hosted UI.
    const userPool = await startLocalUserPool({
      port: options.authPort,
      host: options.host,
      organisationId: options.organisationId,
      ...(options.inMemory ? {} : { dataDir: options.dataDir }),
    });
    stops.push(userPool.stop);
    Object.assign(process.env, {
      [envKeys.authUrl]: userPool.url,
      [envKeys.authClientId]: userPool.issuer.audience,
      [envKeys.authIssuer]: userPool.issuerUrl,
    });

    // The pages' CSS, JavaScript and images, as deployed to the assets bucket.
    let assetsDir = data('assets');
    if (assetsDir === undefined) {
      const temporary = await mkdtemp(path.join(os.tmpdir(), 'hearth-assets-'));
      stops.push(() => rm(temporary, { recursive: true, force: true }));
      assetsDir = temporary;
    }
    buildAssets(options.root, assetsDir);

    const api = await startApiGateway({
      port: options.apiPort,
      host: options.host,
      routes,
      lambdas,
      authorize: userPool.authorize,
      assets: { dir: assetsDir, urlPath: assetsPath },
    });
    stops.push(api.stop);
    // Set before any request is read (no await in between): the site's
    // origin is the API stand-in's, as it is CloudFront's in AWS.
    const site = api.url;
    process.env[envKeys.siteUrl] = site;
    userPool.configureClient(consoleRedirects(site));

    const urls = {
      'resident form': `${site}/complaint`,
      'staff console': `${site}/console`,
      site,
      api: api.url,
      'complaint form (POST)': `${api.url}/complaints`,
      'sent mail (SES)': ses.mailPageUrl,
      'scheduler API': scheduler.endpoint,
      'staff sign-in (POST)': `${userPool.url}/token`,
      auth: userPool.url,
      'user pool (issuer)': userPool.issuerUrl,
      'DynamoDB Local': dynamodb.endpoint,
      'S3 (mail, letters, reports)': s3.endpoint,
      SMTP: `smtp://${options.host}:${smtp.port}`,
    };
    return {
      urls,
      lambdas,
      drain: () => poller.drain(),
      scheduler,
      ses,
      poller,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The S3 event notification a new object sends (keys URL-encoded, as S3 does). */
export function s3Event(bucket: string, key: string, size: number) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: localRegion,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: {
          s3SchemaVersion: '1.0',
          bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: encodeURIComponent(key)
              .replaceAll('%2F', '/')
              .replaceAll('%20', '+'),
            size,
          },
        },
      },
    ],
  };
}

/** The recurring jobs, as the CDK app creates them: Scheduler crons. */
async function createCronJobs(endpoint: string): Promise<void> {
  const client = new SchedulerClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  try {
    for (const job of cronJobs) {
      try {
        await client.send(
          new CreateScheduleCommand({
            Name: job.name,
            GroupName: 'default',
            ScheduleExpression: job.expression,
            ScheduleExpressionTimezone: 'Europe/London',
            FlexibleTimeWindow: { Mode: 'OFF' },
            Target: {
              Arn: functionArn(job.function),
              RoleArn: 'arn:aws:iam::000000000000:role/hearth-scheduler',
              Input: cronInput,
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
      }
    }
  } finally {
    client.destroy();
  }
}

/** `arn:aws:lambda:<region>:<account>:function:hearth-<name>` → `<name>`. */
export function functionOfArn(arn: string): string {
  const match = /:function:hearth-([a-z0-9-]+)(?::|$)/.exec(arn);
  if (match?.[1] === undefined) {
    throw new Error(`Not a Hearth function ARN: ${arn}`);
  }
  return match[1];
}

/** Flags win over environment variables, which win over defaults. */
export function optionsFrom(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  root: string,
): LocalStackOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      'api-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'ses-port': { type: 'string' },
      'scheduler-port': { type: 'string' },
      'smtp-port': { type: 'string' },
      'auth-port': { type: 'string' },
      's3-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      organisation: { type: 'string' },
      policy: { type: 'string' },
    },
  });
  const port = (flag: string | undefined, name: string, fallback: number) => {
    const value = Number(flag ?? env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65_535) {
      throw new Error(`${name}: not a port: ${flag ?? env[name]}`);
    }
    return value;
  };
  return {
    host: values.host ?? env.HEARTH_HOST ?? '127.0.0.1',
    apiPort: port(values['api-port'], 'HEARTH_API_PORT', 3000),
    dynamodbPort: port(values['dynamodb-port'], 'HEARTH_DYNAMODB_PORT', 8000),
    sesPort: port(values['ses-port'], 'HEARTH_SES_PORT', 8005),
    schedulerPort: port(
      values['scheduler-port'],
      'HEARTH_SCHEDULER_PORT',
      8010,
    ),
    smtpPort: port(values['smtp-port'], 'HEARTH_SMTP_PORT', 2525),
    authPort: port(values['auth-port'], 'HEARTH_AUTH_PORT', 8015),
    s3Port: port(values['s3-port'], 'HEARTH_S3_PORT', 8020),
    dataDir: path.resolve(
      root,
      values['data-dir'] ?? env.HEARTH_DATA_DIR ?? '.hearth',
    ),
    inMemory: values['in-memory'] ?? env.HEARTH_IN_MEMORY === 'true',
    organisationId: values.organisation ?? env.HEARTH_ORGANISATION ?? 'local',
    policyId: values.policy ?? env.HEARTH_POLICY ?? 'code-2024',
    tableName: 'hearth-local',
    root,
  };
}

async function main() {
  const root = path.resolve(import.meta.dirname, '../..');
  const options = optionsFrom(process.argv.slice(2), process.env, root);
  const stack = await startLocalStack(options);
  const width = Math.max(...Object.keys(stack.urls).map((k) => k.length));
  console.log('\nHearth is running locally.\n');
  for (const [name, url] of Object.entries(stack.urls)) {
    console.log(`  ${name.padEnd(width)}  ${url}`);
  }
  console.log(
    `\n  data: ${options.inMemory ? 'in memory (gone when stopped)' : options.dataDir}` +
      `\n  organisation ${options.organisationId}, policy ${options.policyId}` +
      '\n\nPress Ctrl-C to stop.\n',
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === import.meta.filename
) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
