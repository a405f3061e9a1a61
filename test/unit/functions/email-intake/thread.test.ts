import type { ComplaintState } from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import {
  candidateReferences,
  findThread,
  isParty,
  referenceInMessageId,
  referenceInSubject,
} from '../../../../functions/email-intake/thread.js';

const domain = 'livewest.example';

function complaint(
  reference: string,
  email: string,
  representative?: string,
): ComplaintState {
  return {
    id: reference,
    reference,
    resident: { name: 'R', email, preferredContact: 'email', formats: [] },
    ...(representative === undefined
      ? {}
      : {
          representative: {
            name: 'P',
            email: representative,
            relationship: 'son',
          },
        }),
  } as unknown as ComplaintState;
}

const cases = new Map([
  ['HTH-2026-000001', complaint('HTH-2026-000001', 'alex@example.org')],
  [
    'HTH-2026-000002',
    complaint('HTH-2026-000002', 'pat@example.org', 'Helper@Example.net'),
  ],
]);
const load = async (id: string) => cases.get(id);

function mail(
  from: string,
  subject: string,
  threadIds: string[] = [],
): Parameters<typeof findThread>[0] {
  return { from: { address: from, name: 'x' }, subject, threadIds };
}

describe('referenceInMessageId', () => {
  it('reads the reference from one of our letters’ Message-IDs', () => {
    expect(
      referenceInMessageId(
        '<HTH-2026-000001.stage1-acknowledgement.2@livewest.example>',
        domain,
      ),
    ).toBe('HTH-2026-000001');
  });

  it('accepts the domain in any case and no angle brackets', () => {
    expect(
      referenceInMessageId(
        'hth-2026-000123.receipt-confirmation.1@LiveWest.Example',
        domain,
      ),
    ).toBe('HTH-2026-000123');
  });

  it('ignores the same shape from another domain', () => {
    expect(
      referenceInMessageId(
        '<HTH-2026-000001.stage1-acknowledgement.2@attacker.example>',
        domain,
      ),
    ).toBeUndefined();
  });

  it('ignores an ordinary Message-ID', () => {
    expect(
      referenceInMessageId('<CAF3x9k2m5Qp7wT1@mail.example.org>', domain),
    ).toBeUndefined();
  });
});

describe('referenceInSubject', () => {
  it.each([
    ['Re: Your complaint [HTH-2026-000001]', 'HTH-2026-000001'],
    ['RE: FW: [ hth-2026-000042 ] update', 'HTH-2026-000042'],
    ['About complaint HTH-2026-000007, again', 'HTH-2026-000007'],
    ['Re: HTH-2026-000001 and [HTH-2026-000002]', 'HTH-2026-000002'],
  ])('finds the reference in %j', (subject, expected) => {
    expect(referenceInSubject(subject)).toBe(expected);
  });

  it.each([
    'No reference here',
    'HTH-26-000001',
    'XHTH-2026-000001',
    'HTH-2026-000001X',
    'order HTH-2026-0000012345678',
  ])('finds none in %j', (subject) => {
    expect(referenceInSubject(subject)).toBeUndefined();
  });
});

describe('candidateReferences', () => {
  it('puts our Message-IDs first, then the subject, without repeats', () => {
    expect(
      candidateReferences(
        {
          subject: 'Re: [HTH-2026-000003]',
          threadIds: [
            '<HTH-2026-000001.stage1-acknowledgement.2@livewest.example>',
            '<CAF3@mail.example.org>',
            '<HTH-2026-000001.receipt-confirmation.1@livewest.example>',
            '<HTH-2026-000002.stage1-response.4@livewest.example>',
          ],
        },
        domain,
      ),
    ).toEqual(['HTH-2026-000001', 'HTH-2026-000002', 'HTH-2026-000003']);
  });

  it('looks at no more than five cases', () => {
    const threadIds = Array.from(
      { length: 20 },
      (_, i) =>
        `<HTH-2026-${String(i).padStart(6, '0')}.receipt-confirmation.1@livewest.example>`,
    );
    expect(
      candidateReferences({ subject: '', threadIds }, domain),
    ).toHaveLength(5);
  });
});

describe('isParty', () => {
  it('matches the resident or the representative, in any case', () => {
    const state = complaint('C', 'Alex@Example.org', 'helper@example.net');
    expect(isParty(state, 'alex@example.ORG')).toBe(true);
    expect(isParty(state, 'HELPER@example.net')).toBe(true);
    expect(isParty(state, 'mallory@example.org')).toBe(false);
  });
});

describe('findThread', () => {
  it('threads a reply to our letter’s Message-ID from the resident', async () => {
    const thread = await findThread(
      mail('Alex@Example.ORG', 'Re: thanks', [
        '<HTH-2026-000001.stage1-acknowledgement.2@livewest.example>',
      ]),
      domain,
      load,
    );
    expect(thread).toMatchObject({
      kind: 'reply',
      complaint: { reference: 'HTH-2026-000001' },
    });
  });

  it('threads a reply with the reference only in its subject', async () => {
    const thread = await findThread(
      mail('alex@example.org', 'Re: Your complaint [HTH-2026-000001]'),
      domain,
      load,
    );
    expect(thread).toMatchObject({ kind: 'reply' });
  });

  it('threads a reply from the representative', async () => {
    const thread = await findThread(
      mail('helper@example.net', 'HTH-2026-000002'),
      domain,
      load,
    );
    expect(thread).toMatchObject({
      kind: 'reply',
      complaint: { reference: 'HTH-2026-000002' },
    });
  });

  it('opens a new complaint for a stranger quoting someone’s reference', async () => {
    const thread = await findThread(
      mail('mallory@attacker.example', 'Re: [HTH-2026-000001]', [
        '<HTH-2026-000001.stage1-acknowledgement.2@livewest.example>',
      ]),
      domain,
      load,
    );
    expect(thread).toEqual({ kind: 'new', why: 'not-a-party' });
  });

  it('opens a new complaint for a reference we do not hold', async () => {
    const thread = await findThread(
      mail('alex@example.org', '[HTH-2026-999999]'),
      domain,
      load,
    );
    expect(thread).toEqual({ kind: 'new', why: 'unknown-reference' });
  });

  it('opens a new complaint when nothing is referenced', async () => {
    const thread = await findThread(
      mail('alex@example.org', 'A new problem'),
      domain,
      load,
    );
    expect(thread).toEqual({ kind: 'new', why: 'no-reference' });
  });

  it('takes the first named case the sender is a party to', async () => {
    const thread = await findThread(
      mail('pat@example.org', 'Re: [HTH-2026-000002]', [
        '<HTH-2026-000001.stage1-response.3@livewest.example>',
      ]),
      domain,
      load,
    );
    expect(thread).toMatchObject({
      kind: 'reply',
      complaint: { reference: 'HTH-2026-000002' },
    });
  });
});
