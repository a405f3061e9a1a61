/**
 * The Board report for any period, from the local stack's table, written
 * to files (the report function's own figures and rendering; nothing is
 * stored in S3 or mailed):
 *
 *   npm run report -- --from 2026-04-01 --to 2026-11-30 [--out dir]
 *
 * It reads the DynamoDB Local of a running `npm start`; with none running
 * it opens the data folder's DynamoDB itself, and with no data folder it
 * says how to make one. Options: --out (default `.hearth/reports/<period>`),
 * --data-dir (default .hearth), --organisation (default local), --policy
 * (default code-2024), --dynamodb-port (default 8000).
 */

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { envKeys } from '../../functions/shared/env-keys.js';
import {
  localCredentials,
  localRegion,
  type RunningDynamoDb,
  startDynamoDbLocal,
} from '../local/dynamodb-local.js';
import { freePort } from '../local/listen.js';
import { localStock, optionsFrom } from '../local/start.js';

const usage =
  'usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--out <dir>] ' +
  '[--data-dir <dir>] [--organisation <id>] [--policy <id>] [--dynamodb-port <n>]';

const howToStart =
  'No local Hearth data found. Start the local stack with `npm start` ' +
  '(it keeps its data in .hearth), record some complaints, then run this again.';

/** What functions/report/local.ts exports (loaded by path, as Lambda loads handlers). */
interface LocalReportModule {
  reportDocuments(given: { from: string; to: string }): Promise<{
    period: string;
    complaints: number;
    documents: readonly { name: string; body: string }[];
  }>;
}

export interface ReportIo {
  readonly root: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs the command; resolves with the exit code. */
export async function reportCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: ReportIo,
): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        organisation: { type: 'string' },
        policy: { type: 'string' },
        'dynamodb-port': { type: 'string' },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { from, to } = values;
  if (from === undefined || to === undefined) {
    io.err(usage);
    return 2;
  }
  const options = optionsFrom(
    [
      ...(values['data-dir'] === undefined
        ? []
        : ['--data-dir', values['data-dir']]),
      ...(values.organisation === undefined
        ? []
        : ['--organisation', values.organisation]),
      ...(values.policy === undefined ? [] : ['--policy', values.policy]),
      ...(values['dynamodb-port'] === undefined
        ? []
        : ['--dynamodb-port', values['dynamodb-port']]),
    ],
    env,
    io.root,
  );

  let own: RunningDynamoDb | undefined;
  let endpoint = `http://127.0.0.1:${options.dynamodbPort}`;
  try {
    let found = await tableAt(endpoint, options.tableName);
    if (found === 'unreachable') {
      const folder = path.join(options.dataDir, 'dynamodb');
      if (!existsSync(folder)) {
        io.err(howToStart);
        return 1;
      }
      own = await startDynamoDbLocal({
        port: await freePort(),
        dataDir: folder,
      });
      endpoint = own.endpoint;
      found = await tableAt(endpoint, options.tableName);
    }
    if (found !== 'found') {
      io.err(howToStart);
      return 1;
    }
    Object.assign(process.env, {
      [envKeys.tableName]: options.tableName,
      [envKeys.organisationId]: options.organisationId,
      [envKeys.policyId]: options.policyId,
      [envKeys.landlordName]: env[envKeys.landlordName] ?? 'Hearth Local Homes',
      [envKeys.housingStock]:
        env[envKeys.housingStock] ?? JSON.stringify(localStock),
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    });
    const module = (await import(
      pathToFileURL(path.join(io.root, 'functions', 'report', 'local.ts')).href
    )) as LocalReportModule;
    const report = await module.reportDocuments({ from, to });
    const outDir = path.resolve(
      io.root,
      values.out ?? path.join(options.dataDir, 'reports', report.period),
    );
    await mkdir(outDir, { recursive: true });
    io.err(
      `Board report ${report.period} for ${options.organisationId}: ${report.complaints} complaints read`,
    );
    for (const doc of report.documents) {
      const file = path.join(outDir, doc.name);
      await writeFile(file, doc.body);
      io.out(file);
    }
    return 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await own?.stop();
  }
}

/** Whether the table is there, or DynamoDB Local is not listening at all. */
async function tableAt(
  endpoint: string,
  tableName: string,
): Promise<'found' | 'missing' | 'unreachable'> {
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    maxAttempts: 1,
  });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'found';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return 'missing';
    return 'unreachable';
  } finally {
    client.destroy();
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === import.meta.filename
) {
  const root = path.resolve(import.meta.dirname, '../..');
  reportCommand(process.argv.slice(2), process.env, {
    root,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then((code) => process.exit(code));
}
