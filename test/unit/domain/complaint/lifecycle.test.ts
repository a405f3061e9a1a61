import { describe, expect, it } from 'vitest';
import { code2024 } from '../../../../domain/index.js';
import {
  at,
  boilerApology,
  boilerDecisions,
  boilerDefinition,
  harness,
  manager,
  officer,
  receiveCommand,
  resident,
  system,
} from '../support/harness.js';

// England and Wales bank holidays used below: Fri 25 Dec 2026, Mon 28 Dec
// 2026 (Boxing Day substitute), Fri 1 Jan 2027. Day 0 is the date itself.

describe('a stage 1 complaint received over Christmas (code-2024, England)', () => {
  it('is due to be acknowledged on Mon 4 Jan 2027, reminded on Wed 30 Dec, breached on Tue 5 Jan', () => {
    // Prepare
    const h = harness(code2024);

    // Act: received Wed 23 Dec 2026.
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);

    // Assess: 24 Dec (1), 29 (2), 30 (3), 31 (4), 4 Jan (5).
    const clock = h.clock('stage1.acknowledge');
    expect(clock).toMatchObject({
      startedOn: '2026-12-23',
      dueOn: '2027-01-04',
      reminderOn: ['2026-12-30'],
      breachOn: '2027-01-05',
    });
    expect(h.state).toMatchObject({ status: 'stage1-received', version: 1 });
  });

  it('schedules the reminder and the breach with deterministic names', () => {
    const h = harness(code2024);
    const result = h.do(
      receiveCommand(at('2026-12-23')),
      at('2026-12-23'),
      resident,
    );

    expect(result.intents).toEqual([
      {
        type: 'create-schedule',
        schedule: {
          name: 'c-1.stage1.acknowledge.2027-01-04.reminder.2026-12-30',
          complaintId: 'c-1',
          clockId: 'stage1.acknowledge',
          dueOn: '2027-01-04',
          fire: 'reminder',
          fireOn: '2026-12-30',
        },
      },
      {
        type: 'create-schedule',
        schedule: {
          name: 'c-1.stage1.acknowledge.2027-01-04.breach.2027-01-05',
          complaintId: 'c-1',
          clockId: 'stage1.acknowledge',
          dueOn: '2027-01-04',
          fire: 'breach',
          fireOn: '2027-01-05',
        },
      },
    ]);
  });

  it('counts the response 10 working days from the acknowledgement: ack Wed 30 Dec → due Thu 14 Jan 2027', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);

    const result = h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-12-30'),
    );

    // 31 Dec (1), 4 Jan (2), 5, 6, 7, 8 (6), 11, 12, 13, 14 Jan (10).
    expect(h.clock('stage1.respond')).toMatchObject({
      startedOn: '2026-12-30',
      baseDueOn: '2027-01-14',
      dueOn: '2027-01-14',
      breachOn: '2027-01-15',
    });
    expect(h.clock('stage1.acknowledge')).toBeUndefined();
    expect(result.events[0]).toMatchObject({
      type: 'acknowledged',
      late: false,
    });
    expect(result.intents).toContainEqual({
      type: 'send-letter',
      letterId: 'c-1/stage1-acknowledgement/2',
      kind: 'stage1-acknowledgement',
      stage: 1,
    });
    const deleted = result.intents.filter((i) => i.type === 'delete-schedule');
    expect(deleted.map((i) => i.schedule.clockId)).toEqual([
      'stage1.acknowledge',
      'stage1.acknowledge',
    ]);
  });

  it('moves the response date when the acknowledgement is late, and records the breach once', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);

    // Act: acknowledged Tue 5 Jan 2027, a day after it was due.
    const result = h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2027-01-05'),
    );

    // 6 Jan (1) … 19 Jan (10): the late ack pushes the response to Tue 19 Jan.
    expect(h.clock('stage1.respond')?.dueOn).toBe('2027-01-19');
    expect(result.events.map((e) => e.type)).toEqual([
      'acknowledged',
      'clock-breached',
    ]);
    expect(result.events[0]).toMatchObject({ late: true });
    expect(result.events[1]).toMatchObject({
      clockId: 'stage1.acknowledge',
      dueOn: '2027-01-04',
    });
  });

  it('does not record the breach twice when the deadline job saw it first', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);
    const noted = h.do(
      {
        type: 'note-clock',
        clockId: 'stage1.acknowledge',
        dueOn: '2027-01-04',
        kind: 'breach',
      },
      at('2027-01-05', '07:00'),
      system,
    );
    const again = h.do(
      {
        type: 'note-clock',
        clockId: 'stage1.acknowledge',
        dueOn: '2027-01-04',
        kind: 'breach',
      },
      at('2027-01-05', '07:05'),
      system,
    );

    const ack = h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2027-01-05'),
    );

    expect(noted.events.map((e) => e.type)).toEqual(['clock-breached']);
    expect(again.events).toEqual([]);
    expect(ack.events.map((e) => e.type)).toEqual(['acknowledged']);
    expect(h.events.filter((e) => e.type === 'clock-breached')).toHaveLength(1);
  });

  it('ignores a breach delivery for a clock that has stopped or moved', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-12-30'),
    );

    const stale = h.do(
      {
        type: 'note-clock',
        clockId: 'stage1.acknowledge',
        dueOn: '2027-01-04',
        kind: 'breach',
      },
      at('2027-01-05', '07:00'),
      system,
    );
    const early = h.do(
      {
        type: 'note-clock',
        clockId: 'stage1.respond',
        dueOn: '2027-01-14',
        kind: 'breach',
      },
      at('2027-01-14', '07:00'),
      system,
    );

    expect(stale.events).toEqual([]);
    expect(early.events).toEqual([]);
  });
});

describe('stage 1 extension (Code 6.4–6.5)', () => {
  const acknowledged = () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-12-30'),
    );
    return h;
  };

  it('allows up to 10 working days past the original due date: Thu 14 Jan → Thu 28 Jan 2027', () => {
    const h = acknowledged();

    // 15 Jan (1), 18, 19, 20, 21, 22 (6), 25, 26, 27, 28 Jan (10).
    const result = h.do(
      {
        type: 'extend',
        stage: 1,
        newDueOn: '2027-01-28',
        reasons: 'Waiting for the contractor report',
      },
      at('2027-01-11'),
    );

    expect(h.clock('stage1.respond')).toMatchObject({
      baseDueOn: '2027-01-14',
      dueOn: '2027-01-28',
      breachOn: '2027-01-29',
    });
    expect(result.intents).toContainEqual(
      expect.objectContaining({
        type: 'send-letter',
        kind: 'stage1-extension',
      }),
    );
  });

  it('refuses an eleventh working day without a good reason, and records one when given', () => {
    const h = acknowledged();
    const command = {
      type: 'extend',
      stage: 1,
      newDueOn: '2027-01-29',
      reasons: 'Specialist survey',
    } as const;

    const refused = h.try(command, at('2027-01-11'));
    const allowed = h.try(
      { ...command, goodReason: 'Asbestos survey required before any work' },
      at('2027-01-11'),
    );

    expect(refused).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.EXTENSION_EXCEEDS_CAP', field: 'newDueOn' },
    });
    expect(allowed.ok && allowed.events[0]).toMatchObject({
      type: 'extended',
      goodReason: 'Asbestos survey required before any work',
    });
  });

  it('caps a second extension against the original due date, not the extended one', () => {
    const h = acknowledged();
    h.do(
      {
        type: 'extend',
        stage: 1,
        newDueOn: '2027-01-21',
        reasons: 'Contractor report',
      },
      at('2027-01-11'),
    );

    const past = h.try(
      {
        type: 'extend',
        stage: 1,
        newDueOn: '2027-02-01',
        reasons: 'More time',
      },
      at('2027-01-20'),
    );
    const within = h.try(
      {
        type: 'extend',
        stage: 1,
        newDueOn: '2027-01-28',
        reasons: 'More time',
      },
      at('2027-01-20'),
    );

    expect(past).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.EXTENSION_EXCEEDS_CAP' },
    });
    expect(within.ok).toBe(true);
  });

  it('must be notified before the response is due', () => {
    const h = acknowledged();

    const late = h.try(
      {
        type: 'extend',
        stage: 1,
        newDueOn: '2027-01-25',
        reasons: 'Contractor report',
      },
      at('2027-01-15'),
    );

    expect(late).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.EXTENSION_AFTER_DUE_DATE' },
    });
  });

  it('must move the date to a later working day', () => {
    const h = acknowledged();

    const saturday = h.try(
      { type: 'extend', stage: 1, newDueOn: '2027-01-16', reasons: 'x' },
      at('2027-01-11'),
    );
    const earlier = h.try(
      { type: 'extend', stage: 1, newDueOn: '2027-01-13', reasons: 'x' },
      at('2027-01-11'),
    );
    const noReasons = h.try(
      { type: 'extend', stage: 1, newDueOn: '2027-01-20', reasons: ' ' },
      at('2027-01-11'),
    );

    expect(saturday).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.EXTENSION_NOT_A_WORKING_DAY' },
    });
    expect(earlier).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.EXTENSION_NOT_LATER' },
    });
    expect(noReasons).toMatchObject({
      ok: false,
      rejection: { code: 'INPUT.REQUIRED', field: 'reasons' },
    });
  });
});

describe('the whole two-stage process (code-2024, England)', () => {
  const throughStage1 = () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);
    h.do({ type: 'assign', stage: 1, handler: officer.id }, at('2026-12-24'));
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-12-30'),
    );
    h.do(
      {
        type: 'respond',
        stage: 1,
        decisions: boilerDecisions,
        summary: 'We are sorry: the boiler will be replaced.',
        remedies: [
          {
            kind: 'apology',
            description: 'We apologise for the failed repairs.',
          },
          {
            kind: 'financial',
            description: 'Compensation for 3 weeks without heating',
            amountPence: 15000,
            dueOn: '2027-01-29',
          },
        ],
        actions: [
          {
            description: 'Replace the boiler',
            owner: 'Repairs',
            dueOn: '2027-02-12',
          },
        ],
      },
      at('2027-01-13'),
    );
    return h;
  };

  it('responds on time with every issue decided, and tracks the remedies and actions after', () => {
    const h = throughStage1();

    expect(h.state.status).toBe('stage1-responded');
    expect(h.state.stage1?.response).toMatchObject({
      on: '2027-01-13',
      onTime: true,
      withinBaseTimescale: true,
      by: officer.id,
    });
    expect(h.clocks().map((c) => [c.id, c.dueOn])).toEqual([
      ['remedy.id-2', '2027-01-29'],
      ['action.id-3', '2027-02-12'],
    ]);
  });

  it('rejects a response that leaves an issue without a decision (Code 6.7)', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-12-30'),
    );

    const result = h.try(
      {
        type: 'respond',
        stage: 1,
        decisions: [boilerDecisions[0]],
        summary: 'Partial',
      },
      at('2027-01-13'),
    );

    expect(result).toMatchObject({
      ok: false,
      rejection: { code: 'RESPONSE.ISSUE_NOT_ADDRESSED', field: 'decisions' },
    });
  });

  it('accepts a stage 2 request with no reasons (Code 6.12) and runs its clocks: ack by Mon 8 Feb, respond 20 WD after ack', () => {
    const h = throughStage1();

    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2027-02-01'),
        channel: 'phone',
      },
      at('2027-02-01'),
      resident,
    );
    // 2 Feb (1), 3, 4, 5, 8 Feb (5).
    expect(h.clock('stage2.acknowledge')?.dueOn).toBe('2027-02-08');

    h.do({ type: 'assign', stage: 2, handler: manager.id }, at('2027-02-02'));
    h.do(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      at('2027-02-03'),
    );
    // 4 Feb (1) … 3 Mar (20): no bank holidays in February 2027.
    expect(h.clock('stage2.respond')?.dueOn).toBe('2027-03-03');

    h.do(
      {
        type: 'respond',
        stage: 2,
        decisions: boilerDecisions,
        remedies: [boilerApology],
        summary: 'We uphold the stage 1 decision.',
      },
      at('2027-02-24'),
      manager,
    );
    h.do(
      {
        type: 'close',
        reason: 'Final response sent',
        learning: 'Check boiler parts stock before booking',
      },
      at('2027-02-25'),
    );

    expect(h.state).toMatchObject({ status: 'closed', closedOn: '2027-02-25' });
    expect(h.state.escalation).toEqual({
      receivedOn: '2027-02-01',
      channel: 'phone',
      late: false,
    });
    expect(
      h.intents.filter((i) => i.type === 'send-letter').map((i) => i.kind),
    ).toEqual([
      'stage1-acknowledgement',
      'stage1-response',
      'stage2-acknowledgement',
      'stage2-response',
      'closure',
    ]);
  });

  it('keeps the stage 1 handler off stage 2 (Code 6.13)', () => {
    const h = throughStage1();
    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2027-02-01'),
        channel: 'web',
      },
      at('2027-02-01'),
      resident,
    );

    const assign = h.try(
      { type: 'assign', stage: 2, handler: officer.id },
      at('2027-02-02'),
    );
    h.do(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      at('2027-02-03'),
    );
    const respond = h.try(
      {
        type: 'respond',
        stage: 2,
        decisions: boilerDecisions,
        remedies: [boilerApology],
        summary: 'Same again',
      },
      at('2027-02-10'),
      officer,
    );

    expect(assign).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE2.SAME_HANDLER_AS_STAGE1' },
    });
    expect(respond).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE2.SAME_DECISION_MAKER' },
    });
  });

  it('refuses escalation only on a policy ground, with reasons, and can reopen', () => {
    const h = throughStage1();
    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2027-02-01'),
        channel: 'web',
      },
      at('2027-02-01'),
      resident,
    );

    const unknown = h.try(
      { type: 'refuse-escalation', groundCode: 'disagrees', reasons: 'x' },
      at('2027-02-02'),
    );
    h.do(
      {
        type: 'refuse-escalation',
        groundCode: 'legal-proceedings',
        reasons: 'A claim was filed at court on 20 Jan 2027.',
      },
      at('2027-02-02'),
    );
    const status = h.state.status;
    h.do({ type: 'reopen', reason: 'Claim withdrawn' }, at('2027-02-10'));

    expect(unknown).toMatchObject({
      ok: false,
      rejection: { code: 'ESCALATION.NOT_A_POLICY_GROUND' },
    });
    expect(status).toBe('escalation-refused');
    expect(h.state.status).toBe('stage2-received');
    expect(h.intents).toContainEqual(
      expect.objectContaining({ kind: 'escalation-refusal' }),
    );
  });

  it('completes remedies and actions after closure, and refuses to complete twice', () => {
    const h = throughStage1();
    h.do({ type: 'close', reason: 'Resident satisfied' }, at('2027-01-20'));

    h.do({ type: 'complete-remedy', remedyId: 'id-2' }, at('2027-01-25'));
    const twice = h.try(
      { type: 'complete-remedy', remedyId: 'id-2' },
      at('2027-01-26'),
    );
    h.do({ type: 'complete-action', actionId: 'id-3' }, at('2027-02-15'));

    expect(twice).toMatchObject({
      ok: false,
      rejection: { code: 'REMEDY.ALREADY_COMPLETED' },
    });
    expect(h.state.remedies.find((r) => r.id === 'id-2')?.completedOn).toBe(
      '2027-01-25',
    );
    expect(h.clocks()).toEqual([]);
    // Completing the action on 15 Feb, after its 12 Feb due date, records its breach.
    expect(h.events.at(-1)).toMatchObject({
      type: 'clock-breached',
      clockId: 'action.id-3',
    });
  });

  it('lets a closed stage 1 complaint be escalated (closure never blocks stage 2)', () => {
    const h = throughStage1();
    h.do({ type: 'close', reason: 'No reply' }, at('2027-01-20'));

    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2027-02-01'),
        channel: 'email',
        reasons: 'Still cold',
      },
      at('2027-02-01'),
      resident,
    );

    expect(h.state).toMatchObject({
      status: 'stage2-received',
      escalation: { reasons: 'Still cold' },
    });
    expect(h.state.closedOn).toBeUndefined();
  });
});

describe('Scotland and England count differently (World Cup bank holiday, Mon 15 Jun 2026)', () => {
  it.each([
    ['england-and-wales', '2026-06-19'],
    ['scotland', '2026-06-22'],
  ] as const)(
    '%s: received Fri 12 Jun 2026 → acknowledge by %s',
    (nation, due) => {
      const h = harness({ ...code2024, nation });

      h.do(receiveCommand(at('2026-06-12')), at('2026-06-12'), resident);

      expect(h.clock('stage1.acknowledge')?.dueOn).toBe(due);
    },
  );
});
