import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DynamoDbComplaintRepository,
  StoredDecision,
} from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import type { LocalStack } from '../../infra/local/start.js';
import { storedState } from './support/casework.js';
import {
  eventually,
  stackRepository,
  staffToken,
  startTestStack,
} from './support/stack.js';

const org = 'race-org';
const N = 50;
let stack: LocalStack;
let repository: DynamoDbComplaintRepository;
let destroy: () => void;
let officer: string;

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

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: Record<string, unknown>;
}

async function post(
  route: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${stack.urls.api}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: (await response.json()) as Record<string, unknown>,
  };
}

const staff = () => ({ authorization: `Bearer ${officer}` });

let viewer = 0;
const webComplaint = (n: number) =>
  post(
    '/complaints',
    {
      summary: `The bins at block ${n} have not been collected for a month.`,
      resident: {
        name: `Web Resident ${n}`,
        email: `bins.${n}@example.org`,
        preferredContact: 'email',
      },
    },
    {
      'cloudfront-viewer-address': `10.${Math.floor(++viewer / 250)}.${viewer % 250}.1:443`,
    },
  );

const phoneComplaint = (n: number) =>
  post(
    '/staff/complaints',
    {
      channel: 'phone',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      summary: `Caller ${n} reports the stairwell lights are out.`,
      resident: {
        name: `Phone Resident ${n}`,
        phone: '01234 567890',
        preferredContact: 'phone',
      },
    },
    staff(),
  );

const stateOf = (reference: string) => storedState(repository, org, reference);

/** The timeline is whole: versions 1..n, each once, the state at n. */
async function expectConsistentTimeline(
  reference: string,
): Promise<StoredDecision[]> {
  // One read of both: the letters job may record a letter in between two.
  const found = await repository.loadWithHistory(org, reference);
  if (found === undefined) throw new Error(`No complaint ${reference}`);
  const { state, history } = found;
  expect(history.map((d) => d.version)).toEqual(
    Array.from({ length: history.length }, (_, i) => i + 1),
  );
  expect(state.version).toBe(history.at(-1)?.version);
  return history;
}

/** A refusal is a problem+json naming why: 412 (lost race) or 409 (state). */
function expectProblem(answer: Answer, statuses: readonly number[]) {
  // The whole answer in the message: a failure under load says what it was.
  expect(statuses, JSON.stringify(answer)).toContain(answer.status);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status: answer.status });
  expect(answer.body.type).toEqual(expect.stringMatching(/^\/problems\//));
}

const note = (summary: string) => ({
  type: 'record-correspondence',
  direction: 'in',
  channel: 'phone',
  at: new Date(Date.now() - 1000).toISOString(),
  summary,
});

async function aComplaint(): Promise<string> {
  const answer = await phoneComplaint(0);
  expect(answer.status).toBe(201);
  await stack.drain();
  return String(answer.body.reference);
}

describe('concurrent staff actions on one case', { timeout: 90_000 }, () => {
  it(`${N} notes at once with the same If-Match: exactly 1 wins, ${N - 1} get 412 problem+json, the timeline stays whole`, async () => {
    const reference = await aComplaint();
    const seen = (await stateOf(reference)).version;

    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post(
          `/staff/complaints/${reference}/case-record`,
          note(`If-Match note ${i}`),
          { ...staff(), 'if-match': `"${seen}"` },
        ),
      ),
    );

    const won = answers.filter((a) => a.status === 200);
    const lost = answers.filter((a) => a.status !== 200);
    for (const answer of lost) {
      expectProblem(answer, [412]);
      expect(answer.body.code).toBe('COMPLAINT.VERSION_CONFLICT');
    }
    await expectConsistentTimeline(reference);
    const notes = (await stateOf(reference)).correspondence.filter((c) =>
      c.summary.startsWith('If-Match note'),
    );
    expect(notes).toHaveLength(1);
    expect({ won: won.length, lost: lost.length }).toEqual({
      won: 1,
      lost: N - 1,
    });
  });

  it(`${N} notes at once without If-Match: every accepted one is in the timeline exactly once, every refused one is a 409/412 problem and absent`, async () => {
    const reference = await aComplaint();

    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post(
          `/staff/complaints/${reference}/case-record`,
          note(`Free note ${i}`),
          staff(),
        ),
      ),
    );

    const accepted = new Set<string>();
    const refused = new Set<string>();
    answers.forEach((answer, i) => {
      if (answer.status === 200) accepted.add(`Free note ${i}`);
      else {
        expectProblem(answer, [409, 412]);
        refused.add(`Free note ${i}`);
      }
    });
    const history = await expectConsistentTimeline(reference);
    const recorded = history
      .flatMap((d) => d.events)
      .flatMap((e) =>
        e.type === 'correspondence-recorded' &&
        e.summary.startsWith('Free note')
          ? [e.summary]
          : [],
      );
    expect(recorded.slice().sort()).toEqual([...accepted].sort());
    expect(new Set(recorded).size).toBe(recorded.length);
    const versions = answers
      .filter((a) => a.status === 200)
      .map((a) => a.body.version);
    expect(new Set(versions).size).toBe(accepted.size);
    expect(accepted.size).toBeGreaterThan(0);
    expect(accepted.size + refused.size).toBe(N);
  });

  it(`${N} acknowledgements at once: 1 acknowledgement and 1 letter, the other 49 refused with a problem`, async () => {
    const reference = await aComplaint();
    const acknowledge = {
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [{ id: 'lights', summary: 'The lights', inScope: true }],
        outcomesSought: ['Working lights'],
      },
    };

    const answers = await Promise.all(
      Array.from({ length: N }, () =>
        post(
          `/staff/complaints/${reference}/acknowledgment`,
          acknowledge,
          staff(),
        ),
      ),
    );

    const won = answers.filter((a) => a.status === 200);
    for (const answer of answers.filter((a) => a.status !== 200)) {
      // Refused on the case as it now is (acknowledged), or a lost race.
      expectProblem(answer, [400, 409, 412]);
      expect(answer.body.code, JSON.stringify(answer)).toMatch(
        /^(STAGE1\.NOT_AWAITING_ACKNOWLEDGEMENT|COMPLAINT\.VERSION_CONFLICT)$/,
      );
    }
    const history = await expectConsistentTimeline(reference);
    expect(
      history.flatMap((d) => d.events).filter((e) => e.type === 'acknowledged'),
    ).toHaveLength(1);
    await eventually(
      'the acknowledgement letter recorded',
      async () => (await stateOf(reference)).letters.length > 0,
    );
    await stack.drain();
    expect((await stateOf(reference)).letters).toHaveLength(1);
    const posted = (await stack.ses.sent()).filter((m) =>
      m.subject.includes(`[${reference}]`),
    );
    // A phone complaint's letter goes by post: printed once, not emailed.
    expect(posted).toHaveLength(0);
    expect(won).toHaveLength(1);
  });
});

describe('concurrent intake', { timeout: 90_000 }, () => {
  it(`${N} complaints at once (${N / 2} web, ${N / 2} phone): ${N} stored, no reference shared`, async () => {
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        i % 2 === 0 ? webComplaint(i) : phoneComplaint(i),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const references = answers.map((a) => String(a.body.reference));
    expect(new Set(references).size).toBe(N);
    const stored = await Promise.all(references.map(stateOf));
    expect(stored.map((s) => s.reference)).toEqual(references);
    for (const [i, state] of stored.entries()) {
      expect(state.resident.name).toBe(
        `${i % 2 === 0 ? 'Web' : 'Phone'} Resident ${i}`,
      );
    }
    expect(new Set(stored.map((s) => s.id)).size).toBe(N);
  });
});
