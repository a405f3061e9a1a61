/**
 * The retention job against the whole local stack: cases driven through
 * the real service on fixed dates in 2019 and 2024 (their letters sent by
 * the real letters job), their files in the local S3, then the job run as
 * its cron would run it on hand-checked days.
 *
 * Code 2024 defaults: 6 years after the case ended.
 *   A closed Thu 14 Mar 2019 → due Fri 14 Mar 2025 (the day itself).
 *   B closed Fri 15 Mar 2019 → due Sat 15 Mar 2025: kept on the 14th.
 *   E withdrawn Mon 4 Mar 2019 → due 4 Mar 2025.
 *   C received 1 Feb 2019, never answered: open, kept.
 *   D closed Fri 10 May 2024 → due 10 May 2030: kept.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Command,
  type ComplaintState,
  code2024,
  decide,
  residentIdentifier,
  VersionConflictError,
} from '@hearth/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RetentionReport,
  runRetention,
} from '../../functions/retention/erase.js';
import { S3ObjectEraser } from '../../functions/retention/object-eraser.js';
import type { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import { RejectedError } from '../../functions/shared/middleware/problem-json.js';
import {
  allocateReference,
  calendarFor,
  execute,
} from '../../functions/shared/service.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import type { LocalStack } from '../../infra/local/start.js';
import { stackRepository, startTestStack } from './support/stack.js';

const org = 'ret-org';
const MAIL = 'hearth-mail';
const LETTERS = 'hearth-letters';
let stack: LocalStack;
let repository: DynamoDbComplaintRepository;
let destroy: () => void;
let s3: S3Client;
let documents: DynamoDBDocumentClient;

const officer = { kind: 'staff', id: 'officer-ana' } as const;
const at = (date: string) => `${date}T10:00:00Z`;

function run(complaintId: string, date: string, command: Command) {
  return execute({
    repository,
    organisationId: org,
    policy: code2024,
    actor: officer,
    now: at(date),
    newId: randomUUID,
    complaintId,
    command,
  });
}

async function put(bucket: string, key: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'bytes' }),
  );
}

async function keysUnder(bucket: string, prefix: string): Promise<string[]> {
  const { Contents = [] } = await s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }),
  );
  return Contents.map((o) => String(o.Key));
}

/** A case received on a day, with a resident who gets letters by post and a file. */
async function received(
  name: string,
  receivedOn: string,
): Promise<{ reference: string; attachment: string }> {
  const reference = await allocateReference(repository, org, at(receivedOn));
  const attachment = `attachments/${reference}/${randomUUID()}-damp.jpg`;
  await put(MAIL, attachment);
  await execute({
    repository,
    organisationId: org,
    policy: code2024,
    actor: officer,
    now: at(receivedOn),
    newId: randomUUID,
    command: {
      type: 'receive',
      id: reference,
      reference,
      channel: 'letter',
      receivedAt: at(receivedOn),
      summary: `${name} says the bedroom wall is black with mould.`,
      outcomeSought: `${name} wants the damp treated`,
      category: 'damp',
      resident: {
        name,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`,
        address: [`${name}'s flat, 4 Mill Lane`, 'Exeter', 'EX4 4QJ'],
        preferredContact: 'post',
        formats: [],
        tenure: 'LCRA',
      },
      attachments: [
        {
          key: attachment,
          filename: `${name}-damp.jpg`,
          contentType: 'image/jpeg',
          size: 5,
          receivedAt: at(receivedOn),
        },
      ],
    },
  });
  return { reference, attachment };
}

async function answered(reference: string, on: string): Promise<void> {
  await run(reference, on, {
    type: 'acknowledge',
    stage: 1,
    definition: {
      issues: [{ id: 'i1', summary: 'Mould in the bedroom', inScope: true }],
      outcomesSought: ['The damp treated'],
    },
  });
  await run(reference, on, {
    type: 'respond',
    stage: 1,
    decisions: [
      { issueId: 'i1', decision: 'upheld', reasons: 'The survey found it.' },
    ],
    summary: 'We will treat the wall.',
    remedies: [
      {
        kind: 'financial',
        description: 'For the damage',
        amountPence: 7500,
        dueOn: on,
      },
    ],
  });
}

/** A closed case: received, answered, a printed letter recorded, closed. */
async function closed(name: string, receivedOn: string, closedOn: string) {
  const made = await received(name, receivedOn);
  await answered(made.reference, receivedOn);
  const pdfKey = `letters/${org}/${made.reference}/stage1-response-manual.pdf`;
  await put(LETTERS, pdfKey);
  await run(made.reference, receivedOn, {
    type: 'record-letter',
    letterId: `${made.reference}/stage1-response/manual`,
    kind: 'stage1-response',
    outcome: 'queued-for-post',
    pdfKey,
  });
  await run(made.reference, closedOn, {
    type: 'close',
    reason: `${name} is happy with the repair`,
    learning: `Check ${name}'s block for damp`,
  });
  return { ...made, pdfKey };
}

async function stateOf(reference: string): Promise<ComplaintState> {
  const state = await repository.load(org, reference);
  if (state === undefined) throw new Error(`no ${reference}`);
  return state;
}

async function item(reference: string): Promise<Record<string, unknown>> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: 'hearth-local',
      Key: keys.complaint(org, reference),
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) throw new Error(`no item ${reference}`);
  return Item;
}

/** The whole partition (state and events), as a string to search. */
async function everything(reference: string): Promise<string> {
  const found = await repository.loadWithHistory(org, reference);
  return JSON.stringify({ item: await item(reference), found });
}

const cron = (date: string) =>
  stack.lambdas.invoke('retention', {
    scheduledTime: `${date}T03:00:00Z`,
  }) as Promise<RetentionReport>;

const silent = {
  info: () => undefined,
  error: () => undefined,
} as unknown as Logger;

const deps = () => ({
  repository,
  mail: new S3ObjectEraser(s3, MAIL),
  letters: new S3ObjectEraser(s3, LETTERS),
  organisationId: org,
  policy: code2024,
  logger: silent,
});

const cases: Record<
  string,
  { reference: string; attachment: string; pdfKey?: string }
> = {};

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  stack = await startTestStack({ organisationId: org });
  ({ repository, destroy } = stackRepository(stack));
  const endpoint = String(stack.urls['DynamoDB Local']);
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: localRegion,
      credentials: localCredentials,
    }),
  );
  s3 = new S3Client({
    endpoint: String(stack.urls['S3 (mail, letters, reports)']),
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
  cases.A = await closed('Alice Ashworth', '2019-03-01', '2019-03-14');
  cases.B = await closed('Bilal Brook', '2019-03-04', '2019-03-15');
  const e = await received('Erin Esk', '2019-02-25');
  await run(e.reference, '2019-03-04', {
    type: 'withdraw',
    reason: 'Erin sorted it with the contractor',
  });
  cases.E = e;
  const c = await received('Carys Cole', '2019-02-01');
  await run(c.reference, '2019-02-04', {
    type: 'acknowledge',
    stage: 1,
    definition: {
      issues: [{ id: 'i1', summary: 'Mould', inScope: true }],
      outcomesSought: ['Treated'],
    },
  });
  cases.C = c;
  cases.D = await closed('Dev Dale', '2024-05-01', '2024-05-10');
  // The letters job prints each case's letters (post): let it finish.
  await stack.drain();
}, 180_000);
afterAll(async () => {
  destroy?.();
  documents?.destroy();
  s3?.destroy();
  await stack?.stop();
});

const ref = (name: string) => cases[name]?.reference ?? '';

describe('the retention job', () => {
  let first: RetentionReport;
  let before: Record<string, string>;

  beforeAll(async () => {
    before = {};
    for (const name of ['B', 'D']) before[name] = await everything(ref(name));
    first = await cron('2025-03-14');
  }, 60_000);

  it('anonymises only the finished cases past six years on 14 March 2025 (A on its day, E), and keeps B (a day short), C (open) and D (recent)', () => {
    expect([...first.anonymised].sort()).toEqual([ref('A'), ref('E')].sort());
    expect(first.today).toBe('2025-03-14');
    expect(first.toMonth).toBe('2019-03');
    expect(first.fromMonth).toBe('2016-03');
    // The finished cases received from March 2016 to March 2019: A, B, E.
    expect(first.read).toBe(3);
    expect(first.kept).toBe(1);
    expect(first.conflicts).toEqual([]);
    expect(first.failed).toEqual([]);
  });

  it('removes the resident and every free text from the state and every event, and marks the day', async () => {
    for (const [name, who] of [
      ['A', 'Alice'],
      ['E', 'Erin'],
    ] as const) {
      const state = await stateOf(ref(name));
      const all = await everything(ref(name));

      expect(state.anonymisedOn).toBe('2025-03-14');
      expect(state.resident).toEqual({
        name: '',
        preferredContact: 'post',
        formats: [],
        tenure: 'LCRA',
      });
      expect(state.summary).toBe('');
      expect(all).not.toMatch(
        new RegExp(`${who}|Mill Lane|EX4 4QJ|mould|damp treated|wall`, 'i'),
      );
      expect((await item(ref(name))).erasureCompletedOn).toBe('2025-03-14');
    }
  });

  it('keeps what the Board counts', async () => {
    const a = await stateOf(ref('A'));

    expect(a).toMatchObject({
      status: 'closed',
      closedOn: '2019-03-14',
      receivedOn: '2019-03-01',
      classification: 'complaint',
      channel: 'letter',
      category: 'damp',
      stage1: {
        receivedOn: '2019-03-01',
        acknowledgedOn: '2019-03-01',
        response: { on: '2019-03-01', onTime: true },
      },
    });
    expect(a.remedies.map((r) => [r.kind, r.amountPence])).toEqual([
      ['financial', 7500],
    ]);
    expect(a.letters.map((l) => l.kind)).toContain('stage1-response');
  });

  it('takes the case out of the by-resident index, and leaves the others in it', async () => {
    const identifier = (name: string) =>
      residentIdentifier({
        name,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`,
      })?.value ?? '';

    expect(
      await repository.complaintsOfResident(org, [
        identifier('Alice Ashworth'),
      ]),
    ).toEqual([]);
    expect(
      await repository.complaintsOfResident(org, [identifier('Bilal Brook')]),
    ).toEqual([ref('B')]);
    expect((await item(ref('A'))).residentPk).toBeUndefined();
  });

  it("deletes the anonymised cases' files (attachments, letter PDFs) and no one else's", async () => {
    expect(await keysUnder(MAIL, `attachments/${ref('A')}/`)).toEqual([]);
    expect(await keysUnder(MAIL, `attachments/${ref('E')}/`)).toEqual([]);
    expect(await keysUnder(LETTERS, `letters/${org}/${ref('A')}/`)).toEqual([]);
    expect(first.filesDeleted).toBeGreaterThanOrEqual(3);
    expect(await keysUnder(MAIL, `attachments/${ref('B')}/`)).toEqual([
      cases.B?.attachment,
    ]);
    expect(await keysUnder(LETTERS, `letters/${org}/${ref('B')}/`)).toContain(
      cases.B?.pdfKey,
    );
  });

  it('leaves the kept cases as they were', async () => {
    // B and D are closed: nothing else writes to them.
    for (const name of ['B', 'D']) {
      expect(await everything(ref(name))).toBe(before[name]);
    }
    // C is open: the deadline job may note its clocks, never its resident.
    const c = await stateOf(ref('C'));
    expect(c.anonymisedOn).toBeUndefined();
    expect(c.resident.name).toBe('Carys Cole');
    expect(await keysUnder(MAIL, `attachments/${ref('C')}/`)).toEqual([
      cases.C?.attachment,
    ]);
  });

  it('does nothing when run again', async () => {
    const a = await everything(ref('A'));
    const again = await cron('2025-03-14');

    expect(again).toMatchObject({
      anonymised: [],
      resumed: [],
      conflicts: [],
      alreadyErased: 2,
      filesDeleted: 0,
    });
    expect(await everything(ref('A'))).toBe(a);
  });

  it('anonymises B the next day', async () => {
    const next = await cron('2025-03-15');

    expect(next.anonymised).toEqual([ref('B')]);
    expect((await stateOf(ref('B'))).resident.name).toBe('');
    expect(await keysUnder(MAIL, `attachments/${ref('B')}/`)).toEqual([]);
  });

  it('finishes an erasure a stopped run began', async () => {
    const f = await closed('Fay Fenn', '2019-01-07', '2019-01-10');
    await stack.drain();
    const state = await stateOf(f.reference);
    // A run stopped after rewriting the state, before the files and events.
    const { anonymise } = await import('@hearth/domain');
    expect(
      await repository.anonymiseState(org, anonymise(state, '2025-03-14')),
    ).toBe(true);

    const resumed = await cron('2025-03-16');

    expect(resumed.resumed).toEqual([f.reference]);
    expect(await everything(f.reference)).not.toMatch(/Fay|Fenn|Mill Lane/);
    expect(await keysUnder(MAIL, `attachments/${f.reference}/`)).toEqual([]);
    expect((await stateOf(f.reference)).anonymisedOn).toBe('2025-03-14');
  });
});

describe('a staff action at the same time as the retention job', () => {
  it('is never lost: a case reopened after the job read it is left as reopened, and looked at again', async () => {
    const g = await closed('Gus Grey', '2019-01-14', '2019-01-17');
    await stack.drain();
    let reopened = false;
    const racing = {
      ...deps(),
      repository: {
        finishedCasesReceivedBetween:
          repository.finishedCasesReceivedBetween.bind(repository),
        anonymiseState: repository.anonymiseState.bind(repository),
        anonymiseDecision: repository.anonymiseDecision.bind(repository),
        markErased: repository.markErased.bind(repository),
        loadWithHistory: async (organisationId: string, id: string) => {
          const found = await repository.loadWithHistory(organisationId, id);
          if (id === g.reference && !reopened) {
            reopened = true;
            await run(g.reference, '2025-03-17', {
              type: 'reopen',
              reason: 'Gus says the mould is back',
            });
          }
          return found;
        },
      },
    };

    const report = await runRetention(racing, '2025-03-17');

    expect(report.conflicts).toEqual([g.reference]);
    const state = await stateOf(g.reference);
    expect(state.status).toBe('stage1-responded');
    expect(state.anonymisedOn).toBeUndefined();
    expect(state.resident.name).toBe('Gus Grey');
    const history = await repository.history(org, g.reference);
    expect(history.at(-1)?.events.map((e) => e.type)).toEqual(['reopened']);
    expect(await keysUnder(MAIL, `attachments/${g.reference}/`)).toEqual([
      g.attachment,
    ]);
    // Reopened, it is open: the next run keeps it.
    const next = await runRetention(deps(), '2025-03-17');
    expect(next.anonymised).not.toContain(g.reference);
  });

  it('is refused, never written over the anonymised case, when decided on what was read before the job ran', async () => {
    const h = await closed('Hal Hart', '2019-01-21', '2019-01-24');
    await stack.drain();
    const stale = await stateOf(h.reference);

    const report = await runRetention(deps(), '2025-03-18');
    expect(report.anonymised).toContain(h.reference);

    const reopen = decide(
      stale,
      { type: 'reopen', reason: 'Hal rang back' },
      {
        now: at('2025-03-18'),
        policy: code2024,
        calendar: calendarFor(code2024),
        actor: officer,
        newId: randomUUID,
      },
    );
    if (!reopen.ok) throw new Error(reopen.rejection.code);
    await expect(
      repository.save(org, {
        state: reopen.state,
        expectedVersion: stale.version,
        events: reopen.events,
        intents: reopen.intents,
      }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    const answer = run(h.reference, '2025-03-18', {
      type: 'reopen',
      reason: 'Hal rang back',
    });
    await expect(answer).rejects.toBeInstanceOf(RejectedError);
    await expect(answer).rejects.toMatchObject({
      rejection: { code: 'COMPLAINT.ANONYMISED' },
    });
    const after = await stateOf(h.reference);
    expect(after.anonymisedOn).toBe('2025-03-18');
    expect(after.resident.name).toBe('');
    expect(after.status).toBe('closed');
  });
});
