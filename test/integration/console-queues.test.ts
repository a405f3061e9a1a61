import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Command,
  type ComplaintState,
  code2024,
  decide,
  nextDue,
  runningClocks,
  ukBankHolidays,
  workingCalendar,
} from '@hearth/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';

const client = dynamoDbClient();
const documents = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});
const calendar = workingCalendar({
  nation: 'england-and-wales',
  feed: ukBankHolidays,
});
const org = 'queues-org';
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

/** Decides and saves one command, as the application service does. */
async function run(
  state: ComplaintState | undefined,
  command: Command,
  now: string,
  actor = 'officer-ana',
): Promise<ComplaintState> {
  const result = decide(state, command, {
    now,
    policy: code2024,
    calendar,
    actor: { kind: actor === 'letters' ? 'system' : 'staff', id: actor },
    newId: () => `id-${++ids}`,
  });
  if (!result.ok) throw new Error(result.rejection.message);
  const due = nextDue(runningClocks(result.state, code2024, calendar));
  await repository.save(org, {
    state: result.state,
    expectedVersion: state?.version ?? 0,
    events: result.events,
    intents: result.intents,
    ...(due === undefined ? {} : { nextDue: due }),
  });
  return result.state;
}

const receive = (id: string, day: string, channel: 'phone' | 'letter') =>
  run(
    undefined,
    {
      type: 'receive',
      id,
      reference: id,
      channel,
      receivedAt: `2026-11-${day}T10:00:00Z`,
      summary: 'The bathroom ceiling leaks.',
      resident: {
        name: 'Sam Tenant',
        address: ['1 Mill Lane', 'Anytown', 'AN1 1AA'],
        preferredContact: 'post',
        formats: [],
      },
    },
    `2026-11-${day}T10:05:00Z`,
  );

describe('the work queue index, filtered', () => {
  it('pages through only the matching cases, in due order, none twice and none skipped', async () => {
    // Received 2–6 Nov 2026 (Mon–Fri); the letter ones are 2, 4 and 6 Nov.
    const made: string[] = [];
    for (const [i, day] of ['02', '03', '04', '05', '06'].entries()) {
      const id = `HTH-2026-10000${i}`;
      await receive(id, day, i % 2 === 0 ? 'letter' : 'phone');
      made.push(id);
    }

    const pages = [];
    let after: string | undefined;
    do {
      const page = await repository.workQueue(org, {
        limit: 2,
        channel: 'letter',
        ...(after === undefined ? {} : { after }),
      });
      pages.push(page.items.map((i) => i.reference));
      after = page.next;
    } while (after !== undefined);
    const byStatus = await repository.workQueue(org, {
      statuses: ['stage2-received'],
    });

    expect(pages.flat()).toEqual([made[0], made[2], made[4]]);
    expect(pages[0]).toHaveLength(2);
    expect(byStatus.items).toEqual([]);
  });
});

describe('the print queue index', () => {
  it('holds a case while a printed letter waits, oldest first, and drops it once posted', async () => {
    const first = await receive('HTH-2026-200001', '09', 'letter');
    const second = await receive('HTH-2026-200002', '10', 'letter');
    const queued = (state: ComplaintState, day: string) =>
      run(
        state,
        {
          type: 'record-letter',
          letterId: `${state.id}/receipt-confirmation/1`,
          kind: 'receipt-confirmation',
          outcome: 'queued-for-post',
          pdfKey: `letters/${org}/${state.id}/receipt-confirmation-1.pdf`,
        },
        `2026-11-${day}T11:00:00Z`,
        'letters',
      );
    // The later case's letter printed first, so it heads the queue.
    const laterPrinted = await queued(second, '10');
    const earlierPrinted = await queued(first, '11');

    const before = await repository.printQueue(org);
    const posted = await run(
      laterPrinted,
      {
        type: 'mark-letter-posted',
        letterId: `${second.id}/receipt-confirmation/1`,
      },
      '2026-11-12T09:00:00Z',
    );
    const after = await repository.printQueue(org);
    const { Item } = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.complaint(org, posted.id),
      }),
    );

    expect(before.items).toEqual([
      {
        reference: second.id,
        printLetters: [
          {
            id: `${second.id}/receipt-confirmation/1`,
            kind: 'receipt-confirmation',
            on: '2026-11-10',
            pdfKey: `letters/${org}/${second.id}/receipt-confirmation-1.pdf`,
          },
        ],
      },
      expect.objectContaining({ reference: earlierPrinted.id }),
    ]);
    expect(after.items.map((i) => i.reference)).toEqual([first.id]);
    expect(Item).not.toHaveProperty('printPk');
    expect(Item).not.toHaveProperty('printLetters');
  });
});
