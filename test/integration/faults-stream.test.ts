import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import type { LocalStack } from '../../infra/local/start.js';
import { casework, storedState } from './support/casework.js';
import {
  eventually,
  stackRepository,
  staffToken,
  startTestStack,
} from './support/stack.js';

const org = 'stream-fault-org';
let stack: LocalStack;
let repository: DynamoDbComplaintRepository;
let destroy: () => void;
let officer: string;

const { complain, acknowledge } = casework(() => stack, {
  officer: () => officer,
  network: '192.0.2',
});

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  stack = await startTestStack({ organisationId: org });
  ({ repository, destroy } = stackRepository(stack));
  officer = await staffToken(stack, {
    username: 'ana',
    groups: ['officer'],
    organisationId: org,
  });
}, 60_000);
afterAll(async () => {
  destroy?.();
  await stack?.stop();
});

const stateOf = (reference: string) => storedState(repository, org, reference);

const clocksOf = (reference: string) =>
  stack.scheduler
    .schedules()
    .filter((s) => s.groupName === 'hearth-deadlines')
    .map(
      (s) =>
        JSON.parse(String(s.target.Input)) as {
          complaintId: string;
          clockId: string;
          fire: string;
        },
    )
    .filter((i) => i.complaintId === reference)
    .map((i) => `${i.clockId}:${i.fire}`)
    .sort();

/**
 * Complaints received (outbox done), then acknowledged while the poller
 * is paused, so the acknowledgements reach the consumers as one batch,
 * which crashes as armed.
 */
async function crashingBatch(
  count: number,
  crash: { letters: number; schedules: number },
) {
  const references: string[] = [];
  for (let i = 0; i < count; i += 1) references.push(await complain());
  await stack.drain();
  await stack.poller.pause();
  for (const reference of references) await acknowledge(reference);
  stack.poller.crashNext('letters', crash.letters);
  stack.poller.crashNext('schedules', crash.schedules);
  const crashesBefore = stack.poller.crashes();
  stack.poller.resume();
  await eventually('every letter recorded', async () => {
    for (const reference of references) {
      if ((await stateOf(reference)).letters.length === 0) return false;
    }
    return true;
  });
  await stack.drain();
  return { references, crashes: stack.poller.crashes() - crashesBefore };
}

/** Each acknowledgement letter sent and recorded once; each schedule there once. */
async function expectNothingLostOrTwice(references: readonly string[]) {
  const sent = await stack.ses.sent();
  let letters = 0;
  for (const reference of references) {
    const state = await stateOf(reference);
    expect(state.letters.map((l) => [l.kind, l.status])).toEqual([
      ['stage1-acknowledgement', 'sent'],
    ]);
    const history = await repository.history(org, reference);
    const versions = history.map((d) => d.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(
      history
        .flatMap((d) => d.events)
        .filter((e) => e.type === 'letter-recorded'),
    ).toHaveLength(1);
    const emails = sent.filter((m) => m.subject.includes(`[${reference}]`));
    expect(emails).toHaveLength(1);
    letters += emails.length;
    expect(clocksOf(reference)).toEqual([
      'stage1.respond:breach',
      'stage1.respond:reminder',
    ]);
  }
  const sweep = (await stack.lambdas.invoke('sweep', {})) as {
    repaired: number;
  };
  expect(sweep.repaired).toBe(0);
  return letters;
}

describe('outbox consumers crashing mid-batch', () => {
  it('letters and schedules crash on the 2nd record of a batch of 4: 4 letters, each sent once, 8 schedules, each once', async () => {
    const { references, crashes } = await crashingBatch(4, {
      letters: 1,
      schedules: 1,
    });
    const letters = await expectNothingLostOrTwice(references);
    expect({ crashes, letters, schedules: references.length * 2 }).toEqual({
      crashes: 2,
      letters: 4,
      schedules: 8,
    });
  }, 90_000);

  it('letters crash after the whole batch of 3 (answer lost), schedules after 2: 3 letters, each sent once, 6 schedules, each once', async () => {
    const { references, crashes } = await crashingBatch(3, {
      letters: 3,
      schedules: 2,
    });
    const letters = await expectNothingLostOrTwice(references);
    expect({ crashes, letters, schedules: references.length * 2 }).toEqual({
      crashes: 2,
      letters: 3,
      schedules: 6,
    });
  }, 90_000);
});
