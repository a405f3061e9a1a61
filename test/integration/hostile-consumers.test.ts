/**
 * The functions nobody calls over HTTP, fed hostile input: the schedule
 * Input the deadline function receives, and the outbox stream records the
 * letters and schedules consumers receive (malformed NewImage, wrong
 * types, unknown intents). A bad input is refused or reported as that
 * record's failure; the good records of the batch are still done; nothing
 * garbled is written to the table or the Scheduler. No stream poller runs
 * here, so each batch is exactly what the test hands over.
 */
import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type ComplaintState, presetById, runningClocks } from '@hearth/domain';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DynamoDbComplaintRepository,
  storedDecision,
} from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { scheduleInputSchema } from '../../functions/shared/contracts/index.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import { calendarFor } from '../../functions/shared/service.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import { lambdaContext } from '../../infra/local/lambda-runtime.js';
import { type RunningS3, startS3 } from '../../infra/local/s3/index.js';
import {
  type RunningScheduler,
  startScheduler,
} from '../../infra/local/scheduler/index.js';
import { type RunningSes, startSes } from '../../infra/local/ses.js';
import { acknowledgedComplaint, eventImage } from './support/decisions.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';
import { expectEveryCaseWhole, scanTable } from './support/hostile.js';

const ORG = 'consumer-org';
const policy = presetById('code-2024');
if (policy === undefined) throw new Error('no code-2024 preset');
/** Inputs fuzzed: schedule Inputs, and outbox batches per consumer. */
const DEADLINE_RUNS = 150;
const BATCH_RUNS = 25;

type Consumer = (
  event: DynamoDBStreamEvent,
  context: unknown,
) => Promise<DynamoDBBatchResponse>;

const client = dynamoDbClient();
const documents = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});
let tableName: string;
let repository: DynamoDbComplaintRepository;
let ses: RunningSes;
let s3: RunningS3;
let scheduler: RunningScheduler;
let letters: Consumer;
let schedules: Consumer;
let deadline: (input: unknown, context: unknown) => Promise<unknown>;
/** The complaint every garbled record is made from (acknowledged). */
let subject: string;

beforeAll(async () => {
  tableName = await freshTable(client);
  repository = new DynamoDbComplaintRepository({
    client: documents,
    tableName,
  });
  ses = await startSes({ port: 0 });
  s3 = await startS3({
    port: 0,
    buckets: ['hearth-letters-hostile'],
    log: () => undefined,
  });
  scheduler = await startScheduler({
    port: 0,
    fire: async () => undefined,
    log: () => undefined,
  });
  Object.assign(process.env, {
    [envKeys.tableName]: tableName,
    [envKeys.organisationId]: ORG,
    [envKeys.policyId]: 'code-2024',
    [envKeys.senderAddress]: 'complaints@riverside.example',
    [envKeys.teamAddress]: 'team@riverside.example',
    [envKeys.landlordName]: 'Riverside Homes',
    [envKeys.landlordAddress]: '1 Quay Street|Leeds|LS1 1AA',
    [envKeys.landlordPhone]: '0113 496 0000',
    [envKeys.lettersBucket]: 'hearth-letters-hostile',
    [envKeys.scheduleGroup]: 'hearth-deadlines',
    [envKeys.deadlineFunctionArn]:
      'arn:aws:lambda:eu-west-2:000000000000:function:hearth-deadline',
    [envKeys.schedulerRoleArn]: 'arn:aws:iam::000000000000:role/scheduler',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SCHEDULER: scheduler.endpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  letters = (await import('../../functions/letters/handler.js'))
    .handler as unknown as Consumer;
  schedules = (await import('../../functions/schedules/handler.js'))
    .handler as unknown as Consumer;
  deadline = (await import('../../functions/deadline/handler.js'))
    .handler as unknown as typeof deadline;
  subject = await anAcknowledgedComplaint();
});

afterAll(async () => {
  client.destroy();
  await ses.stop();
  await s3.stop();
  await scheduler.stop();
});

/** Received from the web form and acknowledged: two decisions, with intents. */
const anAcknowledgedComplaint = () =>
  acknowledgedComplaint(
    {
      repository,
      organisationId: ORG,
      policy: policy as NonNullable<typeof policy>,
    },
    {
      resident: {
        name: 'Alex Resident',
        email: 'alex.resident@example.org',
        preferredContact: 'email',
        formats: [],
      },
    },
  );

const imageOf = (reference: string, version: number) =>
  eventImage(client, tableName, ORG, reference, version);

let sequence = 1_000;
function streamRecord(
  image: Record<string, AttributeValue> | undefined,
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT',
): DynamoDBRecord {
  sequence += 1;
  return {
    eventID: randomUUID(),
    eventName,
    eventSource: 'aws:dynamodb',
    awsRegion: localRegion,
    dynamodb: {
      Keys: { pk: { S: 'x' }, sk: { S: 'y' } },
      ...(image === undefined ? {} : { NewImage: image as never }),
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

async function stateOf(reference: string): Promise<ComplaintState> {
  const state = await repository.load(ORG, reference);
  if (state === undefined) throw new Error(`No complaint ${reference}`);
  return state;
}

// ── arbitraries ─────────────────────────────────────────────────────────

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '\u0000', '../../x', 'ORG#other#COMPLAINT#x', '💥'),
);

/** Any attribute value, right or wrong for where it lands. */
const attribute: fc.Arbitrary<AttributeValue> = fc.letrec<{
  value: AttributeValue;
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((S) => ({ S })),
    fc.oneof(fc.integer(), fc.double()).map((n) => ({ N: String(n) })),
    fc.constantFrom({ N: 'NaN' }, { N: '1e400' }, { N: 'x' }),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.array(text, { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
    fc
      .uint8Array({ maxLength: 8 })
      .map((B) => ({ B }) as unknown as AttributeValue),
    fc
      .dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 })
      .map((M) => ({ M })),
    fc.array(tie('value'), { maxLength: 3 }).map((L) => ({ L })),
    fc.constant({} as AttributeValue),
  ),
})).value;

const unknownIntents = fc.constantFrom<AttributeValue>(
  { L: [{ M: { type: { S: 'launch-rockets' } } }] },
  {
    L: [
      {
        M: {
          type: { S: 'send-letter' },
          letterId: { N: '1' },
          kind: { S: 'nope' },
        },
      },
    ],
  },
  { L: [{ M: { type: { S: 'create-schedule' }, schedule: { S: 'x' } } }] },
  { S: '[]' },
  { L: [{ S: 'delete-schedule' }] },
);

/**
 * A real event image, garbled: attributes replaced by wrong types or
 * unknown intents, dropped, or added; or no image, or anything at all.
 */
const garbled = (real: Record<string, AttributeValue>[]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...real),
          fc.array(
            fc.tuple(
              fc.constantFrom(
                'intents',
                'events',
                'version',
                'complaintId',
                'organisationId',
                'kind',
                'pk',
                'at',
                'actor',
                'extra',
              ),
              fc.oneof(
                attribute.map((v): AttributeValue | undefined => v),
                unknownIntents,
                fc.constant(undefined),
              ),
            ),
            { minLength: 1, maxLength: 3 },
          ),
        )
        .map(([image, changes]) => {
          const out: Record<string, AttributeValue> = { ...image };
          for (const [name, value] of changes) {
            if (value === undefined) delete out[name];
            else out[name] = value;
          }
          return out;
        }),
    },
    fc.dictionary(fc.string({ maxLength: 10 }), attribute, { maxKeys: 6 }),
    fc.constant(undefined),
  );

/** Whether the consumers can read a record at all (as outbox.ts reads it). */
function readable(image: Record<string, AttributeValue> | undefined) {
  if (image === undefined) return false;
  try {
    storedDecision(unmarshall(image));
    return true;
  } catch {
    return false;
  }
}

/**
 * A garbled batch for one consumer: the subject's real records first, then
 * the garbled ones, then a fresh complaint's acknowledgement, never sent
 * before. A garbled record that still reads as valid is moved to a
 * complaint that does not exist, so it can never act on a real one.
 */
async function garbledBatch(
  images: (Record<string, AttributeValue> | undefined)[],
) {
  const fresh = await anAcknowledgedComplaint();
  let n = 0;
  const garbage = images.map((image) => {
    if (!readable(image) || image === undefined) return streamRecord(image);
    n += 1;
    return streamRecord({ ...image, complaintId: { S: `GARBAGE-${n}` } });
  });
  const good = [
    streamRecord(await imageOf(subject, 2)),
    streamRecord(await imageOf(fresh, 2)),
  ];
  return {
    fresh,
    good,
    records: [good[0], ...garbage, good[1]] as DynamoDBRecord[],
  };
}

async function expectNothingGarbledWritten() {
  await expectEveryCaseWhole({
    endpoint: inject('dynamodbEndpoint'),
    tableName,
  });
  const items = await scanTable({
    endpoint: inject('dynamodbEndpoint'),
    tableName,
  });
  for (const item of items) {
    expect(item.pk.startsWith(`ORG#${ORG}#`), item.pk).toBe(true);
    expect(item.pk, 'an item of a complaint that is not one').not.toMatch(
      /GARBAGE/,
    );
  }
  for (const { complaintId } of items.filter((i) => i.kind === 'complaint')) {
    // Every state still reads back through its own schema.
    await stateOf(String(complaintId));
  }
}

// ── the tests ───────────────────────────────────────────────────────────

describe('the deadline function under fuzzed schedule Inputs', () => {
  it(`refuses ${DEADLINE_RUNS} fuzzed Inputs as input errors, never acting on a clock that is not due, and writes nothing garbled`, async () => {
    const state = await stateOf(subject);
    const before = state.version;
    const running = runningClocks(
      state,
      policy as NonNullable<typeof policy>,
      calendarFor(policy as NonNullable<typeof policy>),
    );
    const field = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof(
        { weight: 12, arbitrary: good },
        fc.jsonValue({ maxDepth: 1 }),
        text,
        fc.constant(undefined),
      );
    const input = fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .record({
            organisationId: field(fc.constantFrom(ORG, ORG, ORG, 'other-org')),
            complaintId: field(
              fc.constantFrom(subject, subject, subject, 'HTH-2026-999999'),
            ),
            clockId: field(
              fc.constantFrom(
                ...running.map((c) => c.id),
                'stage1.acknowledge',
                'stage2.respond',
              ),
            ),
            dueOn: field(
              fc.constantFrom(
                ...running.map((c) => c.dueOn),
                ...running.map((c) => c.dueOn),
                '2026-01-01',
                '2026-02-30',
              ),
            ),
            fire: field(fc.constantFrom('reminder', 'breach')),
            scheduleName: field(fc.constant('hth-abc')),
            scheduledTime: field(
              fc.constantFrom('2026-01-01T07:00:00Z', 'not-a-time'),
            ),
            unknownKey: field(fc.constant('an older producer wrote this')),
          })
          // A reminder for a running clock is due whenever it comes; a breach
          // before its day is not, and must be noted nowhere.
          .map((i) =>
            i.fire === 'reminder' && running.some((c) => c.dueOn === i.dueOn)
              ? { ...i, fire: 'breach' }
              : i,
          ),
      },
      {
        // Well formed, for a clock that runs, but a breach before its day.
        weight: 2,
        arbitrary: fc
          .record({
            organisationId: fc.constant(ORG),
            complaintId: fc.constant(subject),
            clock: fc.constantFrom(...running),
            fire: fc.constant('breach'),
            scheduleName: fc.string({ minLength: 1, maxLength: 64 }),
            scheduledTime: fc.constantFrom(
              '2026-01-01T07:00:00Z',
              new Date().toISOString(),
            ),
          })
          .map(({ clock, ...rest }) => ({
            ...rest,
            clockId: clock.id,
            dueOn: clock.dueOn,
          })),
      },
      fc.jsonValue({ maxDepth: 2 }),
    );
    const outcomes = new Set<string>();

    await fc.assert(
      fc.asyncProperty(input, async (payload) => {
        let outcome: string;
        try {
          const result = await deadline(payload, lambdaContext('deadline'));
          expect(result).toEqual({ recorded: expect.any(Boolean) });
          outcome = `recorded ${(result as { recorded: boolean }).recorded}`;
        } catch (error) {
          // Refused before anything was read: Scheduler retries, then its DLQ.
          outcome = (error as Error).name;
          expect(
            ['ParseError', 'Error'],
            String((error as Error).stack),
          ).toContain(outcome);
          if (outcome === 'Error') {
            expect((error as Error).message).toMatch(
              /^Invalid organisation id/,
            );
          }
        }
        outcomes.add(outcome);
      }),
      { numRuns: DEADLINE_RUNS },
    );

    expect(outcomes).toContain('ParseError');
    expect(outcomes).toContain('recorded false');
    // Only early breaches and clocks that do not run: nothing is noted.
    expect((await stateOf(subject)).version).toBe(before);
    await expectNothingGarbledWritten();
  });
});

describe.each([
  ['letters', () => letters],
  ['schedules', () => schedules],
] as const)(
  'the %s consumer under garbled outbox records',
  (name, consumer) => {
    it(`fails only the garbled records of ${BATCH_RUNS} fuzzed batches (1 to 6 garbled each), does the good ones, and writes nothing garbled`, async () => {
      const real = [await imageOf(subject, 1), await imageOf(subject, 2)];
      let garbledFailed = 0;

      await fc.assert(
        fc.asyncProperty(
          fc.array(garbled(real), { minLength: 1, maxLength: 6 }),
          fc.constantFrom<'INSERT' | 'MODIFY'>('INSERT', 'INSERT', 'MODIFY'),
          async (images, eventName) => {
            const { fresh, good, records } = await garbledBatch(images);
            if (eventName === 'MODIFY')
              records.splice(1, 0, streamRecord(real[0], 'MODIFY'));

            const response = await consumer()(
              { Records: records },
              lambdaContext(name),
            );

            const failed = response.batchItemFailures.map(
              (f) => f.itemIdentifier,
            );
            const goodIds = good.map((r) => r.dynamodb?.SequenceNumber);
            expect(failed.filter((id) => goodIds.includes(id))).toEqual([]);
            // Unreadable records are reported, so a retry or the DLQ has them.
            for (const record of records) {
              const image = record.dynamodb?.NewImage as
                | Record<string, AttributeValue>
                | undefined;
              if (image !== undefined && !readable(image)) {
                expect(failed).toContain(record.dynamodb?.SequenceNumber);
                garbledFailed += 1;
              }
            }
            // The fresh complaint's record was done despite the garbage.
            const intents = storedDecision(
              unmarshall(
                good[1]?.dynamodb?.NewImage as Record<string, AttributeValue>,
              ),
            ).intents;
            if (name === 'letters') {
              const letterIds = intents.flatMap((i) =>
                i.type === 'send-letter' ? [i.letterId] : [],
              );
              const recorded = (await stateOf(fresh)).letters.map((l) => l.id);
              expect(letterIds.length).toBeGreaterThan(0);
              for (const id of letterIds) expect(recorded).toContain(id);
            } else {
              const wanted = intents.flatMap((i) =>
                i.type === 'create-schedule' ? [i.schedule.clockId] : [],
              );
              const made = scheduler
                .schedules()
                .map((s) => JSON.parse(s.target.Input ?? '{}'))
                .filter((input) => input.complaintId === fresh)
                .map((input) => input.clockId);
              expect(wanted.length).toBeGreaterThan(0);
              for (const clock of wanted) expect(made).toContain(clock);
            }
          },
        ),
        { numRuns: BATCH_RUNS },
      );

      expect(garbledFailed).toBeGreaterThan(0);
      await expectNothingGarbledWritten();
      // Whatever reached the Scheduler is an Input the deadline function reads.
      for (const schedule of scheduler.schedules()) {
        expect(
          scheduleInputSchema.safeParse(
            JSON.parse(
              // As Scheduler fills in its context attribute when it fires.
              (schedule.target.Input ?? '').replace(
                '<aws.scheduler.scheduled-time>',
                '2026-12-01T07:00:00Z',
              ),
            ),
          ).success,
          schedule.target.Input,
        ).toBe(true);
      }
    });
  },
);
