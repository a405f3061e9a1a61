import {
  type Command,
  type ComplaintState,
  code2024,
  decide,
  livinLeaflet,
  type Policy,
  ukBankHolidays,
  workingCalendar,
} from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import {
  alreadyRequested,
  canRequestStage2,
  caseView,
  refusalText,
} from '../../../../functions/web/case-view.js';
import {
  confirmationView,
  receiptOf,
} from '../../../../functions/web/receipt.js';
import { deliveryText } from '../../../../functions/web/words.js';

const calendar = workingCalendar({
  nation: 'england-and-wales',
  feed: ukBankHolidays,
});

/** Runs commands through the domain, each at its own moment. */
function run(
  steps: readonly (readonly [string, Command, 'staff' | 'resident'])[],
  policy: Policy = code2024,
): ComplaintState {
  let state: ComplaintState | undefined;
  let n = 0;
  for (const [now, command, kind] of steps) {
    const result = decide(state, command, {
      now,
      policy,
      calendar,
      actor: { kind, id: kind === 'staff' ? 'ana' : 'web-form' },
      newId: () => {
        n += 1;
        return `id-${n}`;
      },
    });
    if (!result.ok) throw new Error(result.rejection.message);
    state = result.state;
  }
  return state as ComplaintState;
}

// Friday 20 November 2026.
const received = [
  '2026-11-20T10:00:00Z',
  {
    type: 'receive',
    id: 'HTH-2026-000001',
    reference: 'HTH-2026-000001',
    channel: 'web',
    receivedAt: '2026-11-20T10:00:00Z',
    summary: 'The boiler keeps breaking down.',
    resident: {
      name: 'Sam',
      email: 'sam@example.org',
      preferredContact: 'email',
      formats: ['large-print'],
    },
  },
  'resident',
] as const;
const acknowledged = [
  '2026-11-23T10:00:00Z',
  {
    type: 'acknowledge',
    stage: 1,
    definition: {
      issues: [{ id: 'boiler', summary: 'Boiler', inScope: true }],
      outcomesSought: ['Fix it'],
    },
  },
  'staff',
] as const;
const responded = [
  '2026-12-04T10:00:00Z',
  {
    type: 'respond',
    stage: 1,
    decisions: [{ issueId: 'boiler', decision: 'upheld', reasons: 'Broken.' }],
    remedies: [{ kind: 'apology', description: 'We are sorry.' }],
    summary: 'We will replace it.',
  },
  'staff',
] as const;

describe('confirmationView', () => {
  it('gives the real acknowledgement date and the stage 1 timescale still to start (code-2024)', () => {
    const state = run([received]);

    const view = confirmationView(
      receiptOf(state, 'token', code2024, calendar),
      code2024,
    );

    // 23, 24, 25, 26, 27 November: five working days.
    expect(view.dates).toEqual([
      {
        text: 'We will acknowledge your complaint by',
        dueOn: '2026-11-27',
      },
    ]);
    expect(view.next).toEqual([
      'We will send our stage 1 response within 10 working days of acknowledging your complaint.',
    ]);
    expect(view.contact).toBe('You asked us to contact you by email.');
    expect(view.formats).toBe('You asked for our letters in large print.');
  });

  it('promises no stage 1 timescale under a policy that starts informally (livin-leaflet)', () => {
    const state = run([received], livinLeaflet);

    const view = confirmationView(
      receiptOf(state, 'token', livinLeaflet, calendar),
      livinLeaflet,
    );

    // Four working days after Friday 20 November: Thursday 26 November.
    expect(view.dates).toEqual([
      {
        text: 'We aim to resolve your complaint informally by',
        dueOn: '2026-11-26',
      },
    ]);
    expect(view.next).toHaveLength(1);
    expect(view.next[0]).toMatch(
      /^Our policy first tries to resolve complaints informally \(Informal\)/,
    );
  });
});

describe('caseView', () => {
  it('lists what happened and what is due, in the resident’s words', () => {
    const view = caseView(
      run([received, acknowledged]),
      code2024,
      calendar,
      '2026-11-24T09:00:00Z',
    );

    expect(view.status).toBe('Stage 1: we are looking into your complaint');
    expect(view.happenedRows.map((r) => [r.key.text, r.value.text])).toEqual([
      ['We received your complaint on', 'Friday 20 November 2026'],
      ['We acknowledged it on', 'Monday 23 November 2026'],
    ]);
    // Ten working days after Monday 23 November: Monday 7 December.
    expect(view.dueRows.map((r) => [r.key.text, r.value.text])).toEqual([
      ['We will send our stage 1 response by', 'Monday 7 December 2026'],
    ]);
    expect(view.stage2.canRequest).toBe(false);
  });

  it('offers stage 2 exactly when the domain would take it', () => {
    const open = run([received, acknowledged]);
    const answered = run([received, acknowledged, responded]);

    expect(
      canRequestStage2(open, code2024, calendar, '2026-12-01T10:00:00Z'),
    ).toBe(false);
    expect(
      canRequestStage2(answered, code2024, calendar, '2026-12-07T10:00:00Z'),
    ).toBe(true);
    expect(
      caseView(answered, code2024, calendar, '2026-12-07T10:00:00Z').stage2,
    ).toMatchObject({
      canRequest: true,
      acknowledgeWithin: '5 working days of receiving your request for stage 2',
    });
  });

  it('shows an extended due date with the date it replaced', () => {
    const state = run([
      received,
      acknowledged,
      [
        '2026-12-01T10:00:00Z',
        {
          type: 'extend',
          stage: 1,
          newDueOn: '2026-12-14',
          reasons: 'Waiting for a contractor report.',
        },
        'staff',
      ],
    ]);

    const view = caseView(state, code2024, calendar, '2026-12-02T10:00:00Z');

    expect(view.dueRows.map((r) => r.value.text)).toContain(
      'Monday 14 December 2026 (extended from Monday 7 December 2026)',
    );
  });

  it('gives the stage 2 acknowledgement date after a request over Christmas', () => {
    const state = run([
      received,
      acknowledged,
      responded,
      [
        '2026-12-23T10:00:00Z',
        {
          type: 'request-escalation',
          receivedAt: '2026-12-23T10:00:00Z',
          channel: 'web',
        },
        'resident',
      ],
    ]);

    const view = caseView(state, code2024, calendar, '2026-12-23T10:00:00Z');

    // 24, 29, 30, 31 December and 4 January (25, 28 Dec and 1 Jan are bank holidays).
    expect(view.dueRows.map((r) => [r.key.text, r.value.text])).toEqual([
      ['We will acknowledge your stage 2 request by', 'Monday 4 January 2027'],
    ]);
    expect(alreadyRequested(state)).toBe(true);
    expect(view.stage2.canRequest).toBe(false);
  });
});

describe('refusalText', () => {
  const rejection = {
    code: 'ESCALATION.NOT_AFTER_STAGE1_RESPONSE',
    message: 'A stage 2 request follows a stage 1 response',
  };

  it('explains a request made before the stage 1 response', () => {
    expect(refusalText(rejection, run([received]), '0300 000 0000')).toBe(
      'You can ask for a stage 2 review once we have sent our stage 1 response.',
    );
  });

  it('falls back to calling us for a refusal it has no words for', () => {
    expect(
      refusalText(
        { code: 'SOMETHING.ELSE', message: 'x' },
        run([received]),
        '0300 000 0000',
      ),
    ).toBe(
      'We could not record your request. Call us on 0300 000 0000 and we will record it for you.',
    );
  });
});

describe('deliveryText', () => {
  const letter = { id: 'l', kind: 'stage1-response', on: '2026-12-04' };

  it('says how each letter went, and leaves out one the check held back', () => {
    expect(deliveryText({ ...letter, status: 'sent', messageId: '<m>' })).toBe(
      'By email',
    );
    expect(
      deliveryText({ ...letter, status: 'queued-for-post', pdfKey: 'k' }),
    ).toBe('By post (being printed)');
    expect(
      deliveryText({
        ...letter,
        status: 'posted',
        messageId: '<m>',
        pdfKey: 'k',
      }),
    ).toBe('By email and by post');
    expect(
      deliveryText({ ...letter, status: 'blocked', missing: ['definition'] }),
    ).toBeUndefined();
  });
});
