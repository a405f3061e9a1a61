import { describe, expect, it } from 'vitest';
import {
  lhp2022,
  liveWest2025,
  livin2020,
  livinLeaflet,
  livv2018,
} from '../../../../domain/index.js';
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
} from '../support/harness.js';

// Each seed policy's whole life, run as written, with its own clocks
// counted by hand. England and Wales working days after Wed 23 Dec 2026
// (25, 28 Dec and 1 Jan are bank holidays): 24 Dec (1), 29 (2), 30 (3),
// 31 (4), 4 Jan (5), 5 (6), 6 (7), 7 (8), 8 (9), 11 Jan (10).

const letters = (h: ReturnType<typeof harness>) =>
  h.intents.flatMap((i) => (i.type === 'send-letter' ? [i.kind] : []));

const respond = (stage: 1 | 2) =>
  ({
    type: 'respond',
    stage,
    decisions: boilerDecisions,
    remedies: [boilerApology],
    summary: 'Our decision',
  }) as const;

describe('LiveWest 2025 (seed 002)', () => {
  it('confirms receipt, acknowledges within 5 WD and responds 10 WD after the acknowledgement', () => {
    const h = harness(liveWest2025);

    // Received Wed 23 Dec 2026: receipt confirmed (§5 "within 24 hours").
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);
    expect(letters(h)).toEqual(['receipt-confirmation']);
    // Acknowledge by the 5th working day: Mon 4 Jan 2027.
    expect(h.clock('stage1.acknowledge')?.dueOn).toBe('2027-01-04');

    // Acknowledged Tue 29 Dec: 30 (1), 31 (2), 4 Jan (3) … 13 Jan (10).
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-12-29'),
    );
    expect(h.clock('stage1.respond')?.dueOn).toBe('2027-01-13');

    // Up to 10 more working days: 14 Jan (1) … 27 Jan (10).
    const past = h.try(
      { type: 'extend', stage: 1, newDueOn: '2027-01-28', reasons: 'Survey' },
      at('2027-01-11'),
    );
    expect(past).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE1.EXTENSION_EXCEEDS_CAP' },
    });

    h.do(respond(1), at('2027-01-12'));
    // "Within 28 days of receiving the stage 1 outcome letter": Tue 9 Feb.
    expect(h.clock('stage1.escalation-window')?.dueOn).toBe('2027-02-09');

    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2027-02-08'),
        channel: 'phone',
      },
      at('2027-02-08'),
      resident,
    );
    expect(h.state.escalation?.late).toBe(false);
    // 9, 10, 11, 12, 15 Feb (5).
    expect(h.clock('stage2.acknowledge')?.dueOn).toBe('2027-02-15');

    h.do({ type: 'assign', stage: 2, handler: manager.id }, at('2027-02-09'));
    h.do(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      at('2027-02-10'),
    );
    // 11 Feb (1) … 24 Feb (10) … 10 Mar (20): no bank holidays before Good Friday.
    expect(h.clock('stage2.respond')?.dueOn).toBe('2027-03-10');

    h.do(respond(2), at('2027-03-09'), manager);
    h.do({ type: 'close', reason: 'Final response sent' }, at('2027-03-10'));

    expect(letters(h)).toEqual([
      'receipt-confirmation',
      'stage1-acknowledgement',
      'stage1-response',
      'stage2-acknowledgement',
      'stage2-response',
      'closure',
    ]);
    expect(h.events.filter((e) => e.type === 'clock-breached')).toEqual([]);
  });
});

describe('LHP 2022 (seed 004)', () => {
  it('times the stage 1 decision 10 WD from the original complaint, not from the acknowledgement', () => {
    const h = harness(lhp2022);

    // Received Wed 23 Dec 2026: both clocks run from receipt (para 16–17).
    h.do(receiveCommand(at('2026-12-23')), at('2026-12-23'), resident);
    expect(h.clock('stage1.acknowledge')?.dueOn).toBe('2027-01-04');
    expect(h.clock('stage1.respond')?.dueOn).toBe('2027-01-11');

    // A late-ish acknowledgement does not move the decision date.
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2027-01-04'),
    );
    expect(h.clock('stage1.respond')?.dueOn).toBe('2027-01-11');

    // "No longer than a further 10 working days": 12 Jan (1) … 25 Jan (10).
    h.do(
      {
        type: 'extend',
        stage: 1,
        newDueOn: '2027-01-25',
        reasons: 'A delay by a third party (para 18)',
      },
      at('2027-01-08'),
    );
    expect(h.clock('stage1.respond')).toMatchObject({
      baseDueOn: '2027-01-11',
      dueOn: '2027-01-25',
    });

    h.do(respond(1), at('2027-01-22'));
    expect(h.state.stage1?.response).toMatchObject({
      onTime: true,
      withinBaseTimescale: false,
    });

    // Stage 2 requested Mon 1 Feb: respond "in 20 working days" of the request (para 21).
    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2027-02-01'),
        channel: 'email',
      },
      at('2027-02-01'),
      resident,
    );
    // 2, 3, 4, 5, 8 Feb (5); 2 Feb (1) … 1 Mar (20).
    expect(h.clock('stage2.acknowledge')?.dueOn).toBe('2027-02-08');
    expect(h.clock('stage2.respond')?.dueOn).toBe('2027-03-01');

    // Its own extension cap at stage 2 is 10 WD (para 21): 2 Mar (1) … 15 Mar (10).
    h.do(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      at('2027-02-03'),
    );
    const past = h.try(
      { type: 'extend', stage: 2, newDueOn: '2027-03-16', reasons: 'x' },
      at('2027-02-26'),
    );
    expect(past).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE2.EXTENSION_EXCEEDS_CAP' },
    });

    // The policy does not say stage 2 is someone else (the lint reports
    // 6.13), but Hearth keeps the stage 1 handler off stage 2 regardless.
    const same = h.try(
      { type: 'assign', stage: 2, handler: officer.id },
      at('2027-02-03'),
    );
    expect(same).toMatchObject({
      ok: false,
      rejection: { code: 'STAGE2.SAME_HANDLER_AS_STAGE1' },
    });
    h.do({ type: 'assign', stage: 2, handler: manager.id }, at('2027-02-03'));
    h.do(respond(2), at('2027-02-26'), manager);
    expect(h.state.status).toBe('stage2-responded');
  });
});

describe('Livv 2018 (seed 000)', () => {
  it('runs first contact, a one-day acknowledgement, Fix in Five, 15 WD, and a stage 2 panel timed from its meeting', () => {
    const h = harness(livv2018);

    // Received Mon 2 Nov 2026 into informal first-contact resolution (§3).
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    expect(h.state.status).toBe('informal');
    expect(h.clocks()).toEqual([]);

    // Logged at stage 1 Tue 3 Nov: contact within one working day, Wed 4 Nov.
    h.do(
      { type: 'log-at-stage-1', reason: 'Not resolved at first contact' },
      at('2026-11-03'),
    );
    expect(h.clock('stage1.acknowledge')?.dueOn).toBe('2026-11-04');

    // Acknowledged Wed 4 Nov. Fix in Five: 5, 6, 9, 10, 11 Nov. Response:
    // 5 (1), 6, 9, 10, 11 (5), 12, 13, 16, 17, 18 (10), 19, 20, 23, 24, 25 Nov (15).
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-04'),
    );
    expect(h.clock('stage1.early-resolution')).toMatchObject({
      dueOn: '2026-11-11',
      breachOn: null,
    });
    expect(h.clock('stage1.respond')?.dueOn).toBe('2026-11-25');

    h.do(respond(1), at('2026-11-24'));
    // 14 calendar days to escalate, and auto-close after 14 days: Tue 8 Dec.
    expect(h.clock('stage1.escalation-window')?.dueOn).toBe('2026-12-08');
    expect(h.clock('stage1.auto-close')?.dueOn).toBe('2026-12-08');

    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2026-11-30'),
        channel: 'letter',
        reasons: 'New information: a second leak',
      },
      at('2026-11-30'),
      resident,
    );
    // Acknowledge within 3 WD: 1, 2, 3 Dec. Meeting within 15 WD of the
    // request: 1 Dec (1) … 21 Dec (15). Outcome 10 WD after the meeting,
    // provisionally from 21 Dec: 22, 23, 24, 29, 30, 31 Dec, 4, 5, 6, 7 Jan.
    expect(h.clock('stage2.acknowledge')?.dueOn).toBe('2026-12-03');
    expect(h.clock('stage2.meeting')?.dueOn).toBe('2026-12-21');
    expect(h.clock('stage2.respond')?.dueOn).toBe('2027-01-07');

    h.do(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      at('2026-12-02'),
    );
    h.do(
      { type: 'record-meeting', stage: 2, heldOn: '2026-12-11' },
      at('2026-12-11'),
    );
    // From the meeting on Fri 11 Dec: 14 (1), 15, 16, 17, 18 (5), 21, 22, 23, 24, 29 Dec (10).
    expect(h.clock('stage2.respond')?.dueOn).toBe('2026-12-29');

    h.do(respond(2), at('2026-12-21'), manager);
    h.do({ type: 'close', reason: 'Panel outcome sent' }, at('2026-12-22'));
    expect(h.state.status).toBe('closed');
  });
});

describe('livin leaflet (seed 003)', () => {
  it('runs an informal 4 WD stage, stage 1 from the escalation out of it, updates every 10 WD and an uncapped extension', () => {
    const h = harness(livinLeaflet);

    // Received Mon 2 Nov 2026: informal target 3, 4, 5, 6 Nov (4).
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    expect(h.clock('informal.resolve')).toMatchObject({
      dueOn: '2026-11-06',
      breachOn: null,
    });

    // Escalated to stage 1 Fri 6 Nov: acknowledge within 2 WD (9, 10 Nov);
    // resolve within 10 WD of the stage 1 request: 9 (1) … 20 Nov (10).
    h.do(
      { type: 'log-at-stage-1', reason: 'Resident not satisfied' },
      at('2026-11-06'),
    );
    expect(h.clock('stage1.acknowledge')?.dueOn).toBe('2026-11-10');
    expect(h.clock('stage1.respond')?.dueOn).toBe('2026-11-20');
    expect(h.clock('stage1.update')?.dueOn).toBe('2026-11-20');

    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-09'),
    );
    // No cap: a four-week extension is the policy as written (the lint reports 6.4).
    h.do(
      {
        type: 'extend',
        stage: 1,
        newDueOn: '2026-12-18',
        reasons: 'Contractor investigation',
      },
      at('2026-11-19'),
    );
    expect(h.clock('stage1.respond')?.dueOn).toBe('2026-12-18');

    h.do(respond(1), at('2026-12-03'));
    // "Within 14 calendar days of the date on your Stage 1 closing letter": Thu 17 Dec.
    expect(h.clock('stage1.escalation-window')?.dueOn).toBe('2026-12-17');

    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2026-12-07'),
        channel: 'phone',
        reasons: 'Procedure not followed',
      },
      at('2026-12-07'),
      resident,
    );
    // The request is reviewed within 10 WD: 8 (1) … 21 Dec (10).
    expect(h.clock('stage2.acknowledge')?.dueOn).toBe('2026-12-21');

    h.do(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      at('2026-12-11'),
    );
    // Findings 10 WD after: 14 (1) … 18 (5), 21, 22, 23, 24, 29 Dec (10).
    expect(h.clock('stage2.respond')?.dueOn).toBe('2026-12-29');

    h.do(respond(2), at('2026-12-22'), manager);
    expect(h.state.status).toBe('stage2-responded');
  });
});

describe('Livin 2020 self-assessment (seed 001)', () => {
  it('acknowledges within 2 WD and responds 10 WD after, with the Code default for stage 2', () => {
    const h = harness(livin2020);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);

    // Informal first (95.2 % resolved there), then stage 1 the same day.
    h.do(
      { type: 'log-at-stage-1', reason: 'Not resolved informally' },
      at('2026-11-02'),
    );
    // 3, 4 Nov (2).
    expect(h.clock('stage1.acknowledge')?.dueOn).toBe('2026-11-04');

    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-03'),
    );
    // 4 (1), 5, 6, 9, 10 (5), 11, 12, 13, 16, 17 Nov (10).
    expect(h.clock('stage1.respond')?.dueOn).toBe('2026-11-17');

    h.do(respond(1), at('2026-11-17'));
    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2026-11-20'),
        channel: 'web',
      },
      at('2026-11-20'),
      resident,
    );
    h.do({ type: 'assign', stage: 2, handler: manager.id }, at('2026-11-23'));
    h.do(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      at('2026-11-23'),
    );
    // 24 Nov (1) … 21 Dec (20): 24–27 (4), 30 Nov–4 Dec (9), 7–11 (14), 14–18 (19), 21 (20).
    expect(h.clock('stage2.respond')?.dueOn).toBe('2026-12-21');
  });
});
