import { describe, expect, it } from 'vitest';
import type {
  ComplaintState,
  StageRecord,
} from '../../../../domain/complaint/model.js';
import { InvalidInputError } from '../../../../domain/errors.js';
import {
  checkLetter,
  composeLetter,
  housingOmbudsman,
  type LetterKind,
  letterKinds,
  type OmbudsmanContact,
  publicServicesOmbudsmanWales,
  scottishPublicServicesOmbudsman,
} from '../../../../domain/letters/index.js';
import { code2024 } from '../../../../domain/policy/presets/code-2024.js';
import {
  aContext,
  anAcknowledgedComplaint,
  anAction,
  anExtendedComplaint,
  aPolicy,
  aReceivedComplaint,
  aRemedy,
  aRepresentative,
  aResident,
  aStage1RespondedComplaint,
  aStage2AcknowledgedComplaint,
  aStage2ExtendedComplaint,
  aStage2RespondedComplaint,
  dates,
  landlord,
} from './support/builders.js';

describe('composeLetter: stage 1 acknowledgement', () => {
  it('gives the response date 10 working days after the acknowledgement, over Christmas', () => {
    // Prepare: acknowledged Mon 21 Dec 2026 under code-2024, England & Wales.
    const state = anAcknowledgedComplaint();

    // Act
    const letter = composeLetter(
      'stage1-acknowledgement',
      state,
      aContext({ today: '2026-12-21' }),
    );

    // Assess: Tue 22 (1), Wed 23 (2), Thu 24 (3), [Fri 25 Christmas, weekend,
    // Mon 28 Boxing Day substitute], Tue 29 (4), Wed 30 (5), Thu 31 (6),
    // [Fri 1 Jan New Year, weekend], Mon 4 (7), Tue 5 (8), Wed 6 (9),
    // Thu 7 Jan 2027 (10).
    expect(letter.elements.responseDueOn).toBe('2027-01-07');
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('counts from the acknowledgement date, not the receipt or day 5', () => {
    // A complaint received Thu 17 Dec and acknowledged late on Thu 24 Dec:
    // Tue 29 (1), Wed 30 (2), Thu 31 (3), Mon 4 (4) … Fri 8 (8), Mon 11 (9),
    // Tue 12 Jan 2027 (10).
    const state = anAcknowledgedComplaint({
      stage1: {
        receivedOn: dates.received,
        acknowledgedOn: '2026-12-24',
        definition: anAcknowledgedComplaint().stage1?.definition ?? {
          issues: [],
          outcomesSought: [],
        },
        extensions: [],
      },
    });
    const letter = composeLetter(
      'stage1-acknowledgement',
      state,
      aContext({ today: '2026-12-24' }),
    );
    expect(letter.elements.responseDueOn).toBe('2027-01-12');
  });

  it('counts from the original complaint when the policy says so (stricter than the Code)', () => {
    // Received Thu 17 Dec 2026: Fri 18 (1), Mon 21 (2), Tue 22 (3),
    // Wed 23 (4), Thu 24 (5), Tue 29 (6), Wed 30 (7), Thu 31 (8),
    // Mon 4 Jan (9), Tue 5 Jan 2027 (10).
    const policy = aPolicy((p) => ({
      stage1: {
        ...p.stage1,
        respond: { ...p.stage1.respond, from: 'original-complaint' },
      },
    }));
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint(),
      aContext({ policy }),
    );
    expect(letter.elements.responseDueOn).toBe('2027-01-05');
  });

  it('counts from the receipt when the policy says so', () => {
    const policy = aPolicy((p) => ({
      stage1: {
        ...p.stage1,
        respond: { ...p.stage1.respond, from: 'receipt' },
      },
    }));
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint(),
      aContext({ policy }),
    );
    expect(letter.elements.responseDueOn).toBe('2027-01-05');
  });

  it('gives the extended date once the stage is extended', () => {
    const letter = composeLetter(
      'stage1-acknowledgement',
      anExtendedComplaint(),
      aContext(),
    );
    expect(letter.elements.responseDueOn).toBe(dates.stage1ExtendedTo);
  });

  it('sets out the definition: each issue, whose it is, signposts and outcomes (5.6, 5.7)', () => {
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint(),
      aContext(),
    );
    expect(letter.stage).toBe(1);
    expect(letter.elements.stage).toEqual({ stage: 1, name: 'Stage 1' });
    expect(letter.elements.definition?.issues).toEqual([
      expect.objectContaining({ id: 'i1', responsibility: 'ours' }),
      expect.objectContaining({ id: 'i2', responsibility: 'ours' }),
      {
        id: 'i3',
        summary:
          'Your energy supplier overcharged you while the boiler was off',
        responsibility: 'not-ours',
        signpost:
          'Please contact your energy supplier, or the Energy Ombudsman',
      },
    ]);
    expect(letter.elements.definition?.outcomesSought).toHaveLength(2);
    expect(letter.subject).toBe('Your complaint: we have logged it at Stage 1');
  });

  it('carries the identity, date, sender and closing lines', () => {
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint(),
      aContext({ letterId: 'C-1/stage1-acknowledgement/2' }),
    );
    expect(letter).toMatchObject({
      id: 'C-1/stage1-acknowledgement/2',
      kind: 'stage1-acknowledgement',
      complaintId: 'C-1',
      reference: 'RH-2026-0042',
      date: '2026-12-21',
      salutation: 'Dear Ms Aisha Khan',
      from: {
        organisation: 'Riverside Homes',
        phone: landlord.phone,
        email: landlord.email,
        website: landlord.website,
      },
    });
    expect(letter.closingLines[0]).toContain('Please quote RH-2026-0042.');
  });

  it('leaves the website out when the landlord has none', () => {
    const { website: _unused, ...noWebsite } = landlord;
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint(),
      aContext({ landlord: noWebsite }),
    );
    expect(letter.from).not.toHaveProperty('website');
  });

  it('never says "stage 0" or "informal"', () => {
    for (const kind of letterKinds) {
      const letter = composeLetter(
        kind,
        aStage2RespondedComplaint(),
        aContext(),
      );
      expect(JSON.stringify(letter)).not.toMatch(/stage 0|informal/i);
    }
  });
});

describe('composeLetter: stage 2 acknowledgement', () => {
  it('gives the response date 20 working days after the acknowledgement', () => {
    // Acknowledged Wed 3 Feb 2027: Feb 4–5 (2), 8–12 (7), 15–19 (12),
    // 22–26 (17), Mon 1 (18), Tue 2 (19), Wed 3 Mar 2027 (20).
    const letter = composeLetter(
      'stage2-acknowledgement',
      aStage2AcknowledgedComplaint(),
      aContext({ today: dates.stage2Acknowledged }),
    );
    expect(letter.elements.responseDueOn).toBe('2027-03-03');
    expect(letter.stage).toBe(2);
    expect(letter.elements.stage).toEqual({ stage: 2, name: 'Stage 2' });
    expect(letter.elements.definition?.issues).toHaveLength(4);
    expect(letter.elements.opening?.[0]).toContain('Monday 1 February 2027');
    expect(letter.elements.nextSteps?.[0]).toContain(
      'did not deal with your complaint at Stage 1',
    );
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('counts from the escalation request when the policy says so', () => {
    // Received Mon 1 Feb 2027: Feb 2–5 (4), 8–12 (9), 15–19 (14),
    // 22–26 (19), Mon 1 Mar 2027 (20).
    const policy = aPolicy((p) => ({
      stage2: {
        ...p.stage2,
        respond: { ...p.stage2.respond, from: 'receipt' },
      },
    }));
    const letter = composeLetter(
      'stage2-acknowledgement',
      aStage2AcknowledgedComplaint(),
      aContext({ policy }),
    );
    expect(letter.elements.responseDueOn).toBe('2027-03-01');
  });

  it('times the response from a review meeting once one is set', () => {
    const policy = aPolicy((p) => ({
      stage2: {
        ...p.stage2,
        respond: {
          workingDays: 10,
          from: 'meeting',
          cite: p.stage2.respond.cite,
        },
      },
    }));
    const state = aStage2AcknowledgedComplaint();
    const before = composeLetter(
      'stage2-acknowledgement',
      state,
      aContext({ policy }),
    );
    expect(before.elements).not.toHaveProperty('responseDueOn');
    expect(checkLetter(before)).toMatchObject({
      ok: false,
      missing: [{ element: 'responseDueOn', clause: '6.14' }],
    });

    const withMeeting: ComplaintState = {
      ...state,
      stage2: { ...(state.stage2 as StageRecord), meetingOn: '2027-02-10' },
    };
    // Wed 10 Feb 2027 + 10 working days: Feb 11–12 (2), 15–19 (7), 22–24 (10).
    const after = composeLetter(
      'stage2-acknowledgement',
      withMeeting,
      aContext({ policy }),
    );
    expect(after.elements.responseDueOn).toBe('2027-02-24');
  });
});

describe('composeLetter: extensions', () => {
  it('gives the reasons, the old date and the new date at stage 1 (6.4, 6.5)', () => {
    const letter = composeLetter(
      'stage1-extension',
      anExtendedComplaint(),
      aContext({ today: dates.stage1ExtendedOn }),
    );
    expect(letter.elements).toMatchObject({
      stage: { stage: 1, name: 'Stage 1' },
      reasons: [
        'We need a report from the boiler manufacturer before we can decide',
      ],
      previousDueOn: '2027-01-07',
      // Thu 7 Jan + 10 working days: Fri 8 (1), Mon 11–Fri 15 (6),
      // Mon 18–Thu 21 Jan 2027 (10).
      newDueOn: '2027-01-21',
      ombudsman: { contact: housingOmbudsman },
    });
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('gives the new date over Easter at stage 2 (6.15–6.16)', () => {
    const letter = composeLetter(
      'stage2-extension',
      aStage2ExtendedComplaint(),
      aContext({ today: dates.stage2ExtendedOn }),
    );
    // Wed 3 Mar + 20 working days: Mar 4–5 (2), 8–12 (7), 15–19 (12),
    // 22–25 (16), [Good Friday 26, Easter Monday 29], Tue 30 (17),
    // Wed 31 (18), Thu 1 Apr (19), Fri 2 Apr 2027 (20).
    expect(letter.elements.newDueOn).toBe('2027-04-02');
    expect(letter.elements.previousDueOn).toBe('2027-03-03');
    expect(letter.stage).toBe(2);
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('leaves reasons and dates out when there is no extension, so the check blocks it', () => {
    const letter = composeLetter(
      'stage1-extension',
      anAcknowledgedComplaint(),
      aContext(),
    );
    expect(checkLetter(letter)).toMatchObject({
      ok: false,
      missing: [
        { element: 'reasons', clause: '6.4' },
        { element: 'newDueOn', clause: '6.4' },
      ],
    });
  });
});

describe('composeLetter: stage 1 response', () => {
  const letter = composeLetter(
    'stage1-response',
    aStage1RespondedComplaint(),
    aContext({ today: dates.stage1RespondedOn }),
  );

  it('passes the check', () => {
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('gives a decision with reasons on every issue, with its summary', () => {
    expect(letter.elements.decisions).toEqual([
      expect.objectContaining({
        issueId: 'i1',
        issue:
          'The boiler broke on 1 December and was not repaired for 16 days',
        decision: 'upheld',
      }),
      expect.objectContaining({ issueId: 'i2', decision: 'partly-upheld' }),
      expect.objectContaining({ issueId: 'i3', decision: 'not-upheld' }),
    ]);
    expect(letter.elements.opening).toContain(
      'We found that we took too long to repair your boiler.',
    );
  });

  it('lists remedies with what, how much and by when (7.3)', () => {
    expect(letter.elements.remedies).toEqual({
      kind: 'offered',
      items: [
        {
          kind: 'apology',
          what: 'We apologise for the time you were left without heating',
          doneOn: dates.stage1RespondedOn,
        },
        {
          kind: 'financial',
          what: 'Compensation for 16 days without heating and hot water',
          amount: '£250.00',
          by: '2027-02-03',
        },
      ],
    });
  });

  it('lists only actions not yet done (6.6)', () => {
    expect(letter.elements.outstandingActions).toEqual({
      kind: 'listed',
      items: [
        { what: 'Replace the boiler with a new one', dueOn: '2027-02-12' },
      ],
    });
  });

  it('says how to ask for stage 2, that no reasons are needed, and that there is no deadline', () => {
    expect(letter.elements.escalation).toEqual({
      route: 'stage2',
      stageName: 'Stage 2',
      how: expect.stringContaining('call us on 0113 496 0000'),
      noReasonsNeeded: expect.stringContaining(
        'You do not have to tell us why',
      ),
      deadline: {
        kind: 'none',
        statement:
          'There is no deadline for asking us to take your complaint to Stage 2.',
      },
    });
  });

  it('gives the last day to escalate under a working-day window', () => {
    // Responded Wed 20 Jan 2027 + 20 working days: Jan 21–22 (2),
    // 25–29 (7), Feb 1–5 (12), 8–12 (17), Mon 15 (18), Tue 16 (19),
    // Wed 17 Feb 2027 (20).
    const policy = aPolicy((p) => ({
      escalation: {
        ...p.escalation,
        window: { days: 20, unit: 'working-days', cite: p.escalation.cite },
      },
    }));
    const windowed = composeLetter(
      'stage1-response',
      aStage1RespondedComplaint(),
      aContext({ policy, today: dates.stage1RespondedOn }),
    );
    expect(windowed.elements.escalation).toMatchObject({
      deadline: {
        kind: 'date',
        lastDate: '2027-02-17',
        days: 20,
        unit: 'working-days',
      },
    });
    expect(checkLetter(windowed)).toEqual({ ok: true });
  });

  it('gives the last day to escalate under a calendar-day window', () => {
    // Wed 20 Jan 2027 + 30 days: 11 to Sun 31 Jan, 19 more to Fri 19 Feb.
    const policy = aPolicy((p) => ({
      escalation: {
        ...p.escalation,
        window: { days: 30, unit: 'calendar-days', cite: p.escalation.cite },
      },
    }));
    const windowed = composeLetter(
      'stage1-response',
      aStage1RespondedComplaint(),
      aContext({ policy, today: dates.stage1RespondedOn }),
    );
    expect(windowed.elements.escalation).toMatchObject({
      deadline: { kind: 'date', lastDate: '2027-02-19' },
    });
  });

  it('says there are no outstanding actions and no remedy when there are none', () => {
    const state = aStage1RespondedComplaint({ remedies: [], actions: [] });
    const bare = composeLetter(
      'stage1-response',
      {
        ...state,
        stage1: {
          ...(state.stage1 ?? { receivedOn: dates.received, extensions: [] }),
          response: {
            on: dates.stage1RespondedOn,
            by: 'staff-jo',
            summary: '',
            decisions: ['i1', 'i2', 'i3'].map((issueId) => ({
              issueId,
              decision: 'not-upheld' as const,
              reasons: 'We did what our policy says',
            })),
            onTime: true,
            withinBaseTimescale: true,
          },
        },
      },
      aContext(),
    );
    expect(bare.elements.remedies).toEqual({
      kind: 'none',
      statement:
        'We did not find that we got things wrong, so we are not offering a remedy.',
    });
    expect(bare.elements.outstandingActions).toEqual({
      kind: 'none',
      statement: 'We have no other actions to complete on your complaint.',
    });
    expect(bare.elements.opening).toHaveLength(2);
    expect(checkLetter(bare)).toEqual({ ok: true });
  });

  it('is blocked when something was upheld but nothing puts it right (7.1)', () => {
    const state = aStage1RespondedComplaint({ remedies: [] });
    const composed = composeLetter('stage1-response', state, aContext());
    expect(composed.elements.remedies).toEqual({
      kind: 'none',
      statement: 'We are not offering a remedy.',
    });
    expect(checkLetter(composed)).toMatchObject({
      ok: false,
      missing: [{ element: 'remedies', clause: '7.1' }],
    });
  });

  it('is blocked when a remedy or action has no date (7.3, 6.6)', () => {
    const state = aStage1RespondedComplaint({
      remedies: [
        aRemedy({
          id: 'r9',
          kind: 'financial',
          description: 'Compensation',
          amountPence: 10000,
        }),
      ],
      actions: [anAction({ id: 'a9', description: 'Fit a new boiler' })],
    });
    const composed = composeLetter('stage1-response', state, aContext());
    expect(checkLetter(composed)).toMatchObject({
      ok: false,
      missing: [
        { element: 'remedies', clause: '7.3' },
        { element: 'outstandingActions', clause: '6.6 (C)' },
      ],
    });
  });

  it('leaves decisions out when there is no response yet, so the check blocks it', () => {
    const composed = composeLetter(
      'stage1-response',
      anAcknowledgedComplaint(),
      aContext(),
    );
    expect(composed.elements).not.toHaveProperty('decisions');
    expect(checkLetter(composed)).toMatchObject({
      ok: false,
      missing: [{ element: 'decisions', clause: '6.7, 6.9 (C)' }],
    });
  });

  it('names an issue by its id when the definition does not list it', () => {
    const state = aStage1RespondedComplaint();
    const stage1 = state.stage1 ?? { receivedOn: '', extensions: [] };
    const composed = composeLetter(
      'stage1-response',
      {
        ...state,
        stage1: { ...stage1, definition: { issues: [], outcomesSought: [] } },
      },
      aContext(),
    );
    expect(composed.elements.decisions?.[0]?.issue).toBe('i1');
  });
});

describe('composeLetter: stage 2 response', () => {
  const letter = composeLetter(
    'stage2-response',
    aStage2RespondedComplaint(),
    aContext({ today: dates.stage2RespondedOn }),
  );

  it('passes the check', () => {
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('answers the stage 2 definition and says it is final, with the way to the Ombudsman', () => {
    expect(letter.elements.stage).toEqual({ stage: 2, name: 'Stage 2' });
    expect(letter.elements.decisions?.map((d) => d.issueId)).toEqual([
      'i1',
      'i2',
      'i3',
      'i4',
    ]);
    expect(letter.elements.escalation).toEqual({
      route: 'ombudsman',
      finalResponse:
        'This is our final response. Our complaints process has now finished.',
      how: 'If you are still unhappy, you can ask the Housing Ombudsman to look at your complaint. Their contact details are below.',
    });
    expect(letter.elements.ombudsman?.contact).toBe(housingOmbudsman);
  });

  it('lists stage 2 remedies and earlier actions still open, not remedies already done', () => {
    expect(letter.elements.remedies).toEqual({
      kind: 'offered',
      items: [
        {
          kind: 'financial',
          what: 'Further compensation for the missed appointments',
          amount: '£350.00',
          by: '2027-04-15',
        },
      ],
    });
    expect(letter.elements.outstandingActions).toEqual({
      kind: 'listed',
      items: [
        { what: 'Replace the boiler with a new one', dueOn: '2027-02-12' },
      ],
    });
  });

  it('keeps an unfinished stage 1 remedy on the stage 2 letter', () => {
    const state = aStage2RespondedComplaint();
    const composed = composeLetter(
      'stage2-response',
      {
        ...state,
        remedies: [...stage1RemediesOpen(), ...state.remedies.slice(2)],
      },
      aContext(),
    );
    expect(composed.elements.remedies).toMatchObject({
      kind: 'offered',
      items: [{ kind: 'financial', amount: '£250.00' }, { amount: '£350.00' }],
    });
  });

  it("states the policy's waiting time before the Ombudsman, where it has one", () => {
    const policy = aPolicy((p) => ({
      ombudsman: { ...p.ombudsman, waitWeeks: 8 },
    }));
    const composed = composeLetter(
      'stage2-response',
      aStage2RespondedComplaint(),
      aContext({ policy }),
    );
    expect(composed.elements.escalation).toMatchObject({
      how: expect.stringContaining('wait 8 weeks from the date of this letter'),
    });
  });
});

function stage1RemediesOpen() {
  return [
    aRemedy({
      id: 'r2',
      kind: 'financial',
      description: 'Compensation for 16 days without heating and hot water',
      amountPence: 25000,
      dueOn: '2027-02-03',
    }),
  ];
}

describe('composeLetter: decline and escalation refusal', () => {
  it("gives the decline's ground, reasons, discretion and the right to challenge it (2.3, 2.4)", () => {
    const state = aReceivedComplaint({
      status: 'declined',
      declination: {
        exclusionCode: 'outside-time-limit',
        reasons:
          'You told us the damp began in March 2024, more than 12 months before you complained',
        discretion:
          'We found no reason that stopped you telling us sooner, so we have not made an exception.',
        on: '2026-12-22',
      },
    });
    const letter = composeLetter(
      'decline',
      state,
      aContext({ today: '2026-12-22' }),
    );
    expect(letter.elements.reasons).toEqual([
      'The issue arose more than 12 months ago (or the resident became aware of it more than 12 months ago).',
      'You told us the damp began in March 2024, more than 12 months before you complained',
      'We also thought about whether to accept your complaint anyway. We found no reason that stopped you telling us sooner, so we have not made an exception.',
    ]);
    expect(letter.elements.ombudsman?.decisionRight).toBe(
      'If you disagree with our decision not to accept your complaint, you can ask the Housing Ombudsman to look at that decision.',
    );
    expect(letter).not.toHaveProperty('stage');
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('is blocked when the decline has a ground but no reasons of its own', () => {
    const state = aReceivedComplaint({
      declination: {
        exclusionCode: 'legal-proceedings',
        reasons: '  ',
        on: '2026-12-22',
      },
    });
    const letter = composeLetter('decline', state, aContext());
    expect(letter.elements).not.toHaveProperty('reasons');
    expect(checkLetter(letter)).toMatchObject({
      ok: false,
      missing: [{ element: 'reasons', clause: '2.4' }],
    });
  });

  it('gives reasons without a label when the code is not in the policy', () => {
    const state = aReceivedComplaint({
      declination: {
        exclusionCode: 'unknown',
        reasons: 'Because.',
        on: '2026-12-22',
      },
    });
    const letter = composeLetter('decline', state, aContext());
    expect(letter.elements.reasons).toEqual(['Because.']);
  });

  it('gives the refusal ground, reasons and the right to challenge it (5.11, 2.4)', () => {
    const state = aStage1RespondedComplaint({
      status: 'escalation-refused',
      escalation: {
        receivedOn: dates.escalationReceived,
        channel: 'phone',
        late: false,
      },
      escalationRefusal: {
        groundCode: 'legal-proceedings',
        reasons:
          'Your solicitor issued a claim about the same boiler at Leeds County Court on 25 January 2027',
        on: '2027-02-03',
      },
    });
    const letter = composeLetter(
      'escalation-refusal',
      state,
      aContext({ today: '2027-02-03' }),
    );
    expect(letter.stage).toBe(2);
    expect(letter.elements.reasons?.[0]).toBe(
      'Legal proceedings have started.',
    );
    expect(letter.elements.opening?.[0]).toBe(
      'We received your request on Monday 1 February 2027 to take your complaint to Stage 2.',
    );
    expect(letter.elements.ombudsman?.decisionRight).toContain(
      'our decision not to take your complaint to Stage 2',
    );
    expect(checkLetter(letter)).toEqual({ ok: true });
  });
});

describe('composeLetter: the other letters', () => {
  it('confirms receipt with the acknowledgement date (6.2)', () => {
    // Received Wed 23 Dec 2026: Thu 24 (1), [25, 28 Dec], Tue 29 (2),
    // Wed 30 (3), Thu 31 (4), [Fri 1 Jan], Mon 4 Jan 2027 (5).
    const state = aReceivedComplaint({
      receivedOn: '2026-12-23',
      stage1: { receivedOn: '2026-12-23', extensions: [] },
    });
    const letter = composeLetter(
      'receipt-confirmation',
      state,
      aContext({ today: '2026-12-23' }),
    );
    expect(letter.elements.acknowledgeDueOn).toBe('2027-01-04');
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('has no acknowledgement date when the policy times it from the acknowledgement itself', () => {
    const policy = aPolicy((p) => ({
      stage1: {
        ...p.stage1,
        acknowledge: { ...p.stage1.acknowledge, from: 'meeting' },
      },
    }));
    const letter = composeLetter(
      'receipt-confirmation',
      aReceivedComplaint(),
      aContext({ policy }),
    );
    expect(letter.elements).not.toHaveProperty('acknowledgeDueOn');
  });

  it('tells a service request the next steps and that a complaint is still open to them', () => {
    const state = aReceivedComplaint({
      classification: 'service-request',
      status: 'recorded',
    });
    const general = composeLetter('service-request-notice', state, aContext());
    expect(general.elements.nextSteps).toEqual([
      'We will contact you to arrange what is needed.',
      'If you are unhappy with how we deal with your request, you can make a complaint at any time. Just tell us, and we will log it as a Stage 1 complaint.',
    ]);
    expect(general).not.toHaveProperty('stage');
    expect(checkLetter(general)).toEqual({ ok: true });

    const specific = composeLetter(
      'service-request-notice',
      state,
      aContext({
        nextSteps: ['A plumber will visit on Tuesday 22 December.', ' '],
      }),
    );
    expect(specific.elements.nextSteps?.[0]).toBe(
      'A plumber will visit on Tuesday 22 December.',
    );
    expect(specific.elements.nextSteps).toHaveLength(2);
  });

  it('asks the questions given, or general ones (5.6)', () => {
    const state = anAcknowledgedComplaint();
    const general = composeLetter('clarification-request', state, aContext());
    expect(general.elements.clarification?.questions).toHaveLength(2);
    expect(general.elements.definition?.issues).toHaveLength(3);
    expect(checkLetter(general)).toEqual({ ok: true });

    const { stage1: _unused, ...notInAStage } = aReceivedComplaint();
    const asked = composeLetter(
      'clarification-request',
      {
        ...notInAStage,
        clarifications: [
          {
            stage: 1,
            questions: 'Which rooms have damp?\n ',
            on: '2026-12-21',
          },
        ],
      },
      aContext(),
    );
    expect(asked.elements.clarification).toEqual({
      questions: ['Which rooms have damp?'],
    });
    expect(asked.stage).toBe(1);
    expect(asked.elements).not.toHaveProperty('definition');

    const atStage2 = composeLetter(
      'clarification-request',
      aStage2AcknowledgedComplaint(),
      aContext(),
    );
    expect(atStage2.elements.stage).toEqual({ stage: 2, name: 'Stage 2' });
  });

  it('lists what is still to do when closing, if anything', () => {
    const open = composeLetter(
      'closure',
      aStage1RespondedComplaint(),
      aContext(),
    );
    expect(open.stage).toBe(1);
    expect(open.elements.outstandingActions).toEqual({
      kind: 'listed',
      items: [
        { what: 'Replace the boiler with a new one', dueOn: '2027-02-12' },
      ],
    });
    expect(open.elements.nextSteps?.[0]).toBe(
      'We will still do the things listed above.',
    );
    expect(checkLetter(open)).toEqual({ ok: true });

    const { stage1: _unused, ...done } = aReceivedComplaint();
    const closed = composeLetter('closure', done, aContext());
    expect(closed).not.toHaveProperty('stage');
    expect(closed.elements).not.toHaveProperty('outstandingActions');
    expect(closed.elements.nextSteps).toHaveLength(1);
  });

  it('confirms a withdrawal with or without its date', () => {
    const dated = composeLetter(
      'withdrawal-confirmation',
      anAcknowledgedComplaint({
        status: 'withdrawn',
        withdrawal: { reason: 'Boiler now fixed', on: '2026-12-29' },
      }),
      aContext({ today: '2026-12-29' }),
    );
    expect(dated.elements.opening?.[0]).toBe(
      'You told us on Tuesday 29 December 2026 that you want to withdraw your complaint. We have now closed it.',
    );
    expect(checkLetter(dated)).toEqual({ ok: true });

    const { stage1: _unused, ...noStage } = aReceivedComplaint();
    const undated = composeLetter(
      'withdrawal-confirmation',
      noStage,
      aContext(),
    );
    expect(undated.elements.opening?.[0]).toMatch(/^You told us that/);
    expect(undated).not.toHaveProperty('stage');
  });

  it.each(letterKinds.map((kind): [LetterKind] => [kind]))(
    '%s carries the Ombudsman details and the right to go to it (item 19)',
    (kind) => {
      const letter = composeLetter(
        kind,
        aStage2RespondedComplaint(),
        aContext(),
      );
      expect(letter.elements.ombudsman).toMatchObject({
        contact: housingOmbudsman,
        right: expect.stringContaining('the Housing Ombudsman'),
      });
    },
  );
});

describe('composeLetter: recipients and formats', () => {
  it('writes to the resident by email when they prefer email', () => {
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint(),
      aContext(),
    );
    expect(letter.recipients).toEqual([
      {
        role: 'resident',
        name: 'Ms Aisha Khan',
        delivery: 'email',
        address: ['Flat 4, 12 Canal Street', 'Leeds', 'LS1 4AB'],
        email: 'aisha.khan@example.org',
      },
    ]);
    expect(letter.format).toEqual({ largePrint: false, otherFormats: [] });
  });

  it('writes by post in large print when the resident asked for it (5.10)', () => {
    const state = anAcknowledgedComplaint({
      resident: aResident({ formats: ['large-print'] }),
    });
    const letter = composeLetter('stage1-acknowledgement', state, aContext());
    expect(letter.recipients[0]?.delivery).toBe('post');
    expect(letter.format).toEqual({ largePrint: true, otherFormats: [] });
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('writes by post for other formats and records them, with the language', () => {
    const state = anAcknowledgedComplaint({
      resident: aResident({
        formats: ['braille', 'translation'],
        language: 'Polish',
      }),
    });
    const letter = composeLetter('stage1-acknowledgement', state, aContext());
    expect(letter.recipients[0]?.delivery).toBe('post');
    expect(letter.format).toEqual({
      largePrint: false,
      otherFormats: ['braille', 'translation'],
      language: 'Polish',
    });
  });

  it('writes by post when the resident prefers post, or has no email address', () => {
    const byPost = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({
        resident: aResident({ preferredContact: 'post' }),
      }),
      aContext(),
    );
    expect(byPost.recipients[0]?.delivery).toBe('post');

    const { email: _unused, ...noEmail } = aResident({
      preferredContact: 'phone',
    });
    const noAddress = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({ resident: noEmail }),
      aContext(),
    );
    expect(noAddress.recipients[0]).toEqual({
      role: 'resident',
      name: 'Ms Aisha Khan',
      delivery: 'post',
      address: ['Flat 4, 12 Canal Street', 'Leeds', 'LS1 4AB'],
    });

    const blankEmail = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({ resident: aResident({ email: '  ' }) }),
      aContext(),
    );
    expect(blankEmail.recipients[0]).not.toHaveProperty('email');
    expect(blankEmail.recipients[0]?.delivery).toBe('post');
  });

  it('does not write to a representative without recorded consent (3.6)', () => {
    const { consentOn: _unused, ...noConsent } = aRepresentative();
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({ representative: noConsent }),
      aContext(),
    );
    expect(letter.recipients.map((to) => to.role)).toEqual(['resident']);
    expect(letter.salutation).toBe('Dear Ms Aisha Khan');
  });

  it('does not write to a representative whose consent is dated after the letter', () => {
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({
        representative: aRepresentative({ consentOn: '2026-12-22' }),
      }),
      aContext({ today: '2026-12-21' }),
    );
    expect(letter.recipients.map((to) => to.role)).toEqual(['resident']);
  });

  it('writes to a consenting representative, and copies the resident', () => {
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({ representative: aRepresentative() }),
      aContext(),
    );
    expect(letter.recipients).toEqual([
      {
        role: 'representative',
        name: 'Mr Daniel Okafor',
        delivery: 'email',
        address: [
          'Citizens Advice Leeds',
          '31 Market Street',
          'Leeds',
          'LS1 6DT',
        ],
        email: 'daniel.okafor@advice.example',
      },
      expect.objectContaining({ role: 'resident', delivery: 'email' }),
    ]);
    expect(letter.salutation).toBe('Dear Mr Daniel Okafor');
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('writes to the representative alone when the resident cannot be reached', () => {
    const { email: _e, address: _a, ...unreachable } = aResident();
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({
        resident: unreachable,
        representative: aRepresentative(),
      }),
      aContext(),
    );
    expect(letter.recipients.map((to) => to.role)).toEqual(['representative']);
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('writes to the representative by post when they have no email', () => {
    const { email: _unused, ...postal } = aRepresentative();
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({ representative: postal }),
      aContext(),
    );
    expect(letter.recipients[0]).toMatchObject({
      role: 'representative',
      delivery: 'post',
    });
  });

  it('keeps an unreachable lone resident, so the check blocks the send', () => {
    const { email: _e, address: _a, ...unreachable } = aResident();
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint({ resident: unreachable }),
      aContext(),
    );
    expect(checkLetter(letter)).toMatchObject({
      ok: false,
      missing: [{ element: 'recipients', clause: '3.6, 5.10 (C)' }],
    });
  });
});

describe('composeLetter: the ombudsman by nation', () => {
  const scotland = aPolicy(() => ({ nation: 'scotland' }));
  const wales = aPolicy(() => ({ nation: 'wales' }));

  it('gives the SPSO in Scotland, with Scottish bank holidays', () => {
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint(),
      aContext({ policy: scotland, today: '2026-12-21' }),
    );
    expect(letter.elements.ombudsman?.contact).toEqual({
      name: 'Scottish Public Services Ombudsman',
      shortName: 'Scottish Public Services Ombudsman',
      address: ['Bridgeside House', '99 McDonald Road', 'Edinburgh', 'EH7 4NS'],
      phone: '0800 377 7330',
      website: 'www.spso.org.uk',
    });
    expect(letter.elements.ombudsman?.right).toContain(
      'the Scottish Public Services Ombudsman',
    );
    // Mon 21 Dec 2026 in Scotland: as in E&W to Thu 31 Dec (6), then
    // [Fri 1 Jan, Mon 4 Jan (2 January substitute)], Tue 5 (7), Wed 6 (8),
    // Thu 7 (9), Fri 8 Jan 2027 (10).
    expect(letter.elements.responseDueOn).toBe('2027-01-08');
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('gives the Public Services Ombudsman for Wales in Wales', () => {
    const letter = composeLetter(
      'stage2-response',
      aStage2RespondedComplaint(),
      aContext({ policy: wales }),
    );
    expect(letter.elements.ombudsman?.contact).toBe(
      publicServicesOmbudsmanWales,
    );
    expect(letter.elements.escalation).toMatchObject({
      how: expect.stringContaining('the Public Services Ombudsman for Wales'),
    });
    expect(checkLetter(letter)).toEqual({ ok: true });
  });

  it('uses the ombudsman the caller passes, over the default', () => {
    const custom: OmbudsmanContact = {
      ...scottishPublicServicesOmbudsman,
      email: 'complaints@spso.example',
    };
    const letter = composeLetter(
      'stage1-acknowledgement',
      anAcknowledgedComplaint(),
      aContext({ ombudsman: custom }),
    );
    expect(letter.elements.ombudsman?.contact).toBe(custom);
  });

  it('refuses to guess the ombudsman for Northern Ireland', () => {
    const ni = aPolicy(() => ({ nation: 'northern-ireland' }));
    expect(() =>
      composeLetter(
        'stage1-acknowledgement',
        anAcknowledgedComplaint(),
        aContext({ policy: ni }),
      ),
    ).toThrow(InvalidInputError);
  });

  it('uses the policy stage names', () => {
    const named = aPolicy((p) => ({
      stage1: { ...p.stage1, name: 'Stage one' },
      stage2: { ...p.stage2, name: 'Stage two review' },
    }));
    const letter = composeLetter(
      'stage1-response',
      aStage1RespondedComplaint(),
      aContext({ policy: named }),
    );
    expect(letter.elements.stage?.name).toBe('Stage one');
    expect(letter.elements.escalation).toMatchObject({
      stageName: 'Stage two review',
    });
    expect(code2024.stage1.name).toBe('Stage 1');
  });
});
