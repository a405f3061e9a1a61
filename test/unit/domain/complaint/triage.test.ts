import { describe, expect, it } from 'vitest';
import { code2024, decide, type Policy } from '../../../../domain/index.js';
import {
  at,
  boilerApology,
  boilerDecisions,
  boilerDefinition,
  harness,
  officer,
  receiveCommand,
  resident,
} from '../support/harness.js';

describe('receiving a complaint', () => {
  it('uses the London date of the true received time: 23:30 UTC on 30 Jun is 00:30 BST on 1 Jul', () => {
    const h = harness(code2024);

    h.do(
      receiveCommand('2026-06-30T23:30:00Z', { channel: 'phone' }),
      at('2026-07-02'),
      officer,
    );

    expect(h.state).toMatchObject({
      receivedOn: '2026-07-01',
      channel: 'phone',
    });
  });

  it('gives a Saturday receipt the same acknowledgement date as the Friday before', () => {
    const fri = harness(code2024);
    const sat = harness(code2024);

    fri.do(receiveCommand(at('2026-11-20')), at('2026-11-20'), resident);
    sat.do(receiveCommand(at('2026-11-21')), at('2026-11-21'), resident);

    // Fri 20 Nov: 23, 24, 25, 26, 27 Nov (5).
    expect(fri.clock('stage1.acknowledge')?.dueOn).toBe('2026-11-27');
    expect(sat.clock('stage1.acknowledge')?.dueOn).toBe('2026-11-27');
  });

  it('computes the 12-month limit from the later of the issue and awareness dates (Code 2.3)', () => {
    const h = harness(code2024);

    h.do(
      receiveCommand(at('2026-11-20'), {
        issueDate: '2025-03-01',
        awareDate: '2025-12-10',
      }),
      at('2026-11-20'),
      resident,
    );

    expect(h.state.timeLimitEndsOn).toBe('2026-12-10');
  });

  it('counts only from the issue date when the policy ignores awareness', () => {
    const policy: Policy = {
      ...code2024,
      timeLimit: { ...code2024.timeLimit, months: 6, from: 'issue' },
    };
    const h = harness(policy);

    h.do(
      receiveCommand(at('2026-11-20'), {
        issueDate: '2026-03-01',
        awareDate: '2026-10-10',
      }),
      at('2026-11-20'),
      resident,
    );

    expect(h.state.timeLimitEndsOn).toBe('2026-09-01');
  });

  it.each([
    [{ receivedAt: '2026-11-21T10:00:00Z' }, 'INPUT.IN_FUTURE', 'receivedAt'],
    [{ summary: '  ' }, 'INPUT.REQUIRED', 'summary'],
    [{ issueDate: '2026-11-30' }, 'RECEIPT.DATE_AFTER_RECEIPT', 'issueDate'],
    [
      { resident: { name: 'Jo', preferredContact: 'post', formats: [] } },
      'RECEIPT.CONTACT_MISSING',
      'resident.address',
    ],
    [
      { resident: { name: 'Jo', preferredContact: 'phone', formats: [] } },
      'RECEIPT.CONTACT_MISSING',
      'resident.phone',
    ],
  ] as const)('rejects %o with %s naming %s', (overrides, code, field) => {
    const h = harness(code2024);

    const result = h.try(
      receiveCommand(at('2026-11-20'), overrides),
      at('2026-11-20'),
      resident,
    );

    expect(result).toMatchObject({ ok: false, rejection: { code, field } });
  });

  it('refuses to receive the same complaint twice', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-20')), at('2026-11-20'), resident);

    const again = h.try(
      receiveCommand(at('2026-11-20')),
      at('2026-11-20'),
      resident,
    );

    expect(again).toMatchObject({
      ok: false,
      rejection: { code: 'COMPLAINT.ALREADY_RECEIVED' },
    });
  });

  it('records compliments and comments with no clocks', () => {
    const h = harness(code2024);

    const result = h.do(
      receiveCommand(at('2026-11-20'), { classification: 'compliment' }),
      at('2026-11-20'),
      resident,
    );

    expect(h.state.status).toBe('recorded');
    expect(h.clocks()).toEqual([]);
    expect(result.intents).toEqual([]);
  });
});

describe('classifying, declining and raising (Code 1.4–1.5, 2.1–2.4)', () => {
  it('stops the clocks and tells the resident when a contact is a service request', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-20')), at('2026-11-20'), resident);

    const result = h.do(
      {
        type: 'classify',
        classification: 'service-request',
        reason: 'First report of a repair',
      },
      at('2026-11-23'),
    );

    expect(h.state).toMatchObject({
      status: 'recorded',
      classification: 'service-request',
    });
    expect(h.clocks()).toEqual([]);
    expect(result.intents.map((i) => i.type)).toEqual([
      'send-letter',
      'delete-schedule',
      'delete-schedule',
    ]);
  });

  it('keeps the original received date when a service request is reclassified as a complaint', () => {
    const h = harness(code2024);
    h.do(
      receiveCommand(at('2026-11-20'), { classification: 'service-request' }),
      at('2026-11-20'),
      resident,
    );

    h.do(
      {
        type: 'classify',
        classification: 'complaint',
        reason: 'Resident is unhappy',
      },
      at('2026-11-24'),
    );

    expect(h.state.status).toBe('stage1-received');
    expect(h.clock('stage1.acknowledge')?.dueOn).toBe('2026-11-27');
  });

  it('links a complaint raised from a service request and leaves the request open', () => {
    const h = harness(code2024);
    h.do(
      receiveCommand(at('2026-11-20'), { classification: 'service-request' }),
      at('2026-11-20'),
      resident,
    );

    h.do({ type: 'raise-complaint', complaintId: 'c-9' }, at('2026-11-24'));

    expect(h.state).toMatchObject({
      status: 'recorded',
      linkedComplaintIds: ['c-9'],
    });
  });

  it('refuses to reclassify after the acknowledgement, or to the same class', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-20')), at('2026-11-20'), resident);
    const same = h.try(
      { type: 'classify', classification: 'complaint', reason: 'x' },
      at('2026-11-20'),
    );
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-23'),
    );

    const late = h.try(
      { type: 'classify', classification: 'comment', reason: 'x' },
      at('2026-11-24'),
    );
    const raise = h.try(
      { type: 'raise-complaint', complaintId: 'c-2' },
      at('2026-11-24'),
    );

    expect(same).toMatchObject({
      ok: false,
      rejection: { code: 'CLASSIFY.UNCHANGED' },
    });
    expect(late).toMatchObject({
      ok: false,
      rejection: { code: 'CLASSIFY.AFTER_ACKNOWLEDGEMENT' },
    });
    expect(raise).toMatchObject({
      ok: false,
      rejection: { code: 'RAISE.NOT_A_SERVICE_REQUEST' },
    });
  });

  it('declines only on a policy exclusion, with reasons, and sends the decline letter', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-20')), at('2026-11-20'), resident);

    const unknown = h.try(
      { type: 'decline', exclusionCode: 'asb', reasons: 'x' },
      at('2026-11-23'),
    );
    const result = h.do(
      {
        type: 'decline',
        exclusionCode: 'legal-proceedings',
        reasons: 'A claim about the same repair is before the county court.',
      },
      at('2026-11-23'),
    );

    expect(unknown).toMatchObject({
      ok: false,
      rejection: {
        code: 'DECLINE.NOT_A_POLICY_EXCLUSION',
        field: 'exclusionCode',
      },
    });
    expect(h.state).toMatchObject({
      status: 'declined',
      declination: { exclusionCode: 'legal-proceedings', on: '2026-11-23' },
    });
    expect(result.intents[0]).toMatchObject({
      type: 'send-letter',
      kind: 'decline',
    });
    expect(h.clocks()).toEqual([]);
  });

  it('declines as out of time only when it is, and only with the discretion recorded (Code 2.3)', () => {
    const inTime = harness(code2024);
    inTime.do(
      receiveCommand(at('2026-11-20'), { issueDate: '2026-01-05' }),
      at('2026-11-20'),
      resident,
    );
    const old = harness(code2024);
    old.do(
      receiveCommand(at('2026-11-20'), { issueDate: '2025-06-01' }),
      at('2026-11-20'),
      resident,
    );
    const command = {
      type: 'decline',
      exclusionCode: 'outside-time-limit',
      reasons: 'The repair was in June 2025.',
    } as const;

    const notOld = inTime.try(
      { ...command, discretion: 'n/a' },
      at('2026-11-23'),
    );
    const noDiscretion = old.try(command, at('2026-11-23'));
    const declined = old.try(
      {
        ...command,
        discretion:
          'No good reason for the delay was given; the boiler has since been replaced.',
      },
      at('2026-11-23'),
    );

    expect(notOld).toMatchObject({
      ok: false,
      rejection: { code: 'DECLINE.WITHIN_TIME_LIMIT' },
    });
    expect(noDiscretion).toMatchObject({
      ok: false,
      rejection: {
        code: 'DECLINE.DISCRETION_NOT_RECORDED',
        field: 'discretion',
      },
    });
    expect(declined.ok).toBe(true);
  });

  it('cannot decline once stage 1 has responded, and reopens a declined complaint where it was', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-20')), at('2026-11-20'), resident);
    h.do(
      {
        type: 'decline',
        exclusionCode: 'previously-considered',
        reasons: 'Answered in HTH-2025-000017',
      },
      at('2026-11-23'),
    );

    h.do(
      { type: 'reopen', reason: 'It is a new issue after all' },
      at('2026-11-24'),
    );
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-24'),
    );
    h.do(
      {
        type: 'respond',
        stage: 1,
        decisions: boilerDecisions,
        remedies: [boilerApology],
        summary: 'Answered',
      },
      at('2026-11-25'),
    );
    const late = h.try(
      { type: 'decline', exclusionCode: 'legal-proceedings', reasons: 'x' },
      at('2026-11-25'),
    );

    expect(late).toMatchObject({
      ok: false,
      rejection: { code: 'DECLINE.NOT_OPEN_AT_STAGE1' },
    });
    expect(h.state.declination).toBeUndefined();
  });
});

describe('the complaint definition (Code 5.6–5.7, 6.7–6.8)', () => {
  const received = () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-20')), at('2026-11-20'), resident);
    return h;
  };

  it.each([
    [
      { issues: [], outcomesSought: [] },
      'DEFINITION.NO_ISSUES',
      'definition.issues',
    ],
    [
      {
        issues: [{ id: 'i1', summary: ' ', inScope: true }],
        outcomesSought: [],
      },
      'INPUT.REQUIRED',
      'definition.issues.0.summary',
    ],
    [
      {
        issues: [
          { id: 'i1', summary: 'a', inScope: true },
          { id: 'i1', summary: 'b', inScope: true },
        ],
        outcomesSought: [],
      },
      'DEFINITION.DUPLICATE_ISSUE',
      'definition.issues.1.id',
    ],
    [
      {
        issues: [{ id: 'i1', summary: 'Council tax', inScope: false }],
        outcomesSought: [],
      },
      'DEFINITION.NO_SIGNPOST',
      'definition.issues.0.signpost',
    ],
  ] as const)(
    'rejects an acknowledgement whose definition is %o',
    (definition, code, field) => {
      const h = received();

      const result = h.try(
        { type: 'acknowledge', stage: 1, definition },
        at('2026-11-23'),
      );

      expect(result).toMatchObject({ ok: false, rejection: { code, field } });
    },
  );

  it('asks for clarification at an open stage and counts the requests', () => {
    const h = received();

    const result = h.do(
      {
        type: 'request-clarification',
        stage: 1,
        questions: 'Which appointments were missed?',
      },
      at('2026-11-23'),
    );
    const wrongStage = h.try(
      { type: 'request-clarification', stage: 2, questions: 'x' },
      at('2026-11-23'),
    );

    expect(h.state.clarifications).toEqual([
      {
        stage: 1,
        questions: 'Which appointments were missed?',
        on: '2026-11-23',
      },
    ]);
    expect(result.intents[0]).toMatchObject({ kind: 'clarification-request' });
    expect(wrongStage).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE2.NOT_OPEN' },
    });
  });

  it('folds a new issue in before the response and logs it as a linked complaint after', () => {
    const h = received();
    const early = h.try(
      {
        type: 'add-issue',
        issue: { id: 'i3', summary: 'Damp', inScope: true },
      },
      at('2026-11-23'),
    );
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-23'),
    );

    h.do(
      {
        type: 'add-issue',
        issue: { id: 'i3', summary: 'Damp in the bedroom', inScope: true },
      },
      at('2026-11-24'),
    );
    const duplicate = h.try(
      {
        type: 'add-issue',
        issue: { id: 'i3', summary: 'again', inScope: true },
      },
      at('2026-11-24'),
    );
    const incomplete = h.try(
      {
        type: 'respond',
        stage: 1,
        decisions: boilerDecisions,
        remedies: [boilerApology],
        summary: 'x',
      },
      at('2026-11-25'),
    );
    h.do(
      {
        type: 'respond',
        stage: 1,
        // Not upheld, so no remedy takes an id before the linked complaint's.
        decisions: [
          ...boilerDecisions.map((d) => ({
            ...d,
            decision: 'not-upheld' as const,
          })),
          {
            issueId: 'i3',
            decision: 'not-upheld',
            reasons: 'Survey found no damp.',
          },
        ],
        summary: 'Answered',
      },
      at('2026-11-25'),
    );
    const after = h.do(
      {
        type: 'add-issue',
        issue: { id: 'i4', summary: 'Rent statement wrong', inScope: true },
      },
      at('2026-11-26'),
    );

    expect(early).toMatchObject({
      ok: false,
      rejection: { code: 'ISSUE.DEFINE_AT_ACKNOWLEDGEMENT' },
    });
    expect(duplicate).toMatchObject({
      ok: false,
      rejection: { code: 'DEFINITION.DUPLICATE_ISSUE' },
    });
    expect(incomplete).toMatchObject({
      ok: false,
      rejection: { code: 'RESPONSE.ISSUE_NOT_ADDRESSED' },
    });
    expect(h.state.stage1?.definition?.issues.map((i) => i.id)).toEqual([
      'i1',
      'i2',
      'i3',
    ]);
    expect(after.intents).toEqual([
      {
        type: 'open-linked-complaint',
        complaintId: 'id-1',
        fromComplaintId: 'c-1',
        issue: { id: 'i4', summary: 'Rent statement wrong', inScope: true },
      },
    ]);
    expect(h.state.linkedComplaintIds).toEqual(['id-1']);
  });

  it('rejects decisions for unknown or repeated issues, or without reasons', () => {
    const h = received();
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-23'),
    );
    const respond = (decisions: unknown) =>
      h.try(
        { type: 'respond', stage: 1, decisions, summary: 'x' } as never,
        at('2026-11-24'),
      );

    expect(
      respond([{ issueId: 'zz', decision: 'upheld', reasons: 'x' }]),
    ).toMatchObject({
      ok: false,
      rejection: {
        code: 'RESPONSE.UNKNOWN_ISSUE',
        field: 'decisions.0.issueId',
      },
    });
    expect(respond([boilerDecisions[0], boilerDecisions[0]])).toMatchObject({
      ok: false,
      rejection: { code: 'RESPONSE.DUPLICATE_DECISION' },
    });
    expect(
      respond([{ ...boilerDecisions[0], reasons: '' }, boilerDecisions[1]]),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'INPUT.REQUIRED', field: 'decisions.0.reasons' },
    });
  });

  it('needs an amount for a financial remedy and a description for an action', () => {
    const h = received();
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-23'),
    );
    const base = {
      type: 'respond',
      stage: 1,
      decisions: boilerDecisions,
      remedies: [boilerApology],
      summary: 'x',
    } as const;

    const noAmount = h.try(
      {
        ...base,
        remedies: [{ kind: 'financial', description: 'Compensation' }],
      },
      at('2026-11-24'),
    );
    const noAction = h.try(
      { ...base, actions: [{ description: '' }] },
      at('2026-11-24'),
    );

    const fraction = h.try(
      {
        ...base,
        remedies: [
          { kind: 'other', description: 'Voucher', amountPence: 12.5 },
        ],
      },
      at('2026-11-24'),
    );
    expect(fraction).toMatchObject({
      ok: false,
      rejection: {
        code: 'REMEDY.AMOUNT_INVALID',
        field: 'remedies.0.amountPence',
      },
    });
    expect(noAmount).toMatchObject({
      ok: false,
      rejection: {
        code: 'REMEDY.AMOUNT_REQUIRED',
        field: 'remedies.0.amountPence',
      },
    });
    expect(noAction).toMatchObject({
      ok: false,
      rejection: { code: 'INPUT.REQUIRED', field: 'actions.0.description' },
    });
  });

  it('responds only to an acknowledged stage, and closes only a responded one', () => {
    const h = received();

    const respond = h.try(
      { type: 'respond', stage: 1, decisions: [], summary: 'x' },
      at('2026-11-23'),
    );
    const close = h.try({ type: 'close', reason: 'x' }, at('2026-11-23'));
    const escalate = h.try(
      {
        type: 'request-escalation',
        receivedAt: at('2026-11-23'),
        channel: 'web',
      },
      at('2026-11-23'),
    );

    expect(respond).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.NOT_AWAITING_RESPONSE' },
    });
    expect(close).toMatchObject({
      ok: false,
      rejection: { code: 'CLOSURE.NOT_CLOSABLE' },
    });
    expect(escalate).toMatchObject({
      ok: false,
      rejection: { code: 'ESCALATION.NOT_AFTER_STAGE1_RESPONSE' },
    });
  });
});

describe('a linked complaint’s id', () => {
  it('is the reference the caller allocated, when it gives one', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-20')), at('2026-11-20'), resident);
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-23'),
    );
    h.do(
      {
        type: 'respond',
        stage: 1,
        decisions: boilerDecisions,
        remedies: [boilerApology],
        summary: 'Answered',
      },
      at('2026-11-24'),
    );

    const result = decide(
      h.state,
      {
        type: 'add-issue',
        issue: { id: 'i9', summary: 'Rent statement wrong', inScope: true },
      },
      {
        now: at('2026-11-25'),
        policy: code2024,
        calendar: h.calendar,
        actor: officer,
        newId: () => 'uuid-1',
        newComplaintId: () => 'HTH-2026-000042',
      },
    );

    expect(result.ok && result.intents).toEqual([
      expect.objectContaining({
        type: 'open-linked-complaint',
        complaintId: 'HTH-2026-000042',
        fromComplaintId: 'c-1',
      }),
    ]);
  });
});
