/**
 * The local stand-in for Lambda's DynamoDB Streams event source mapping:
 * reads the table's stream, keeps the records a consumer's filter pattern
 * lets through, and invokes the consumer with a `{ Records }` batch in
 * stream order. As in AWS, each consumer has its own position; a thrown
 * error retries the batch, and `batchItemFailures` (ReportBatchItemFailures)
 * resumes from the first failed record, so nothing is skipped. Positions
 * are saved to a file, so a restarted stack does not deliver a record twice.
 *
 * For the fault tests (local only, off unless asked for): `pause()` and
 * `resume()` hold records back so they arrive as one batch, and
 * `crashNext()` makes a consumer's next batch die part-way, as a Lambda
 * invocation that crashes does: the records before the crash are handled,
 * nothing is reported, and the whole batch comes again from the saved
 * position.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';

export interface StreamConsumer {
  readonly name: string;
  /** An event-filtering pattern, as on a Lambda event source mapping. */
  readonly filter?: FilterPattern;
  readonly batchSize?: number;
  /** Invokes the consumer; may return `{ batchItemFailures }`. */
  readonly invoke: (event: { Records: unknown[] }) => Promise<unknown>;
}

export type FilterPattern = {
  readonly [key: string]: FilterPattern | readonly unknown[];
};

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly consumers: readonly StreamConsumer[];
  /** Where positions are kept between runs; in memory when absent. */
  readonly checkpointFile?: string;
  readonly pollMs?: number;
  readonly region?: string;
  readonly onError?: (consumer: string, error: unknown) => void;
}

export interface RunningStreamPoller {
  /** Polls until every consumer has caught up with the stream (for tests). */
  drain(): Promise<void>;
  /** Stops polling (after any pass under way) until `resume()`. */
  pause(): Promise<void>;
  resume(): void;
  /**
   * The consumer's next batch of at least `afterRecords` records crashes
   * once its first `afterRecords` are handled (all of them: the answer is
   * lost): the invocation fails as a whole and the batch is delivered
   * again from the saved position.
   */
  crashNext(consumer: string, afterRecords: number): void;
  /** Crashes `crashNext` has caused so far. */
  crashes(): number;
  stop(): Promise<void>;
}

type Checkpoints = Record<string, Record<string, string>>;

/**
 * Starts polling. Each consumer is served in order, one batch at a time.
 *
 * @example
 * const poller = await startStreamPoller({ client, streamArn, consumers });
 */
export async function startStreamPoller(
  options: StreamPollerOptions,
): Promise<RunningStreamPoller> {
  const pollMs = options.pollMs ?? 250;
  const checkpoints: Checkpoints = await readCheckpoints(
    options.checkpointFile,
  );
  let stopped = false;
  let paused = false;
  const crashArmed = new Map<string, number>();
  let crashes = 0;
  let running: Promise<void> = Promise.resolve();
  // Passes never overlap (the loop and drain() share one queue), or a
  // record could be delivered twice.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = (): Promise<boolean> => {
    const next = queue.then(pass, pass);
    queue = next.catch(() => undefined);
    return next;
  };

  const save = async () => {
    if (options.checkpointFile === undefined) return;
    await mkdir(path.dirname(options.checkpointFile), { recursive: true });
    const temp = `${options.checkpointFile}.tmp`;
    await writeFile(temp, JSON.stringify(checkpoints, null, 2));
    await rename(temp, options.checkpointFile);
  };

  /** One pass over every shard for every consumer; true if anything was read. */
  const pass = async (): Promise<boolean> => {
    const { StreamDescription } = await options.client.send(
      new DescribeStreamCommand({ StreamArn: options.streamArn }),
    );
    let readAny = false;
    for (const consumer of options.consumers) {
      checkpoints[consumer.name] ??= {};
      const positions = checkpoints[consumer.name] ?? {};
      for (const shard of StreamDescription?.Shards ?? []) {
        const shardId = shard.ShardId;
        if (shardId === undefined || stopped) continue;
        const read = await consumeShard(consumer, shardId, positions);
        readAny ||= read;
      }
    }
    return readAny;
  };

  const consumeShard = async (
    consumer: StreamConsumer,
    shardId: string,
    positions: Record<string, string>,
  ): Promise<boolean> => {
    const after = positions[shardId];
    const { ShardIterator } = await options.client.send(
      new GetShardIteratorCommand({
        StreamArn: options.streamArn,
        ShardId: shardId,
        ...(after === undefined
          ? { ShardIteratorType: 'TRIM_HORIZON' }
          : {
              ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
              SequenceNumber: after,
            }),
      }),
    );
    let iterator = ShardIterator;
    let readAny = false;
    while (iterator !== undefined && !stopped) {
      const page = await options.client.send(
        new GetRecordsCommand({
          ShardIterator: iterator,
          Limit: consumer.batchSize ?? 100,
        }),
      );
      const records = page.Records ?? [];
      if (records.length === 0) break;
      readAny = true;
      const delivered = await deliver(consumer, records);
      if (delivered === undefined) break;
      positions[shardId] = delivered;
      await save();
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (delivered !== last) break;
      iterator = page.NextShardIterator;
    }
    return readAny;
  };

  /**
   * Delivers one page; returns the sequence number everything up to which
   * is done, or undefined when nothing was (retry later).
   */
  const deliver = async (
    consumer: StreamConsumer,
    records: StreamRecord[],
  ): Promise<string | undefined> => {
    const matching = records.filter((r) =>
      consumer.filter === undefined ? true : matches(consumer.filter, r),
    );
    const lastRead = records.at(-1)?.dynamodb?.SequenceNumber;
    if (matching.length === 0) return lastRead;
    let result: unknown;
    const batch = matching.map((r) => ({
      ...r,
      eventSourceARN: options.streamArn,
      awsRegion: options.region ?? 'eu-west-2',
    }));
    const crashAfter = crashArmed.get(consumer.name);
    try {
      if (crashAfter !== undefined && batch.length >= crashAfter) {
        crashArmed.delete(consumer.name);
        crashes += 1;
        if (crashAfter > 0) {
          await consumer.invoke({ Records: batch.slice(0, crashAfter) });
        }
        throw new Error(
          `local fault: ${consumer.name} crashed after ${crashAfter} of ${batch.length} records`,
        );
      }
      result = await consumer.invoke({ Records: batch });
    } catch (error) {
      options.onError?.(consumer.name, error);
      return undefined;
    }
    const failed = firstFailure(result);
    if (failed === undefined) return lastRead;
    options.onError?.(
      consumer.name,
      new Error(`batch item failure at ${failed}`),
    );
    // Done up to the record before the first failure.
    const index = records.findIndex(
      (r) => r.dynamodb?.SequenceNumber === failed,
    );
    return index <= 0
      ? undefined
      : records[index - 1]?.dynamodb?.SequenceNumber;
  };

  const loop = async () => {
    while (!stopped) {
      if (paused) {
        await sleep(pollMs);
        continue;
      }
      try {
        const readAny = await exclusive();
        if (!readAny) await sleep(pollMs);
      } catch (error) {
        options.onError?.('stream', error);
        await sleep(pollMs * 4);
      }
    }
  };
  running = loop();

  return {
    async drain() {
      // Two quiet passes in a row: the stream has nothing more for anyone.
      let quiet = 0;
      while (quiet < 2) {
        quiet = (await exclusive()) ? 0 : quiet + 1;
      }
    },
    async pause() {
      paused = true;
      await queue;
    },
    resume() {
      paused = false;
    },
    crashNext(consumer, afterRecords) {
      if (!Number.isInteger(afterRecords) || afterRecords < 0) {
        throw new RangeError(`Not a record count: ${afterRecords}`);
      }
      crashArmed.set(consumer, afterRecords);
    },
    crashes: () => crashes,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/** The sequence number of the first failed item in a consumer's response. */
function firstFailure(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const failures = (result as { batchItemFailures?: unknown })
    .batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  const first = failures[0] as { itemIdentifier?: unknown };
  return typeof first.itemIdentifier === 'string'
    ? first.itemIdentifier
    : undefined;
}

/**
 * The subset of Lambda event-filter patterns Hearth uses: nested objects
 * whose leaves are arrays of allowed values.
 */
export function matches(pattern: FilterPattern, value: unknown): boolean {
  for (const [key, expected] of Object.entries(pattern)) {
    const actual =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
    if (Array.isArray(expected)) {
      if (!expected.includes(actual)) return false;
    } else if (!matches(expected as FilterPattern, actual)) {
      return false;
    }
  }
  return true;
}

async function readCheckpoints(file: string | undefined): Promise<Checkpoints> {
  if (file === undefined) return {};
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Checkpoints;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
