import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import type { SesFault } from '../../infra/local/ses.js';
import type { LocalStack } from '../../infra/local/start.js';
import { storedState } from './support/casework.js';
import {
  eventually,
  stackRepository,
  staffToken,
  startTestStack,
} from './support/stack.js';

const org = 'ses-fault-org';
let stack: LocalStack;
let repository: DynamoDbComplaintRepository;
let destroy: () => void;
let officer: string;
let viewer = 0;

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

async function post(
  route: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${stack.urls.api}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** A web-form complaint (its own address, clear of the rate limit), acknowledged. */
async function acknowledgedComplaint(): Promise<string> {
  viewer += 1;
  const n = viewer;
  const received = await post(
    '/complaints',
    {
      summary: `The communal door entry has been broken for weeks (${n}).`,
      resident: {
        name: `Resident ${n}`,
        email: `resident.${n}@example.org`,
        preferredContact: 'email',
      },
    },
    { 'cloudfront-viewer-address': `203.0.113.${n}:443` },
  );
  expect(received.status).toBe(201);
  const reference = (received.body as { reference: string }).reference;
  const acknowledged = await post(
    `/staff/complaints/${reference}/acknowledgment`,
    {
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [{ id: 'door', summary: 'The door entry', inScope: true }],
        outcomesSought: ['A working door entry'],
      },
    },
    { authorization: `Bearer ${officer}` },
  );
  // The staff action never waits for SES.
  expect(acknowledged.status).toBe(200);
  return reference;
}

const stateOf = (reference: string) => storedState(repository, org, reference);

/** Emails the SES stand-in accepted for a complaint. */
async function sentFor(reference: string) {
  return (await stack.ses.sent()).filter((m) =>
    m.subject.includes(`[${reference}]`),
  );
}

/**
 * Waits until every complaint's letters are recorded, then checks each
 * was emailed exactly once and recorded exactly once. Returns the count.
 */
async function expectEachLetterOnce(references: readonly string[]) {
  await eventually(
    'every letter recorded',
    async () => {
      for (const reference of references) {
        if ((await stateOf(reference)).letters.length === 0) return false;
      }
      return true;
    },
    { timeoutMs: 90_000 },
  );
  await stack.drain();
  let letters = 0;
  for (const reference of references) {
    const state = await stateOf(reference);
    expect(state.letters.map((l) => [l.kind, l.status])).toEqual([
      ['stage1-acknowledgement', 'sent'],
    ]);
    const history = await repository.history(org, reference);
    const recorded = history.flatMap((d) =>
      d.events.filter((e) => e.type === 'letter-recorded'),
    );
    expect(recorded).toHaveLength(1);
    const sent = await sentFor(reference);
    expect(sent.map((m) => m.destination.to)).toEqual([
      [expect.stringContaining(`resident.`)],
    ]);
    letters += sent.length;
  }
  return letters;
}

/** Runs a scenario: complaints acknowledged while SES is faulty, then recovery. */
async function underFault(
  fault: SesFault,
  complaints: number,
  count: number | undefined,
) {
  const refusedBefore = stack.ses.faults.refused();
  stack.ses.faults.fail(fault, count);
  const references: string[] = [];
  for (let n = 0; n < complaints; n += 1) {
    references.push(await acknowledgedComplaint());
  }
  return { references, refusedBefore };
}

describe('letters while SES fails', () => {
  it('SES down (500) until cleared: 6 staff actions answered 200, nothing sent while down, then each of 6 letters sent exactly once', async () => {
    const { references, refusedBefore } = await underFault(
      'error',
      6,
      undefined,
    );

    // The letters job keeps trying (SDK retries, then the stream retries
    // the record): wait for a good number of refused sends.
    await eventually(
      '18 refused sends',
      async () => stack.ses.faults.refused() - refusedBefore >= 18,
    );
    for (const reference of references) {
      expect((await stateOf(reference)).letters).toEqual([]);
      expect(await sentFor(reference)).toEqual([]);
    }

    stack.ses.faults.clear();
    const letters = await expectEachLetterOnce(references);
    expect({
      faults: stack.ses.faults.refused() - refusedBefore >= 18,
      letters,
    }).toEqual({ faults: true, letters: 6 });
  }, 120_000);

  it('SES throttling (429) for 15 sends: each of 4 letters sent exactly once', async () => {
    const { references, refusedBefore } = await underFault('throttle', 4, 15);
    const letters = await expectEachLetterOnce(references);
    expect({
      faults: stack.ses.faults.refused() - refusedBefore,
      letters,
    }).toEqual({ faults: 15, letters: 4 });
  }, 120_000);

  it('SES dropping connections for 12 sends: each of 4 letters sent exactly once', async () => {
    const { references, refusedBefore } = await underFault('reset', 4, 12);
    const letters = await expectEachLetterOnce(references);
    expect({
      faults: stack.ses.faults.refused() - refusedBefore,
      letters,
    }).toEqual({ faults: 12, letters: 4 });
  }, 120_000);
});
