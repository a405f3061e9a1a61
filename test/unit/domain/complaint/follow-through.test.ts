import { describe, expect, it } from 'vitest';
import { code2024, type Policy } from '../../../../domain/index.js';
import {
  at,
  boilerDecisions,
  boilerDefinition,
  harness,
  manager,
  receiveCommand,
  resident,
} from '../support/harness.js';

const cite = { source: 'test', ref: 'n/a' };

const responded = (policy: Policy = code2024) => {
  const h = harness(policy);
  h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
  h.do(
    { type: 'acknowledge', stage: 1, definition: boilerDefinition },
    at('2026-11-03'),
  );
  h.do(
    {
      type: 'respond',
      stage: 1,
      // Not upheld: no remedy, so the ids below are the requests' own.
      decisions: boilerDecisions.map((d) => ({
        ...d,
        decision: 'not-upheld' as const,
      })),
      summary: 'Answered',
    },
    at('2026-11-10'),
  );
  return h;
};

describe('Ombudsman evidence requests (REGULATION item 70)', () => {
  it('defaults to the policy’s 15 working days and records a late answer', () => {
    const h = responded();

    h.do(
      {
        type: 'record-evidence-request',
        receivedOn: '2026-11-16',
        description: 'Repair records',
      },
      at('2026-11-16'),
    );
    // 17 Nov (1) … 20 (4), 23–27 (9), 30 Nov–4 Dec (14), 7 Dec (15).
    expect(h.clock('evidence.id-1')).toMatchObject({
      dueOn: '2026-12-07',
      breachOn: '2026-12-08',
    });

    h.do({ type: 'provide-evidence', requestId: 'id-1' }, at('2026-12-08'));
    expect(h.state.evidenceRequests[0]?.providedOn).toBe('2026-12-08');
    expect(
      h.events.filter((e) => e.type === 'evidence-provided')[0],
    ).toMatchObject({ late: true });
    expect(h.events.at(-1)).toMatchObject({
      type: 'clock-breached',
      clockId: 'evidence.id-1',
    });
  });

  it('uses the date the Ombudsman gave, when it gave one', () => {
    const h = responded();

    h.do(
      {
        type: 'record-evidence-request',
        receivedOn: '2026-11-16',
        dueOn: '2026-11-30',
        description: 'Photos',
      },
      at('2026-11-16'),
    );
    const twice = () =>
      h.try({ type: 'provide-evidence', requestId: 'id-1' }, at('2026-11-20'));
    h.do({ type: 'provide-evidence', requestId: 'id-1' }, at('2026-11-20'));

    expect(h.state.evidenceRequests[0]?.dueOn).toBe('2026-11-30');
    expect(twice()).toMatchObject({
      ok: false,
      rejection: { code: 'EVIDENCE.ALREADY_PROVIDED' },
    });
    expect(
      h.try({ type: 'provide-evidence', requestId: 'nope' }, at('2026-11-20')),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'EVIDENCE.NOT_FOUND', field: 'requestId' },
    });
  });

  it('refuses a request dated in the future', () => {
    const h = responded();

    const result = h.try(
      {
        type: 'record-evidence-request',
        receivedOn: '2026-12-01',
        description: 'x',
      },
      at('2026-11-16'),
    );

    expect(result).toMatchObject({
      ok: false,
      rejection: { code: 'EVIDENCE.RECEIVED_IN_FUTURE' },
    });
  });
});

describe('contact restrictions (Code 5.14–5.15)', () => {
  const restrict = {
    type: 'restrict-contact',
    kind: 'single-point-of-contact',
    reasons:
      'Twelve calls a day to different teams, recorded in the contact log.',
    equalityActConsideration:
      'No disability disclosed; written contact remains open.',
    approvedBy: manager.id,
    reviewOn: '2027-02-01',
  } as const;

  it('needs evidenced reasons, Equality Act regard and a future review date, and reminds of the review', () => {
    const h = responded();

    const noRegard = h.try(
      { ...restrict, equalityActConsideration: '' },
      at('2026-11-16'),
    );
    const pastReview = h.try(
      { ...restrict, reviewOn: '2026-11-16' },
      at('2026-11-16'),
    );
    h.do(restrict, at('2026-11-16'));

    expect(noRegard).toMatchObject({
      ok: false,
      rejection: { field: 'equalityActConsideration' },
    });
    expect(pastReview).toMatchObject({
      ok: false,
      rejection: { code: 'INPUT.NOT_IN_FUTURE', field: 'reviewOn' },
    });
    expect(h.clock('restriction.id-1')).toMatchObject({
      dueOn: '2027-02-01',
      breachOn: '2027-02-02',
    });
  });

  it('is continued with a new review date, or lifted', () => {
    const h = responded();
    h.do(restrict, at('2026-11-16'));

    const noDate = h.try(
      {
        type: 'review-restriction',
        restrictionId: 'id-1',
        outcome: 'continue',
        notes: 'Still needed',
      },
      at('2027-01-29'),
    );
    h.do(
      {
        type: 'review-restriction',
        restrictionId: 'id-1',
        outcome: 'continue',
        nextReviewOn: '2027-05-03',
        notes: 'Still needed',
      },
      at('2027-01-29'),
    );
    const moved = h.clock('restriction.id-1')?.dueOn;
    h.do(
      {
        type: 'review-restriction',
        restrictionId: 'id-1',
        outcome: 'lift',
        notes: 'Calls have stopped',
      },
      at('2027-03-01'),
    );
    const again = h.try(
      {
        type: 'review-restriction',
        restrictionId: 'id-1',
        outcome: 'lift',
        notes: 'x',
      },
      at('2027-03-02'),
    );

    expect(noDate).toMatchObject({
      ok: false,
      rejection: { field: 'nextReviewOn' },
    });
    expect(moved).toBe('2027-05-03');
    expect(h.state.restrictions[0]?.liftedOn).toBe('2027-03-01');
    expect(h.clock('restriction.id-1')).toBeUndefined();
    expect(again).toMatchObject({
      ok: false,
      rejection: { code: 'RESTRICTION.NOT_ACTIVE' },
    });
  });
});

describe('correspondence, withdrawal and remedies at any stage', () => {
  it('keeps every message both ways on the record', () => {
    const h = responded();

    h.do(
      {
        type: 'record-correspondence',
        direction: 'in',
        channel: 'email',
        at: '2026-11-12T08:15:00Z',
        summary: 'Resident replied with photos',
      },
      at('2026-11-12'),
    );
    const future = h.try(
      {
        type: 'record-correspondence',
        direction: 'out',
        channel: 'phone',
        at: '2026-11-13T08:15:00Z',
        summary: 'Call',
      },
      at('2026-11-12'),
    );

    expect(h.state.correspondence).toEqual([
      {
        id: 'id-1',
        direction: 'in',
        channel: 'email',
        at: '2026-11-12T08:15:00Z',
        summary: 'Resident replied with photos',
      },
    ]);
    expect(future).toMatchObject({
      ok: false,
      rejection: { code: 'INPUT.IN_FUTURE', field: 'at' },
    });
  });

  it('confirms a withdrawal in writing and stops the clocks', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);

    const result = h.do(
      { type: 'withdraw', reason: 'Resident called: boiler fixed' },
      at('2026-11-03'),
    );
    const twice = h.try(
      { type: 'withdraw', reason: 'again' },
      at('2026-11-04'),
    );

    expect(h.state).toMatchObject({
      status: 'withdrawn',
      withdrawal: { on: '2026-11-03' },
    });
    expect(h.clocks()).toEqual([]);
    expect(result.intents[0]).toMatchObject({
      kind: 'withdrawal-confirmation',
    });
    expect(twice).toMatchObject({
      ok: false,
      rejection: { code: 'WITHDRAW.NOT_OPEN' },
    });
  });

  it('records a remedy before any response (Code 5.13) and an action later, each tracked', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);

    h.do(
      {
        type: 'record-remedy',
        remedy: {
          kind: 'apology',
          description: 'Apology by phone',
          dueOn: '2026-11-04',
        },
      },
      at('2026-11-02'),
    );
    h.do(
      {
        type: 'add-action',
        action: { description: 'Book engineer', dueOn: '2026-11-06' },
      },
      at('2026-11-02'),
    );

    expect(h.state.remedies[0]).toMatchObject({
      id: 'id-1',
      stage: 1,
      recordedOn: '2026-11-02',
    });
    expect(h.clocks().map((c) => c.id)).toEqual([
      'stage1.acknowledge',
      'remedy.id-1',
      'action.id-2',
    ]);
    expect(
      h.try({ type: 'complete-action', actionId: 'x' }, at('2026-11-03')),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'ACTION.NOT_FOUND' },
    });
  });

  it('does not attach remedies or evidence requests to a service request', () => {
    const h = harness(code2024);
    h.do(
      receiveCommand(at('2026-11-02'), { classification: 'service-request' }),
      at('2026-11-02'),
      resident,
    );

    expect(
      h.try(
        {
          type: 'record-remedy',
          remedy: { kind: 'apology', description: 'x' },
        },
        at('2026-11-02'),
      ),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'REMEDY.NOT_A_COMPLAINT' },
    });
    expect(
      h.try(
        { type: 'add-action', action: { description: 'x' } },
        at('2026-11-02'),
      ),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'ACTION.NOT_A_COMPLAINT' },
    });
    expect(
      h.try(
        {
          type: 'record-evidence-request',
          receivedOn: '2026-11-02',
          description: 'x',
        },
        at('2026-11-02'),
      ),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'EVIDENCE.NOT_A_COMPLAINT' },
    });
    expect(
      h.try(
        { type: 'add-issue', issue: { id: 'i', summary: 'x', inScope: true } },
        at('2026-11-02'),
      ),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'ISSUE.NOT_A_COMPLAINT' },
    });
  });
});

describe('policies beyond the Code defaults', () => {
  it('runs an informal stage before stage 1 when the policy has one (a Code 5.2 departure)', () => {
    const policy: Policy = {
      ...code2024,
      informalStage: {
        name: 'Informal',
        targetWorkingDays: 4,
        description: 'First contact',
        cite,
      },
    };
    const h = harness(policy);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    const informalClock = h.clock('informal.resolve');

    h.do(
      { type: 'log-at-stage-1', reason: 'Resident not satisfied' },
      at('2026-11-05'),
    );

    // 3, 4, 5, 6 Nov (4).
    expect(informalClock).toMatchObject({
      dueOn: '2026-11-06',
      breachOn: null,
      reminderOn: ['2026-11-06'],
    });
    expect(h.state).toMatchObject({
      status: 'stage1-received',
      stage1: { receivedOn: '2026-11-05' },
    });
    // 6, 9, 10, 11, 12 Nov (5).
    expect(h.clock('stage1.acknowledge')?.dueOn).toBe('2026-11-12');
  });

  it('closes an informal complaint when it is resolved informally', () => {
    const policy: Policy = {
      ...code2024,
      informalStage: {
        name: 'Informal',
        targetWorkingDays: null,
        description: 'x',
        cite,
      },
    };
    const h = harness(policy);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    const noTarget = h.clocks();

    h.do(
      { type: 'resolve-informally', resolution: 'Repair booked' },
      at('2026-11-03'),
    );

    expect(noTarget).toEqual([]);
    expect(h.state).toMatchObject({
      status: 'closed',
      informal: { resolution: 'Repair booked' },
    });
    expect(
      h.try({ type: 'log-at-stage-1', reason: 'x' }, at('2026-11-04')),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'INFORMAL.NOT_INFORMAL' },
    });
  });

  it('times a panel outcome from the meeting, provisionally from the meeting’s due date', () => {
    const policy: Policy = {
      ...code2024,
      stage2: {
        ...code2024.stage2,
        acknowledge: { workingDays: 3, from: 'receipt', cite },
        meeting: { workingDays: 15, from: 'receipt', cite },
        respond: { workingDays: 10, from: 'meeting', cite },
      },
    };
    const h = responded(policy);
    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2026-11-16'),
        channel: 'letter',
      },
      at('2026-11-16'),
      resident,
    );
    h.do(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      at('2026-11-18'),
    );

    // Meeting: 17 Nov (1) … 7 Dec (15). Provisional outcome: 10 WD later, 21 Dec.
    expect(h.clock('stage2.meeting')?.dueOn).toBe('2026-12-07');
    expect(h.clock('stage2.respond')?.dueOn).toBe('2026-12-21');

    const future = h.try(
      { type: 'record-meeting', stage: 2, heldOn: '2026-12-01' },
      at('2026-11-30'),
    );
    h.do(
      { type: 'record-meeting', stage: 2, heldOn: '2026-11-30' },
      at('2026-11-30'),
    );

    // From the meeting on Mon 30 Nov: 1 Dec (1) … 14 Dec (10).
    expect(future).toMatchObject({
      ok: false,
      rejection: { code: 'MEETING.DATE_OUT_OF_RANGE' },
    });
    expect(h.clock('stage2.meeting')).toBeUndefined();
    expect(h.clock('stage2.respond')?.dueOn).toBe('2026-12-14');
  });

  it('shows the resident’s escalation window and marks a late request, without refusing it', () => {
    const policy: Policy = {
      ...code2024,
      escalation: {
        ...code2024.escalation,
        window: { days: 28, unit: 'calendar-days', cite },
      },
      closure: {
        autoCloseAfterNoContact: { days: 14, unit: 'working-days', cite },
        cite,
      },
    };
    const h = responded(policy);

    // Responded Tue 10 Nov: 28 calendar days → Tue 8 Dec; 14 WD → Mon 30 Nov.
    expect(h.clock('stage1.escalation-window')).toMatchObject({
      dueOn: '2026-12-08',
      breachOn: null,
    });
    expect(h.clock('stage1.auto-close')).toMatchObject({
      dueOn: '2026-11-30',
      breachOn: null,
    });

    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2026-12-09'),
        channel: 'web',
      },
      at('2026-12-09'),
      resident,
    );

    expect(h.state.escalation).toMatchObject({ late: true });
    expect(h.state.status).toBe('stage2-received');
  });

  it('reminds staff to update the resident every N working days while a response is awaited', () => {
    const policy: Policy = {
      ...code2024,
      contact: { ...code2024.contact, updateIntervalWorkingDays: 5 },
    };
    const h = harness(policy);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-03'),
    );
    const first = h.clock('stage1.update')?.dueOn;

    h.do(
      {
        type: 'record-correspondence',
        direction: 'out',
        channel: 'phone',
        at: at('2026-11-06'),
        summary: 'Progress call',
      },
      at('2026-11-06'),
    );

    // From the ack on Tue 3 Nov: 4, 5, 6, 9, 10 Nov (5); after a call on Fri 6 Nov: 13 Nov.
    expect(first).toBe('2026-11-10');
    expect(h.clock('stage1.update')?.dueOn).toBe('2026-11-13');
  });

  it('applies a policy’s own extension cap, and a policy with no cap lets the date move', () => {
    const strict: Policy = {
      ...code2024,
      stage1: {
        ...code2024.stage1,
        extension: { ...code2024.stage1.extension, goodReasonOverride: false },
      },
    };
    const uncapped: Policy = {
      ...code2024,
      stage1: {
        ...code2024.stage1,
        extension: { ...code2024.stage1.extension, maxWorkingDays: null },
      },
    };
    const run = (policy: Policy) => {
      const h = harness(policy);
      h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
      h.do(
        { type: 'acknowledge', stage: 1, definition: boilerDefinition },
        at('2026-11-03'),
      );
      return h.try(
        {
          type: 'extend',
          stage: 1,
          newDueOn: '2027-01-29',
          reasons: 'x',
          goodReason: 'y',
        },
        at('2026-11-10'),
      );
    };

    expect(run(strict)).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.EXTENSION_EXCEEDS_CAP' },
    });
    expect(run(uncapped).ok).toBe(true);
  });

  it('does not extend a response clock that has not started', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);

    const result = h.try(
      { type: 'extend', stage: 1, newDueOn: '2026-12-01', reasons: 'x' },
      at('2026-11-03'),
    );

    expect(result).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.RESPONSE_CLOCK_NOT_RUNNING' },
    });
  });
});
