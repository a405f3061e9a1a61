import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type ComplaintState,
  code2024,
  type DecideResult,
  decide,
  nextDue,
  runningClocks,
  ukBankHolidays,
  VersionConflictError,
  workingCalendar,
} from '@hearth/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import { table } from '../../functions/shared/table.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';

const client = dynamoDbClient();
const documents = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});
const calendar = workingCalendar({
  nation: 'england-and-wales',
  feed: ukBankHolidays,
});
const org = 'test-org';
let tableName: string;
let repository: DynamoDbComplaintRepository;

beforeAll(async () => {
  tableName = await freshTable(client);
  repository = new DynamoDbComplaintRepository({
    client: documents,
    tableName,
  });
});
afterAll(() => client.destroy());

let ids = 0;
const context = (now: string) => ({
  now,
  policy: code2024,
  calendar,
  actor: { kind: 'staff', id: 'officer-ana' } as const,
  newId: () => `id-${++ids}`,
});

const receipt = (id: string) =>
  decide(
    undefined,
    {
      type: 'receive',
      id,
      reference: id,
      channel: 'phone',
      receivedAt: '2026-11-20T10:00:00Z',
      summary: 'The bathroom ceiling leaks when the flat above showers.',
      resident: {
        name: 'Sam Tenant',
        phone: '01234 567890',
        preferredContact: 'phone',
        formats: [],
      },
    },
    context('2026-11-20T10:05:00Z'),
  );

const acknowledgement = (state: ComplaintState) =>
  decide(
    state,
    {
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [
          { id: 'i1', summary: 'Leak through the ceiling', inScope: true },
        ],
        outcomesSought: ['Leak fixed'],
      },
    },
    context('2026-11-23T09:00:00Z'),
  );

function ok(result: DecideResult) {
  if (!result.ok) throw new Error(result.rejection.code);
  return result;
}

/** A decision as the application service saves it (with its queue position). */
function toSave(result: DecideResult, expectedVersion: number) {
  const { state, events, intents } = ok(result);
  const due = nextDue(runningClocks(state, code2024, calendar));
  return {
    state,
    expectedVersion,
    events,
    intents,
    ...(due === undefined ? {} : { nextDue: due }),
  };
}

async function save(result: DecideResult, expectedVersion: number) {
  const decision = toSave(result, expectedVersion);
  await repository.save(org, decision);
  return decision.state;
}

const getItem = async (key: { pk: string; sk: string }) =>
  (await documents.send(new GetCommand({ TableName: tableName, Key: key })))
    .Item;

describe('the DynamoDB complaint repository', () => {
  it('saves the state and its event item (with intents) together, and reads them back validated', async () => {
    const received = await save(receipt('HTH-2026-000001'), 0);

    const loaded = await repository.load(org, 'HTH-2026-000001');
    const history = await repository.history(org, 'HTH-2026-000001');
    const stateItem = await getItem(keys.complaint(org, 'HTH-2026-000001'));

    expect(loaded).toEqual(received);
    expect(history).toHaveLength(1);
    // One Query of the partition gives the same state and record.
    expect(await repository.loadWithHistory(org, 'HTH-2026-000001')).toEqual({
      state: received,
      history,
    });
    expect(
      await repository.loadWithHistory(org, 'HTH-2026-999999'),
    ).toBeUndefined();
    expect(history[0]).toMatchObject({
      version: 1,
      complaintId: 'HTH-2026-000001',
    });
    expect(history[0]?.events.map((e) => e.type)).toEqual([
      'complaint-received',
    ]);
    expect(history[0]?.intents.map((i) => i.type)).toEqual([
      'create-schedule',
      'create-schedule',
    ]);
    expect(stateItem).toMatchObject({
      kind: 'complaint',
      version: 1,
      status: 'stage1-received',
      nextDueOn: '2026-11-27',
      nextClock: 'stage1.acknowledge',
      queuePk: `ORG#${org}#QUEUE`,
      queueSk: '2026-11-27#HTH-2026-000001',
      monthPk: `ORG#${org}#RECEIVED#2026-11`,
    });
  });

  it('writes nothing at all when the version check fails', async () => {
    const received = await save(receipt('HTH-2026-000002'), 0);
    const acked = ok(acknowledgement(received));

    // The decision claims to be made on version 0, but version 1 is stored.
    const stale = repository.save(org, {
      state: { ...acked.state, version: 1 },
      expectedVersion: 0,
      events: acked.events,
      intents: acked.intents,
    });

    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    expect(await repository.load(org, 'HTH-2026-000002')).toEqual(received);
    expect(await repository.history(org, 'HTH-2026-000002')).toHaveLength(1);
  });

  it('lets exactly one of two concurrent saves at one version win', async () => {
    const received = await save(receipt('HTH-2026-000003'), 0);
    const a = toSave(acknowledgement(received), 1);
    const b = toSave(acknowledgement(received), 1);

    const results = await Promise.allSettled([
      repository.save(org, a),
      repository.save(org, b),
    ]);

    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(
      VersionConflictError,
    );
    expect(await repository.history(org, 'HTH-2026-000003')).toHaveLength(2);
    expect((await repository.load(org, 'HTH-2026-000003'))?.version).toBe(2);
  });

  it('takes a closed case out of the work queue and keeps the token hash written at receipt', async () => {
    const { state, events, intents } = ok(receipt('HTH-2026-000004'));
    await repository.save(org, {
      state,
      expectedVersion: 0,
      events,
      intents,
      trackingTokenHash: 'abc123',
    });
    const withdrawn = ok(
      decide(
        state,
        { type: 'withdraw', reason: 'Resolved by phone' },
        context('2026-11-21T10:00:00Z'),
      ),
    );

    await repository.save(org, {
      state: withdrawn.state,
      expectedVersion: 1,
      events: withdrawn.events,
      intents: withdrawn.intents,
    });

    const item = await getItem(keys.complaint(org, 'HTH-2026-000004'));
    expect(item).toMatchObject({
      status: 'withdrawn',
      trackingTokenHash: 'abc123',
      version: 2,
    });
    expect(item).not.toHaveProperty('queuePk');
    expect(item).not.toHaveProperty('nextDueOn');
  });

  it('serves the work queue from its index, ordered by next due date', async () => {
    const { Items } = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: table.indexes.workQueue.name,
        KeyConditionExpression: 'queuePk = :q',
        ExpressionAttributeValues: { ':q': `ORG#${org}#QUEUE` },
      }),
    );

    expect(Items?.map((i) => i.reference)).toEqual([
      'HTH-2026-000001',
      'HTH-2026-000002',
      'HTH-2026-000003',
    ]);
    expect(Items?.[2]).toMatchObject({
      nextClock: 'stage1.respond',
      status: 'stage1-acknowledged',
    });
  });

  it('refuses to write a state that is not a valid complaint, and to read one back', async () => {
    const { state, events, intents } = ok(receipt('HTH-2026-000005'));
    const bad = { ...state, receivedOn: '2026-02-30' };

    const write = repository.save(org, {
      state: bad,
      expectedVersion: 0,
      events,
      intents,
    });
    await expect(write).rejects.toThrow(/receivedOn/);
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.complaint(org, bad.id), state: bad },
      }),
    );

    await expect(repository.load(org, 'HTH-2026-000005')).rejects.toThrow(
      /receivedOn/,
    );
  });

  it('allocates references atomically: 50 concurrent requests, 50 different numbers', async () => {
    const references = await Promise.all(
      Array.from({ length: 50 }, () =>
        repository.nextReference('counter-org', 2026),
      ),
    );

    expect(new Set(references).size).toBe(50);
    expect(references.every((r) => /^HTH-2026-\d{6}$/.test(r))).toBe(true);
    expect([...references].sort().at(-1)).toBe('HTH-2026-000050');
    expect(await repository.nextReference('counter-org', 2027)).toBe(
      'HTH-2027-000001',
    );
  });
});

describe('the complaint as it stood at a version', () => {
  it('folds the history up to that version, whatever came after', async () => {
    const received = await save(receipt('HTH-2026-000100'), 0);
    const acknowledged = await save(acknowledgement(received), 1);

    const atOne = await repository.stateAt(org, 'HTH-2026-000100', 1);
    const atTwo = await repository.stateAt(org, 'HTH-2026-000100', 2);
    const atThree = await repository.stateAt(org, 'HTH-2026-000100', 3);

    expect(atOne).toEqual(received);
    expect(atTwo).toEqual(acknowledged);
    expect(atThree).toBeUndefined();
  });
});
