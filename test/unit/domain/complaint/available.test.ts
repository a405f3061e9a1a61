import { describe, expect, it } from 'vitest';
import {
  type AvailableCommandType,
  availableCommands,
  type Command,
  type ComplaintState,
  code2024,
  compareDates,
  type IsoDate,
  lhp2022,
  livin2020,
  londonDate,
  type Policy,
  responseDue,
  type Stage,
  type WorkingCalendar,
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
  system,
} from '../support/harness.js';

interface Situation {
  readonly state: ComplaintState;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  readonly today: IsoDate;
  readonly now: string;
  readonly stage: Stage;
}

const later = (today: IsoDate, calendar: WorkingCalendar) =>
  calendar.addWorkingDays(today, 30);

/**
 * For every staff command, one whose input is valid for the situation, so
 * that only the complaint's state (and the policy) can refuse it. Typed as
 * a Record so a new command fails to compile until it is listed here.
 */
const validCommand: Record<AvailableCommandType, (s: Situation) => Command> = {
  classify: ({ state }) => ({
    type: 'classify',
    classification:
      state.classification === 'complaint' ? 'service-request' : 'complaint',
    reason: 'On reflection',
  }),
  'raise-complaint': () => ({
    type: 'raise-complaint',
    complaintId: 'HTH-2026-000099',
  }),
  'log-at-stage-1': () => ({ type: 'log-at-stage-1', reason: 'Not resolved' }),
  'resolve-informally': () => ({
    type: 'resolve-informally',
    resolution: 'Fixed on the day',
  }),
  decline: ({ policy }) => {
    const exclusion =
      policy.exclusions.find((e) => e.ground !== 'outside-time-limit') ??
      policy.exclusions[0];
    return {
      type: 'decline',
      exclusionCode: exclusion?.code ?? 'none',
      reasons: 'Outside what the policy covers',
      discretion: 'Considered; no reason to accept it late',
    };
  },
  'request-clarification': ({ stage }) => ({
    type: 'request-clarification',
    stage,
    questions: 'Which window?',
  }),
  acknowledge: ({ stage }) => ({
    type: 'acknowledge',
    stage,
    definition: boilerDefinition,
  }),
  extend: ({ state, stage, policy, calendar, today }) => {
    const due = responseDue(state, stage, policy, calendar);
    return {
      type: 'extend',
      stage,
      newDueOn: calendar.addWorkingDays(due?.dueOn ?? today, 1),
      reasons: 'Waiting for a contractor report',
      goodReason: 'The contractor is abroad',
    };
  },
  'add-issue': ({ state }) => ({
    type: 'add-issue',
    issue: { id: 'i-new', summary: 'The stair lights', inScope: true },
    ...(state.status.endsWith('-received') ? { asNewComplaint: true } : {}),
  }),
  respond: ({ stage, state }) => ({
    type: 'respond',
    stage,
    decisions: (
      (stage === 1 ? state.stage1 : state.stage2)?.definition?.issues ??
      boilerDefinition.issues
    ).map((issue) => ({
      issueId: issue.id,
      decision: 'upheld',
      reasons: 'As the record shows',
    })),
    remedies: [boilerApology],
    summary: 'Our answer',
  }),
  'request-escalation': ({ now }) => ({
    type: 'request-escalation',
    receivedAt: now,
    channel: 'phone',
  }),
  'refuse-escalation': ({ policy }) => ({
    type: 'refuse-escalation',
    groundCode: policy.escalation.refusalGrounds[0]?.code ?? 'none',
    reasons: 'Already answered in full',
  }),
  assign: ({ stage }) => ({ type: 'assign', stage, handler: 'third-person' }),
  'record-meeting': ({ stage, today }) => ({
    type: 'record-meeting',
    stage,
    heldOn: today,
  }),
  'record-remedy': () => ({
    type: 'record-remedy',
    remedy: { kind: 'apology', description: 'We are sorry' },
  }),
  'complete-remedy': ({ state }) => ({
    type: 'complete-remedy',
    remedyId: state.remedies.find((r) => !r.completedOn)?.id ?? 'none',
  }),
  'add-action': () => ({
    type: 'add-action',
    action: { description: 'Replace the boiler' },
  }),
  'complete-action': ({ state }) => ({
    type: 'complete-action',
    actionId: state.actions.find((a) => !a.completedOn)?.id ?? 'none',
  }),
  withdraw: () => ({ type: 'withdraw', reason: 'The resident asked' }),
  close: () => ({ type: 'close', reason: 'Answered' }),
  reopen: () => ({ type: 'reopen', reason: 'Closed in error' }),
  'record-evidence-request': ({ today }) => ({
    type: 'record-evidence-request',
    receivedOn: today,
    description: 'The case file',
  }),
  'provide-evidence': ({ state }) => ({
    type: 'provide-evidence',
    requestId: state.evidenceRequests.find((r) => !r.providedOn)?.id ?? 'none',
  }),
  'restrict-contact': ({ today, calendar }) => ({
    type: 'restrict-contact',
    kind: 'single-point-of-contact',
    reasons: 'Many calls a day to different staff',
    equalityActConsideration: 'No disability is known or disclosed',
    approvedBy: 'manager-ben',
    reviewOn: later(today, calendar),
  }),
  'review-restriction': ({ state, today, calendar }) => ({
    type: 'review-restriction',
    restrictionId: state.restrictions.find((r) => !r.liftedOn)?.id ?? 'none',
    outcome: 'continue',
    nextReviewOn: later(today, calendar),
    notes: 'Still needed',
  }),
  'record-correspondence': ({ now }) => ({
    type: 'record-correspondence',
    direction: 'in',
    channel: 'phone',
    at: now,
    summary: 'The resident called for an update',
  }),
  'mark-letter-posted': ({ state }) => ({
    type: 'mark-letter-posted',
    letterId:
      state.letters.find((l) => l.status === 'queued-for-post')?.id ?? 'none',
  }),
};

const commandTypes = Object.keys(validCommand) as AvailableCommandType[];

/**
 * Every command against the harness's complaint as it stands: a listed
 * one (at the stage it is listed for) is decided without refusal, and an
 * unlisted one is refused at either stage.
 */
function expectListMatchesDecide(
  h: ReturnType<typeof harness>,
  policy: Policy,
  now: string,
) {
  const today = londonDate(now);
  const listed = availableCommands(h.state, policy, h.calendar, today);
  const outcomes = commandTypes.flatMap((type) =>
    ([1, 2] as const).map((stage) => {
      const result = h.try(
        validCommand[type]({
          state: h.state,
          policy,
          calendar: h.calendar,
          today,
          now,
          stage,
        }),
        now,
        manager,
      );
      const offered = listed.some(
        (c) => c.type === type && (c.stage === undefined || c.stage === stage),
      );
      return {
        type,
        stage,
        offered,
        refused: result.ok ? undefined : result.rejection.code,
      };
    }),
  );
  const drifted = outcomes.filter(
    (o) => o.offered === (o.refused !== undefined),
  );
  expect(drifted).toEqual([]);
  return listed.map((c) => c.type);
}

describe('availableCommands: what decide allows, state by state', () => {
  it('follows a complaint through both stages to closure and reopening (code-2024)', () => {
    const h = harness(code2024);
    // Officer Ana handles stage 1; the tries act as Manager Ben, who may
    // answer stage 2 (Code 6.13).
    const step = (
      command: Command,
      date: string,
      actor: typeof officer | typeof manager = officer,
    ) => {
      h.do(command, at(date), actor);
      return expectListMatchesDecide(h, code2024, at(date, '11:00'));
    };

    // Received Mon 2 Nov 2026.
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    const received = expectListMatchesDecide(h, code2024, at('2026-11-02'));
    expect(received).toContain('acknowledge');
    expect(received).not.toContain('respond');
    expect(received).not.toContain('extend');

    const acknowledged = step(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      '2026-11-03',
    );
    expect(acknowledged).toEqual(
      expect.arrayContaining(['extend', 'respond', 'record-meeting']),
    );
    expect(acknowledged).not.toContain('acknowledge');

    step({ type: 'assign', stage: 1, handler: 'officer-ana' }, '2026-11-03');
    // Due Tue 17 Nov (10 working days from 3 Nov); moved to Tue 24 Nov.
    step(
      {
        type: 'extend',
        stage: 1,
        newDueOn: '2026-11-24',
        reasons: 'Waiting for the surveyor',
      },
      '2026-11-05',
    );
    const responded = step(
      {
        type: 'respond',
        stage: 1,
        decisions: boilerDecisions,
        summary: 'Upheld in part',
        remedies: [
          {
            kind: 'financial',
            description: 'For the delay',
            amountPence: 5000,
            dueOn: '2026-11-24',
          },
        ],
        actions: [{ description: 'Replace the boiler', dueOn: '2026-12-01' }],
      },
      '2026-11-10',
    );
    expect(responded).toEqual(
      expect.arrayContaining([
        'request-escalation',
        'close',
        'complete-remedy',
        'complete-action',
      ]),
    );

    const escalated = step(
      {
        type: 'request-escalation',
        receivedAt: at('2026-11-12'),
        channel: 'email',
      },
      '2026-11-12',
    );
    expect(escalated).toContain('refuse-escalation');
    step(
      { type: 'acknowledge', stage: 2, definition: boilerDefinition },
      '2026-11-13',
    );
    step(
      { type: 'complete-remedy', remedyId: h.state.remedies[0]?.id ?? '' },
      '2026-11-16',
    );
    step(
      {
        type: 'respond',
        stage: 2,
        decisions: boilerDecisions,
        remedies: [boilerApology],
        summary: 'Stage 2 answer',
      },
      '2026-11-20',
      manager,
    );
    const closed = step({ type: 'close', reason: 'Answered' }, '2026-11-23');
    expect(closed).toContain('reopen');
    expect(closed).not.toContain('withdraw');
    step({ type: 'reopen', reason: 'Closed in error' }, '2026-11-24');
  });

  it('lists nothing that needs a stage for a service request, and classifying it back', () => {
    const h = harness(code2024);
    h.do(
      receiveCommand(at('2026-11-02'), { classification: 'service-request' }),
      at('2026-11-02'),
      resident,
    );

    const listed = expectListMatchesDecide(h, code2024, at('2026-11-02'));

    expect(listed).toEqual(
      expect.arrayContaining(['classify', 'raise-complaint', 'close']),
    );
    expect(listed).not.toContain('add-issue');
    expect(listed).not.toContain('record-remedy');
  });

  it('offers the informal stage’s own steps under a policy that has one (livin-2020)', () => {
    const h = harness(livin2020);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);

    const informal = expectListMatchesDecide(h, livin2020, at('2026-11-02'));
    h.do({ type: 'log-at-stage-1', reason: 'Not settled' }, at('2026-11-03'));
    const stage1 = expectListMatchesDecide(h, livin2020, at('2026-11-03'));

    expect(informal).toEqual(
      expect.arrayContaining(['log-at-stage-1', 'resolve-informally']),
    );
    expect(stage1).not.toContain('log-at-stage-1');
  });

  it('stops offering an extension once the response date has passed', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-03'),
    );

    // Due Tue 17 Nov: still extendable that day, not on Wed 18 Nov.
    const onTheDay = expectListMatchesDecide(h, code2024, at('2026-11-17'));
    const dayAfter = expectListMatchesDecide(h, code2024, at('2026-11-18'));

    expect(onTheDay).toContain('extend');
    expect(dayAfter).not.toContain('extend');
  });

  it('stops offering an extension at the cap when the policy allows no good reason past it (lhp-2022)', () => {
    const h = harness(lhp2022);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-03'),
    );
    const due = responseDue(h.state, 1, lhp2022, h.calendar);
    if (due === undefined) throw new Error('no response clock');
    const cap = h.calendar.addWorkingDays(due.baseDueOn, 10);

    h.do(
      { type: 'extend', stage: 1, newDueOn: cap, reasons: 'Surveyor' },
      at('2026-11-05'),
    );
    const listed = expectListMatchesDecide(h, lhp2022, at('2026-11-06'));

    expect(compareDates(cap, due.baseDueOn)).toBeGreaterThan(0);
    expect(listed).not.toContain('extend');
    expect(listed).toContain('respond');
  });

  it('offers an out-of-time decline only for a complaint out of time', () => {
    const timeLimitOnly: Policy = {
      ...code2024,
      exclusions: code2024.exclusions.filter(
        (e) => e.ground === 'outside-time-limit',
      ),
    };
    const inTime = harness(timeLimitOnly);
    inTime.do(
      receiveCommand(at('2026-11-02'), { issueDate: '2026-10-01' }),
      at('2026-11-02'),
      resident,
    );
    const late = harness(timeLimitOnly);
    late.do(
      receiveCommand(at('2026-11-02'), { issueDate: '2024-06-01' }),
      at('2026-11-02'),
      resident,
    );

    const listedInTime = expectListMatchesDecide(
      inTime,
      timeLimitOnly,
      at('2026-11-02'),
    );
    const listedLate = expectListMatchesDecide(
      late,
      timeLimitOnly,
      at('2026-11-02'),
    );

    expect(listedInTime).not.toContain('decline');
    expect(listedLate).toContain('decline');
  });

  it('offers no escalation refusal under a policy with no grounds, and none after a refusal', () => {
    const noGrounds: Policy = {
      ...code2024,
      escalation: { ...code2024.escalation, refusalGrounds: [] },
    };
    for (const policy of [noGrounds, code2024]) {
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
          decisions: boilerDecisions,
          remedies: [boilerApology],
          summary: 'Answer',
        },
        at('2026-11-10'),
      );
      h.do(
        {
          type: 'request-escalation',
          receivedAt: at('2026-11-12'),
          channel: 'phone',
        },
        at('2026-11-12'),
      );
      const listed = expectListMatchesDecide(h, policy, at('2026-11-12'));
      expect(listed.includes('refuse-escalation')).toBe(policy === code2024);
    }
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-03'),
    );
    h.do(
      {
        type: 'respond',
        stage: 1,
        decisions: boilerDecisions,
        remedies: [boilerApology],
        summary: 'A',
      },
      at('2026-11-10'),
    );
    h.do(
      {
        type: 'request-escalation',
        receivedAt: at('2026-11-12'),
        channel: 'phone',
      },
      at('2026-11-12'),
    );
    h.do(
      {
        type: 'refuse-escalation',
        groundCode: 'previously-considered',
        reasons: 'Answered in full',
      },
      at('2026-11-13'),
    );
    expect(expectListMatchesDecide(h, code2024, at('2026-11-13'))).toEqual(
      expect.arrayContaining(['close', 'reopen']),
    );
  });

  it('offers the follow-through of open requests, restrictions and letters, and withdrawal and decline ends', () => {
    const h = harness(code2024);
    h.do(
      receiveCommand(at('2026-11-02'), {
        resident: {
          name: 'Pat Post',
          address: ['1 Mill Lane', 'Anytown', 'AN1 1AA'],
          preferredContact: 'post',
          formats: [],
        },
      }),
      at('2026-11-02'),
      resident,
    );
    h.do(
      { type: 'acknowledge', stage: 1, definition: boilerDefinition },
      at('2026-11-03'),
    );
    h.do(
      {
        type: 'record-letter',
        letterId: 'c-1/stage1-acknowledgement/2',
        kind: 'stage1-acknowledgement',
        outcome: 'queued-for-post',
        pdfKey: 'letters/x/c-1/stage1-acknowledgement-2.pdf',
      },
      at('2026-11-03'),
      system,
    );
    h.do(
      {
        type: 'record-evidence-request',
        receivedOn: '2026-11-04',
        description: 'The file',
      },
      at('2026-11-04'),
    );
    h.do(
      {
        type: 'restrict-contact',
        kind: 'set-contact-times',
        reasons: 'Calls at night',
        equalityActConsideration: 'None known',
        approvedBy: 'manager-ben',
        reviewOn: '2026-12-04',
      },
      at('2026-11-04'),
    );
    const open = expectListMatchesDecide(h, code2024, at('2026-11-05'));

    h.do(
      {
        type: 'mark-letter-posted',
        letterId: 'c-1/stage1-acknowledgement/2',
      },
      at('2026-11-05'),
    );
    h.do(
      {
        type: 'provide-evidence',
        requestId: h.state.evidenceRequests[0]?.id ?? '',
      },
      at('2026-11-05'),
    );
    h.do(
      {
        type: 'review-restriction',
        restrictionId: h.state.restrictions[0]?.id ?? '',
        outcome: 'lift',
        notes: 'No longer needed',
      },
      at('2026-11-05'),
    );
    const done = expectListMatchesDecide(h, code2024, at('2026-11-05'));
    h.do({ type: 'withdraw', reason: 'The resident asked' }, at('2026-11-06'));
    const withdrawn = expectListMatchesDecide(h, code2024, at('2026-11-06'));

    const declined = harness(code2024);
    declined.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
    declined.do(
      {
        type: 'decline',
        exclusionCode: 'legal-proceedings',
        reasons: 'In court',
      },
      at('2026-11-03'),
    );
    const afterDecline = expectListMatchesDecide(
      declined,
      code2024,
      at('2026-11-03'),
    );

    expect(open).toEqual(
      expect.arrayContaining([
        'mark-letter-posted',
        'provide-evidence',
        'review-restriction',
      ]),
    );
    for (const type of [
      'mark-letter-posted',
      'provide-evidence',
      'review-restriction',
    ] as const) {
      expect(done).not.toContain(type);
    }
    expect(withdrawn).toContain('reopen');
    expect(afterDecline).toContain('reopen');
    expect(afterDecline).not.toContain('close');
  });
});
