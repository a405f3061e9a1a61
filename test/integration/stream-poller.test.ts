import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { outboxFilterPattern } from '../../functions/shared/table.js';
import { streamArnOf } from '../../infra/local/create-table.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import {
  type StreamConsumer,
  startStreamPoller,
} from '../../infra/local/stream-poller.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';

const client = dynamoDbClient();
const documents = DynamoDBDocumentClient.from(client);
const streams = new DynamoDBStreamsClient({
  endpoint: inject('dynamodbEndpoint'),
  region: localRegion,
  credentials: localCredentials,
});
let tableName: string;
let streamArn: string;
let dir: string;

beforeAll(async () => {
  tableName = await freshTable(client);
  streamArn = await streamArnOf(client, tableName);
  dir = await mkdtemp(path.join(tmpdir(), 'hearth-stream-'));
});
afterAll(async () => {
  client.destroy();
  streams.destroy();
  await rm(dir, { recursive: true, force: true });
});

const put = (item: Record<string, unknown>) =>
  documents.send(new PutCommand({ TableName: tableName, Item: item }));
const eventItem = (complaint: string, version: number) =>
  put({
    pk: `ORG#t#COMPLAINT#${complaint}`,
    sk: `EVENT#${version}`,
    kind: 'event',
    complaintId: complaint,
    version,
  });
const stateItem = (complaint: string, version: number) =>
  put({
    pk: `ORG#t#COMPLAINT#${complaint}`,
    sk: 'STATE',
    kind: 'complaint',
    complaintId: complaint,
    version,
  });

/** A consumer that records what it accepted, and can be told to fail. */
function recorder(
  name: string,
  fail?: (record: Record<string, unknown>, attempt: number) => boolean,
) {
  const accepted: string[] = [];
  let attempts = 0;
  const consumer: StreamConsumer = {
    name,
    filter: outboxFilterPattern,
    batchSize: 3,
    invoke: async ({ Records }) => {
      attempts += 1;
      for (const record of Records as {
        dynamodb: { NewImage: never; SequenceNumber: string };
      }[]) {
        const item = unmarshall(record.dynamodb.NewImage);
        if (fail?.(item, attempts)) {
          return {
            batchItemFailures: [
              { itemIdentifier: record.dynamodb.SequenceNumber },
            ],
          };
        }
        accepted.push(`${item.complaintId}#${item.version}`);
      }
      return { batchItemFailures: [] };
    },
  };
  return { consumer, accepted };
}

const inOrderPerCase = (accepted: string[], complaint: string) =>
  accepted
    .filter((a) => a.startsWith(`${complaint}#`))
    .map((a) => Number(a.split('#')[1]));

describe('the local stream poller (DynamoDB Streams → outbox consumers)', () => {
  it('delivers each event item once, in order per case, and never a state item', async () => {
    const { consumer, accepted } = recorder('letters');
    for (let v = 1; v <= 3; v += 1) {
      for (const c of ['a', 'b', 'c']) {
        await stateItem(c, v);
        await eventItem(c, v);
      }
    }
    const poller = await startStreamPoller({
      client: streams,
      streamArn,
      consumers: [consumer],
      checkpointFile: path.join(dir, 'positions.json'),
      pollMs: 20,
    });

    await poller.drain();
    await poller.stop();

    expect(accepted).toHaveLength(9);
    expect(new Set(accepted).size).toBe(9);
    for (const c of ['a', 'b', 'c'])
      expect(inOrderPerCase(accepted, c)).toEqual([1, 2, 3]);
  });

  it('resumes after a restart without delivering anything twice', async () => {
    const first = recorder('schedules');
    const again = recorder('schedules');
    const file = path.join(dir, 'restart.json');
    const p1 = await startStreamPoller({
      client: streams,
      streamArn,
      consumers: [first.consumer],
      checkpointFile: file,
      pollMs: 20,
    });
    await p1.drain();
    await p1.stop();
    await eventItem('d', 1);

    const p2 = await startStreamPoller({
      client: streams,
      streamArn,
      consumers: [again.consumer],
      checkpointFile: file,
      pollMs: 20,
    });
    await p2.drain();
    await p2.stop();

    expect(first.accepted).not.toContain('d#1');
    expect(again.accepted).toEqual(['d#1']);
  });

  it('retries from the first failed record of a batch, losing and repeating nothing', async () => {
    // Fail on b#2 the first two times it is offered.
    let offered = 0;
    const { consumer, accepted } = recorder('flaky', (item) => {
      if (item.complaintId === 'b' && item.version === 2) {
        offered += 1;
        return offered <= 2;
      }
      return false;
    });
    const errors: unknown[] = [];
    const poller = await startStreamPoller({
      client: streams,
      streamArn,
      consumers: [consumer],
      pollMs: 20,
      onError: (_name, error) => errors.push(error),
    });

    await poller.drain();
    await poller.stop();

    expect(offered).toBe(3);
    expect(errors).toHaveLength(2);
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(accepted).toHaveLength(10);
    for (const c of ['a', 'b', 'c'])
      expect(inOrderPerCase(accepted, c)).toEqual([1, 2, 3]);
  });

  it('retries a whole batch when the consumer throws', async () => {
    let calls = 0;
    const accepted: string[] = [];
    const poller = await startStreamPoller({
      client: streams,
      streamArn,
      pollMs: 20,
      consumers: [
        {
          name: 'throws-once',
          filter: outboxFilterPattern,
          invoke: async ({ Records }) => {
            calls += 1;
            if (calls === 1) throw new Error('SES is down');
            for (const r of Records as { dynamodb: { NewImage: never } }[]) {
              const item = unmarshall(r.dynamodb.NewImage);
              accepted.push(`${item.complaintId}#${item.version}`);
            }
          },
        },
      ],
    });

    await poller.drain();
    await poller.stop();

    expect(calls).toBeGreaterThan(1);
    expect(accepted).toHaveLength(10);
    expect(new Set(accepted).size).toBe(10);
  });
});
