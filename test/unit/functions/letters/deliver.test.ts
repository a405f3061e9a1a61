import { Logger } from '@aws-lambda-powertools/logger';
import type {
  ComplaintState,
  DecisionToSave,
  LetterKind,
} from '@hearth/domain';
import { presetById } from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import {
  type Dispatched,
  type DispatchJob,
  deliverLetters,
  dispatcher,
  LetterNotSentError,
} from '../../../../functions/letters/deliver.js';
import type { StoredDecision } from '../../../../functions/shared/adapters/dynamodb/complaint-repository.js';
import type { OutgoingMail } from '../../../../functions/shared/adapters/ses/mailer.js';
import { anAcknowledgedComplaint } from '../../domain/letters/support/builders.js';
import { aResident, landlord } from './fixtures.js';

const policy = presetById('code-2024');
if (policy === undefined) throw new Error('no code-2024 preset');

/** The repository in memory: every version of every complaint. */
class MemoryRepository {
  readonly versions = new Map<string, ComplaintState[]>();

  constructor(state: ComplaintState) {
    this.versions.set(state.id, [state]);
  }

  async load(_org: string, id: string) {
    return this.versions.get(id)?.at(-1);
  }

  async loadWithStateAt(_org: string, id: string, version: number) {
    const versions = this.versions.get(id);
    const current = versions?.at(-1);
    if (current === undefined) return undefined;
    return { current, decided: versions?.find((s) => s.version === version) };
  }

  async save(_org: string, decision: DecisionToSave) {
    this.versions.get(decision.state.id)?.push(decision.state);
  }

  // Letters run as a system job: they never pass an expected version.
  async eventsAfter(): Promise<never[]> {
    return [];
  }

  current(id = 'C-1') {
    return this.versions.get(id)?.at(-1) as ComplaintState;
  }
}

function setUp(
  state: ComplaintState,
  send: (
    mail: OutgoingMail,
  ) => Promise<{ sesMessageId: string }> = async () => ({
    sesMessageId: 'ses-1',
  }),
) {
  const repository = new MemoryRepository(state);
  const mails: OutgoingMail[] = [];
  const puts: { key: string; body: Buffer; contentType: string }[] = [];
  const jobs: DispatchJob[] = [];
  const dispatch = dispatcher({
    mailer: {
      send: async (mail) => {
        mails.push(mail);
        return send(mail);
      },
    },
    store: {
      put: async (key, body, contentType) => {
        puts.push({ key, body: Buffer.from(body), contentType });
      },
    },
    from: { name: landlord.name, address: landlord.email },
    senderDomain: 'riverside.example',
  });
  const deps = {
    repository,
    policy: policy as NonNullable<typeof policy>,
    landlord,
    dispatch: async (job: DispatchJob): Promise<Dispatched> => {
      jobs.push(job);
      return dispatch(job);
    },
    logger: new Logger({ logLevel: 'SILENT' }),
    now: () => '2026-12-21T10:00:00Z',
    newId: () => crypto.randomUUID(),
  };
  return { repository, mails, puts, jobs, deps };
}

function decisionFor(
  state: ComplaintState,
  kind: LetterKind = 'stage1-acknowledgement',
): StoredDecision {
  return {
    organisationId: 'riverside',
    complaintId: state.id,
    version: state.version,
    at: '2026-12-21T09:00:00Z',
    events: [],
    intents: [
      {
        type: 'send-letter',
        letterId: `${state.id}/${kind}/${state.version}`,
        kind,
        stage: 1,
      },
    ],
  };
}

describe('deliverLetters', () => {
  it('emails the letter once and records it sent with our Message-ID', async () => {
    const state = anAcknowledgedComplaint();
    const { repository, mails, puts, deps } = setUp(state);

    await deliverLetters(deps, decisionFor(state));

    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(
      'Your complaint: we have logged it at Stage 1 [RH-2026-0042]',
    );
    expect(puts).toEqual([]);
    expect(repository.current().letters).toEqual([
      {
        id: 'C-1/stage1-acknowledgement/2',
        kind: 'stage1-acknowledgement',
        status: 'sent',
        on: '2026-12-21',
        messageId: '<C-1.stage1-acknowledgement.2@riverside.example>',
      },
    ]);
  });

  it('skips a letter already recorded (a redelivered record)', async () => {
    const state = anAcknowledgedComplaint();
    const { mails, jobs, deps } = setUp(state);
    await deliverLetters(deps, decisionFor(state));

    await deliverLetters(deps, decisionFor(state));

    expect(jobs).toHaveLength(1);
    expect(mails).toHaveLength(1);
  });

  it('prints a post-preferring resident a PDF and records it queued for post', async () => {
    const state = anAcknowledgedComplaint({
      resident: aResident({ preferredContact: 'post' }),
    });
    const { repository, mails, puts, deps } = setUp(state);

    await deliverLetters(deps, decisionFor(state));

    expect(mails).toEqual([]);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.key).toBe(
      'letters/riverside/RH-2026-0042/stage1-acknowledgement-2.pdf',
    );
    expect(puts[0]?.contentType).toBe('application/pdf');
    expect(puts[0]?.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(repository.current().letters[0]).toMatchObject({
      status: 'queued-for-post',
      pdfKey: 'letters/riverside/RH-2026-0042/stage1-acknowledgement-2.pdf',
    });
  });

  it('refuses to send a letter missing a mandatory element, and records it blocked', async () => {
    const acknowledged = anAcknowledgedComplaint();
    const { definition: _none, ...stage1 } = acknowledged.stage1 as NonNullable<
      ComplaintState['stage1']
    >;
    const state = { ...acknowledged, stage1 };
    const { repository, jobs, deps } = setUp(state);

    await deliverLetters(deps, decisionFor(state));

    expect(jobs).toEqual([]);
    expect(repository.current().letters[0]).toMatchObject({
      status: 'blocked',
      missing: ['definition'],
    });
  });

  it('throws for a failed send, records nothing, and keeps addresses out of the error', async () => {
    const state = anAcknowledgedComplaint();
    const { repository, deps } = setUp(state, async () => {
      throw new Error('Email address is not verified: aisha.khan@example.org');
    });

    const failure = deliverLetters(deps, decisionFor(state));

    await expect(failure).rejects.toBeInstanceOf(LetterNotSentError);
    await expect(failure).rejects.not.toThrow(/aisha/);
    expect(repository.current().letters).toEqual([]);
  });
});
