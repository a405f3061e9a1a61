import type { IsoDate, Nation } from '../../../../../domain/calendar/index.js';
import {
  ukBankHolidays,
  workingCalendar,
} from '../../../../../domain/calendar/index.js';
import type {
  ComplaintDefinition,
  ComplaintState,
  OutstandingAction,
  Remedy,
  Representative,
  Resident,
  StageRecord,
} from '../../../../../domain/complaint/model.js';
import type { ComposeContext } from '../../../../../domain/letters/index.js';
import type {
  Letter,
  LetterElements,
} from '../../../../../domain/letters/letter.js';
import type { Policy } from '../../../../../domain/policy/policy.js';
import { code2024 } from '../../../../../domain/policy/presets/code-2024.js';

/**
 * One complaint's life, on dates hand-checked against the E&W bank holidays
 * (REGULATION §5):
 * - received Thu 17 Dec 2026; acknowledged Mon 21 Dec 2026;
 * - stage 1 response due Thu 7 Jan 2027, extended on Tue 5 Jan to Thu 21 Jan;
 * - stage 1 response sent Wed 20 Jan 2027;
 * - escalation requested Mon 1 Feb 2027; stage 2 acknowledged Wed 3 Feb;
 * - stage 2 response due Wed 3 Mar 2027, extended on Mon 1 Mar to Fri 2 Apr;
 * - stage 2 response sent Thu 1 Apr 2027.
 */
export const dates = {
  received: '2026-12-17',
  acknowledged: '2026-12-21',
  stage1Due: '2027-01-07',
  stage1ExtendedOn: '2027-01-05',
  stage1ExtendedTo: '2027-01-21',
  stage1RespondedOn: '2027-01-20',
  escalationReceived: '2027-02-01',
  stage2Acknowledged: '2027-02-03',
  stage2Due: '2027-03-03',
  stage2ExtendedOn: '2027-03-01',
  stage2ExtendedTo: '2027-04-02',
  stage2RespondedOn: '2027-04-01',
} as const;

export const landlord = {
  name: 'Riverside Homes',
  address: ['1 Quay Street', 'Leeds', 'LS1 1AA'],
  phone: '0113 496 0000',
  email: 'complaints@riverside.example',
  website: 'www.riverside.example',
} as const;

export function calendarFor(nation: Nation = 'england-and-wales') {
  return workingCalendar({ nation, feed: ukBankHolidays });
}

export function aContext(
  overrides: Partial<ComposeContext> = {},
): ComposeContext {
  const policy = overrides.policy ?? code2024;
  return {
    policy,
    calendar: calendarFor(policy.nation),
    today: dates.acknowledged,
    landlord,
    letterId: 'C-1/letter/1',
    ...overrides,
  };
}

/** code-2024 with some values changed, for policies that differ. */
export function aPolicy(change: (policy: Policy) => Partial<Policy>): Policy {
  return { ...code2024, ...change(code2024) };
}

export function aResident(overrides: Partial<Resident> = {}): Resident {
  return {
    name: 'Ms Aisha Khan',
    email: 'aisha.khan@example.org',
    phone: '07700 900123',
    address: ['Flat 4, 12 Canal Street', 'Leeds', 'LS1 4AB'],
    preferredContact: 'email',
    formats: [],
    ...overrides,
  };
}

export function aRepresentative(
  overrides: Partial<Representative> = {},
): Representative {
  return {
    name: 'Mr Daniel Okafor',
    relationship: 'Citizens Advice adviser',
    email: 'daniel.okafor@advice.example',
    address: ['Citizens Advice Leeds', '31 Market Street', 'Leeds', 'LS1 6DT'],
    consentOn: '2026-12-18',
    ...overrides,
  };
}

export const definition: ComplaintDefinition = {
  issues: [
    {
      id: 'i1',
      summary:
        'The boiler broke on 1 December and was not repaired for 16 days',
      inScope: true,
    },
    {
      id: 'i2',
      summary: 'The contractor missed two appointments without telling you',
      inScope: true,
    },
    {
      id: 'i3',
      summary: 'Your energy supplier overcharged you while the boiler was off',
      inScope: false,
      signpost: 'Please contact your energy supplier, or the Energy Ombudsman',
    },
  ],
  outcomesSought: [
    'Compensation for the time without heating',
    'An apology from the contractor',
  ],
};

const stage1Received: StageRecord = {
  receivedOn: dates.received,
  extensions: [],
};

/** A stage 1 complaint, just received. */
export function aReceivedComplaint(
  overrides: Partial<ComplaintState> = {},
): ComplaintState {
  return {
    id: 'C-1',
    reference: 'RH-2026-0042',
    version: 1,
    policy: { id: code2024.id, version: code2024.version },
    classification: 'complaint',
    status: 'stage1-received',
    channel: 'web',
    receivedAt: '2026-12-17T10:15:00Z',
    receivedOn: dates.received,
    summary: 'No heating or hot water for over two weeks.',
    issueDate: '2026-12-01',
    timeLimitEndsOn: '2027-12-01',
    outcomeSought: 'Compensation and an apology',
    resident: aResident(),
    adjustments: [],
    linkedComplaintIds: [],
    stage1: stage1Received,
    remedies: [],
    actions: [],
    evidenceRequests: [],
    restrictions: [],
    correspondence: [],
    clockMarks: [],
    clarifications: [],
    attachments: [],
    letters: [],
    ...overrides,
  };
}

export function anAcknowledgedComplaint(
  overrides: Partial<ComplaintState> = {},
): ComplaintState {
  return aReceivedComplaint({
    status: 'stage1-acknowledged',
    version: 2,
    stage1: {
      ...stage1Received,
      acknowledgedOn: dates.acknowledged,
      definition,
      handler: 'staff-jo',
    },
    ...overrides,
  });
}

export function anExtendedComplaint(): ComplaintState {
  const acknowledged = anAcknowledgedComplaint();
  return {
    ...acknowledged,
    version: 3,
    stage1: {
      ...(acknowledged.stage1 as StageRecord),
      extensions: [
        {
          fromDueOn: dates.stage1Due,
          toDueOn: dates.stage1ExtendedTo,
          reasons:
            'We need a report from the boiler manufacturer before we can decide',
          on: dates.stage1ExtendedOn,
        },
      ],
    },
  };
}

/** A remedy recorded with the stage 1 response, unless told otherwise. */
export function aRemedy(
  overrides: Partial<Remedy> & Pick<Remedy, 'id' | 'kind' | 'description'>,
): Remedy {
  return { stage: 1, recordedOn: dates.stage1RespondedOn, ...overrides };
}

/** An action recorded with the stage 1 response, unless told otherwise. */
export function anAction(
  overrides: Partial<OutstandingAction> &
    Pick<OutstandingAction, 'id' | 'description'>,
): OutstandingAction {
  return { stage: 1, recordedOn: dates.stage1RespondedOn, ...overrides };
}

export const stage1Remedies: readonly Remedy[] = [
  aRemedy({
    id: 'r1',
    kind: 'apology',
    description: 'We apologise for the time you were left without heating',
  }),
  aRemedy({
    id: 'r2',
    kind: 'financial',
    description: 'Compensation for 16 days without heating and hot water',
    amountPence: 25000,
    dueOn: '2027-02-03',
  }),
];

export const stage1Actions: readonly OutstandingAction[] = [
  anAction({
    id: 'a1',
    description: 'Replace the boiler with a new one',
    owner: 'staff-repairs',
    dueOn: '2027-02-12',
  }),
  anAction({
    id: 'a2',
    description: 'Review how the contractor books appointments',
    dueOn: '2027-01-15',
    completedOn: '2027-01-14',
  }),
];

export function aStage1RespondedComplaint(
  overrides: Partial<ComplaintState> = {},
): ComplaintState {
  const extended = anExtendedComplaint();
  return {
    ...extended,
    status: 'stage1-responded',
    version: 4,
    stage1: {
      ...(extended.stage1 as StageRecord),
      response: {
        on: dates.stage1RespondedOn,
        by: 'staff-jo',
        summary: 'We found that we took too long to repair your boiler.',
        decisions: [
          {
            issueId: 'i1',
            decision: 'upheld',
            reasons:
              'Our repairs policy says we fix a broken boiler within 24 hours in winter. It took 16 days',
          },
          {
            issueId: 'i2',
            decision: 'partly-upheld',
            reasons:
              'The contractor missed one appointment. The other was moved at your request',
          },
          {
            issueId: 'i3',
            decision: 'not-upheld',
            reasons:
              'Your energy bills are a matter between you and your supplier',
          },
        ],
        onTime: true,
        withinBaseTimescale: false,
      },
    },
    remedies: stage1Remedies,
    actions: stage1Actions,
    ...overrides,
  };
}

export function aStage2AcknowledgedComplaint(
  overrides: Partial<ComplaintState> = {},
): ComplaintState {
  return aStage1RespondedComplaint({
    status: 'stage2-acknowledged',
    version: 6,
    escalation: {
      receivedOn: dates.escalationReceived,
      channel: 'email',
      late: false,
    },
    stage2: {
      receivedOn: dates.escalationReceived,
      acknowledgedOn: dates.stage2Acknowledged,
      definition: {
        issues: [
          ...definition.issues,
          {
            id: 'i4',
            summary: 'The compensation offered at Stage 1 is too low',
            inScope: true,
          },
        ],
        outcomesSought: ['Compensation of £600'],
      },
      handler: 'staff-sam',
      extensions: [],
    },
    ...overrides,
  });
}

export function aStage2ExtendedComplaint(): ComplaintState {
  const acknowledged = aStage2AcknowledgedComplaint();
  return {
    ...acknowledged,
    version: 7,
    stage2: {
      ...(acknowledged.stage2 as StageRecord),
      extensions: [
        {
          fromDueOn: dates.stage2Due,
          toDueOn: dates.stage2ExtendedTo,
          reasons:
            'An independent surveyor is inspecting the heating system on 22 March',
          on: dates.stage2ExtendedOn,
        },
      ],
    },
  };
}

export function aStage2RespondedComplaint(
  overrides: Partial<ComplaintState> = {},
): ComplaintState {
  const extended = aStage2ExtendedComplaint();
  const stage2 = extended.stage2 as StageRecord;
  return {
    ...extended,
    status: 'stage2-responded',
    version: 8,
    stage2: {
      ...stage2,
      response: {
        on: dates.stage2RespondedOn,
        by: 'staff-sam',
        summary: 'We have looked at your complaint again from the start.',
        decisions: [
          { issueId: 'i1', decision: 'upheld', reasons: 'As at Stage 1' },
          {
            issueId: 'i2',
            decision: 'upheld',
            reasons:
              'The contractor’s records show both appointments were missed',
          },
          {
            issueId: 'i3',
            decision: 'not-upheld',
            reasons: 'This is a matter for your energy supplier',
          },
          {
            issueId: 'i4',
            decision: 'upheld',
            reasons:
              'The Ombudsman’s remedies guidance points to a higher award for this impact',
          },
        ],
        onTime: true,
        withinBaseTimescale: false,
      },
    },
    remedies: [
      ...stage1Remedies.map((remedy) => ({
        ...remedy,
        completedOn: '2027-01-28',
      })),
      aRemedy({
        id: 'r3',
        stage: 2,
        recordedOn: dates.stage2RespondedOn,
        kind: 'financial',
        description: 'Further compensation for the missed appointments',
        amountPence: 35000,
        dueOn: '2027-04-15',
      }),
    ],
    ...overrides,
  };
}

/** A copy of a letter with some element slots replaced (or removed, with `undefined`). */
export function withElements(
  letter: Letter,
  patch: { [K in keyof LetterElements]?: LetterElements[K] | undefined },
): Letter {
  const elements: Record<string, unknown> = { ...letter.elements, ...patch };
  for (const [key, value] of Object.entries(elements)) {
    if (value === undefined) delete elements[key];
  }
  return { ...letter, elements: elements as LetterElements };
}

export const on = (date: IsoDate) => aContext({ today: date });
