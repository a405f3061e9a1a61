import { describe, expect, it } from 'vitest';
import type { ComplaintState } from '../../../../domain/complaint/model.js';
import {
  checkLetter,
  composeLetter,
  type Letter,
  type LetterKind,
  letterKinds,
} from '../../../../domain/letters/index.js';
import {
  aContext,
  anAcknowledgedComplaint,
  anExtendedComplaint,
  aReceivedComplaint,
  aStage1RespondedComplaint,
  aStage2AcknowledgedComplaint,
  aStage2ExtendedComplaint,
  aStage2RespondedComplaint,
  dates,
  withElements,
} from './support/builders.js';

/** A realistic state for each kind, from which a letter passes the check. */
const STATES: Record<LetterKind, () => ComplaintState> = {
  'receipt-confirmation': () => aReceivedComplaint(),
  'service-request-notice': () =>
    aReceivedComplaint({
      classification: 'service-request',
      status: 'recorded',
    }),
  decline: () =>
    aReceivedComplaint({
      status: 'declined',
      declination: {
        exclusionCode: 'previously-considered',
        reasons: 'We answered this complaint in full in June 2026',
        on: '2026-12-21',
      },
    }),
  'clarification-request': () => anAcknowledgedComplaint(),
  'stage1-acknowledgement': () => anAcknowledgedComplaint(),
  'stage1-extension': () => anExtendedComplaint(),
  'stage1-response': () => aStage1RespondedComplaint(),
  'stage2-acknowledgement': () => aStage2AcknowledgedComplaint(),
  'stage2-extension': () => aStage2ExtendedComplaint(),
  'stage2-response': () => aStage2RespondedComplaint(),
  'escalation-refusal': () =>
    aStage1RespondedComplaint({
      status: 'escalation-refused',
      escalation: {
        receivedOn: dates.escalationReceived,
        channel: 'web',
        late: false,
      },
      escalationRefusal: {
        groundCode: 'previously-considered',
        reasons: 'You asked for Stage 2 on this complaint before, in 2025',
        on: '2027-02-03',
      },
    }),
  closure: () => aStage2RespondedComplaint({ status: 'closed' }),
  'withdrawal-confirmation': () =>
    anAcknowledgedComplaint({
      status: 'withdrawn',
      withdrawal: { reason: 'Resolved', on: '2026-12-29' },
    }),
};

function composed(kind: LetterKind): Letter {
  return composeLetter(kind, STATES[kind](), aContext());
}

/** The missing elements as `element @ clause`, for exact comparison. */
function missingOf(letter: Letter): string[] {
  const result = checkLetter(letter);
  return result.ok
    ? []
    : result.missing.map((item) => `${item.element} @ ${item.clause}`);
}

type Blank = readonly [
  kind: LetterKind,
  what: string,
  change: (letter: Letter) => Letter,
  expected: string,
];

const patch =
  (elements: Parameters<typeof withElements>[1]) => (letter: Letter) =>
    withElements(letter, elements);

const ombudsmanPatch =
  (change: Record<string, unknown>) =>
  (letter: Letter): Letter =>
    withElements(letter, {
      ombudsman: { ...letter.elements.ombudsman, ...change } as never,
    });

const contactPatch =
  (change: Record<string, unknown>) =>
  (letter: Letter): Letter =>
    ombudsmanPatch({
      contact: { ...letter.elements.ombudsman?.contact, ...change },
    })(letter);

const firstIssue =
  (change: Record<string, unknown>) =>
  (letter: Letter): Letter => {
    const definition = letter.elements.definition;
    if (definition === undefined) throw new Error('no definition');
    const [first, ...rest] = definition.issues;
    return withElements(letter, {
      definition: {
        ...definition,
        issues: [{ ...first, ...change } as never, ...rest],
      },
    });
  };

const firstDecision =
  (change: Record<string, unknown>) =>
  (letter: Letter): Letter => {
    const [first, ...rest] = letter.elements.decisions ?? [];
    return withElements(letter, {
      decisions: [{ ...first, ...change } as never, ...rest],
    });
  };

const escalationPatch =
  (change: Record<string, unknown>) =>
  (letter: Letter): Letter =>
    withElements(letter, {
      escalation: { ...letter.elements.escalation, ...change } as never,
    });

/** Each mandatory element, blanked in a composed letter, and what the check must say. */
const BLANKS: readonly Blank[] = [
  // Decline (2.4).
  ['decline', 'no reasons', patch({ reasons: undefined }), 'reasons @ 2.4'],
  ['decline', 'blank reasons', patch({ reasons: ['  ', ''] }), 'reasons @ 2.4'],
  [
    'decline',
    'no right to challenge the decision',
    ombudsmanPatch({ decisionRight: ' ' }),
    'ombudsman.decisionRight @ 2.4',
  ],
  [
    'decline',
    "no Ombudsman's phone",
    contactPatch({ phone: '' }),
    'ombudsman.contact @ 2.4',
  ],
  // Stage 1 acknowledgement (5.6, 5.7, 6.3, item 19).
  [
    'stage1-acknowledgement',
    'no definition',
    patch({ definition: undefined }),
    'definition @ 5.6',
  ],
  [
    'stage1-acknowledgement',
    'no issues',
    patch({ definition: { issues: [], outcomesSought: ['A new boiler'] } }),
    'definition @ 5.6',
  ],
  [
    'stage1-acknowledgement',
    'a blank issue',
    firstIssue({ summary: '\t' }),
    'definition @ 5.6',
  ],
  [
    'stage1-acknowledgement',
    'no outcome sought',
    (letter) =>
      withElements(letter, {
        definition: {
          issues: letter.elements.definition?.issues ?? [],
          outcomesSought: [' '],
        },
      }),
    'definition @ 5.6',
  ],
  [
    'stage1-acknowledgement',
    'an issue not said to be ours or not',
    firstIssue({ responsibility: undefined }),
    'definition.responsibility @ 5.7',
  ],
  [
    'stage1-acknowledgement',
    'an issue not ours with no signpost',
    firstIssue({ responsibility: 'not-ours', signpost: ' ' }),
    'definition.responsibility @ 5.7',
  ],
  [
    'stage1-acknowledgement',
    'no response date',
    patch({ responseDueOn: undefined }),
    'responseDueOn @ 6.3',
  ],
  [
    'stage1-acknowledgement',
    'a response date that is not a date',
    patch({ responseDueOn: '7 January' }),
    'responseDueOn @ 6.3',
  ],
  [
    'stage1-acknowledgement',
    "no Ombudsman's website",
    contactPatch({ website: ' ' }),
    'ombudsman.contact @ 3.7 (C)',
  ],
  [
    'stage1-acknowledgement',
    "no Ombudsman's address",
    contactPatch({ address: ['', ' '] }),
    'ombudsman.contact @ 3.7 (C)',
  ],
  [
    'stage1-acknowledgement',
    "no Ombudsman's name",
    contactPatch({ name: undefined }),
    'ombudsman.contact @ 3.7 (C)',
  ],
  [
    'stage1-acknowledgement',
    'no right to go to the Ombudsman',
    ombudsmanPatch({ right: '' }),
    'ombudsman.right @ 3.7 (C)',
  ],
  [
    'stage1-acknowledgement',
    'no recipients',
    (letter) => ({ ...letter, recipients: [] }),
    'recipients @ 3.6, 5.10 (C)',
  ],
  // Stage 2 acknowledgement (5.6, 6.14).
  [
    'stage2-acknowledgement',
    'no definition',
    patch({ definition: undefined }),
    'definition @ 5.6',
  ],
  [
    'stage2-acknowledgement',
    'no response date',
    patch({ responseDueOn: undefined }),
    'responseDueOn @ 6.14',
  ],
  // Extensions (6.4, 6.5; 6.15–6.16).
  ['stage1-extension', 'no reasons', patch({ reasons: [] }), 'reasons @ 6.4'],
  [
    'stage1-extension',
    'no new date',
    patch({ newDueOn: undefined }),
    'newDueOn @ 6.4',
  ],
  [
    'stage1-extension',
    'no Ombudsman details',
    contactPatch({ phone: ' ' }),
    'ombudsman.contact @ 6.5',
  ],
  [
    'stage2-extension',
    'no reasons',
    patch({ reasons: undefined }),
    'reasons @ 6.15 (C)',
  ],
  [
    'stage2-extension',
    'no new date',
    patch({ newDueOn: '' }),
    'newDueOn @ 6.15 (C)',
  ],
  [
    'stage2-extension',
    'no Ombudsman details',
    contactPatch({ website: '' }),
    'ombudsman.contact @ 6.16 (C)',
  ],
  // Stage 1 response (6.9, 6.7, 6.6, 6.12, 7.1, 7.3).
  [
    'stage1-response',
    'no stage',
    patch({ stage: undefined }),
    'stage @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'a blank stage name',
    patch({ stage: { stage: 1, name: ' ' } }),
    'stage @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'no definition',
    patch({ definition: undefined }),
    // Without a definition there is also nothing for decisions to cover.
    'definition @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'no decisions',
    patch({ decisions: undefined }),
    'decisions @ 6.7, 6.9 (C)',
  ],
  [
    'stage1-response',
    'an issue without a decision',
    (letter) =>
      withElements(letter, {
        decisions: letter.elements.decisions?.slice(1) ?? [],
      }),
    'decisions @ 6.7, 6.9 (C)',
  ],
  [
    'stage1-response',
    'a decision without reasons',
    firstDecision({ reasons: '   ' }),
    'decisions @ 6.7, 6.9 (C)',
  ],
  [
    'stage1-response',
    'a decision that decides nothing',
    firstDecision({ decision: 'maybe' }),
    'decisions @ 6.7, 6.9 (C)',
  ],
  [
    'stage1-response',
    'no remedies slot',
    patch({ remedies: undefined }),
    'remedies @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'an empty list of remedies',
    patch({ remedies: { kind: 'offered', items: [] } }),
    'remedies @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'a blank "no remedy" statement',
    patch({ remedies: { kind: 'none', statement: '' } }),
    'remedies @ 6.9 (C)',
  ],
  [
    'stage1-response',
    '"no remedy" on an upheld complaint',
    patch({ remedies: { kind: 'none', statement: 'No remedy.' } }),
    'remedies @ 7.1',
  ],
  [
    'stage1-response',
    'a remedy without what',
    patch({
      remedies: {
        kind: 'offered',
        items: [{ kind: 'apology', what: '', doneOn: dates.stage1RespondedOn }],
      },
    }),
    'remedies @ 7.3',
  ],
  [
    'stage1-response',
    'a remedy without by when',
    patch({
      remedies: {
        kind: 'offered',
        items: [{ kind: 'policy-change', what: 'Change our booking rules' }],
      },
    }),
    'remedies @ 7.3',
  ],
  [
    'stage1-response',
    'a financial remedy without an amount',
    patch({
      remedies: {
        kind: 'offered',
        items: [
          {
            kind: 'financial',
            what: 'Compensation',
            amount: ' ',
            by: '2027-02-03',
          },
        ],
      },
    }),
    'remedies @ 7.3',
  ],
  [
    'stage1-response',
    'no outstanding actions slot',
    patch({ outstandingActions: undefined }),
    'outstandingActions @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'an empty list of actions',
    patch({ outstandingActions: { kind: 'listed', items: [] } }),
    'outstandingActions @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'a blank "no actions" statement',
    patch({ outstandingActions: { kind: 'none', statement: ' ' } }),
    'outstandingActions @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'an action without a due date',
    patch({
      outstandingActions: {
        kind: 'listed',
        items: [{ what: 'Replace the boiler' }],
      },
    }),
    'outstandingActions @ 6.6 (C)',
  ],
  [
    'stage1-response',
    'an action without what',
    patch({
      outstandingActions: {
        kind: 'listed',
        items: [{ what: '', dueOn: '2027-02-12' }],
      },
    }),
    'outstandingActions @ 6.6 (C)',
  ],
  [
    'stage1-response',
    'no way to ask for stage 2',
    escalationPatch({ how: ' ' }),
    'escalation.how @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'no deadline statement',
    escalationPatch({ deadline: { kind: 'none', statement: '' } }),
    'escalation.deadline @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'a deadline without a date',
    escalationPatch({
      deadline: { kind: 'date', lastDate: '', days: 20, unit: 'working-days' },
    }),
    'escalation.deadline @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'a deadline of no days',
    escalationPatch({
      deadline: {
        kind: 'date',
        lastDate: '2027-02-17',
        days: 0,
        unit: 'working-days',
      },
    }),
    'escalation.deadline @ 6.9 (C)',
  ],
  [
    'stage1-response',
    'no "no reasons needed"',
    escalationPatch({ noReasonsNeeded: '' }),
    'escalation.noReasonsNeeded @ 6.12',
  ],
  // Stage 2 response (6.19, 6.10).
  [
    'stage2-response',
    'no stage',
    patch({ stage: undefined }),
    'stage @ 6.19 (C)',
  ],
  [
    'stage2-response',
    'no definition',
    patch({ definition: undefined }),
    'definition @ 6.19 (C)',
  ],
  [
    'stage2-response',
    'a decision without reasons',
    firstDecision({ reasons: '' }),
    'decisions @ 6.17–6.18 (C), 6.19 (C)',
  ],
  [
    'stage2-response',
    'no remedies slot',
    patch({ remedies: undefined }),
    'remedies @ 6.19 (C)',
  ],
  [
    'stage2-response',
    'no outstanding actions slot',
    patch({ outstandingActions: undefined }),
    'outstandingActions @ 6.19 (C)',
  ],
  [
    'stage2-response',
    'an action without a due date',
    patch({
      outstandingActions: { kind: 'listed', items: [{ what: 'Fit a boiler' }] },
    }),
    'outstandingActions @ 6.17 (C)',
  ],
  [
    'stage2-response',
    'no way to the Ombudsman',
    escalationPatch({ how: '' }),
    'escalation.how @ 6.19 (C)',
  ],
  [
    'stage2-response',
    'not said to be final',
    escalationPatch({ finalResponse: ' ' }),
    'escalation.finalResponse @ 6.10',
  ],
  // Escalation refusal (5.11, 2.4).
  [
    'escalation-refusal',
    'no reasons',
    patch({ reasons: undefined }),
    'reasons @ 5.11 (C)',
  ],
  [
    'escalation-refusal',
    'no right to challenge the refusal',
    ombudsmanPatch({ decisionRight: undefined }),
    'ombudsman.decisionRight @ 5.11 (C), 2.4',
  ],
  [
    'escalation-refusal',
    'no Ombudsman details',
    contactPatch({ address: undefined }),
    'ombudsman.contact @ 5.11 (C), 2.4',
  ],
  // The others.
  [
    'service-request-notice',
    'no next steps',
    patch({ nextSteps: [' '] }),
    'nextSteps @ 1.5, HOS-FAQ',
  ],
  [
    'clarification-request',
    'no question',
    patch({ clarification: { questions: [] } }),
    'clarification @ 5.6',
  ],
  [
    'clarification-request',
    'no clarification slot',
    patch({ clarification: undefined }),
    'clarification @ 5.6',
  ],
  [
    'receipt-confirmation',
    "no Ombudsman's phone",
    contactPatch({ phone: '' }),
    'ombudsman.contact @ 3.7 (C)',
  ],
  [
    'closure',
    'no right to go to the Ombudsman',
    ombudsmanPatch({ right: ' ' }),
    'ombudsman.right @ 3.7 (C)',
  ],
  [
    'withdrawal-confirmation',
    'no recipients',
    (letter) => ({ ...letter, recipients: [] }),
    'recipients @ 3.6, 5.10 (C)',
  ],
];

describe('checkLetter', () => {
  it.each(letterKinds.map((kind): [LetterKind] => [kind]))(
    'passes a %s composed from a realistic state',
    (kind) => {
      expect(checkLetter(composed(kind))).toEqual({ ok: true });
    },
  );

  it.each(BLANKS)(
    '%s with %s reports exactly that element',
    (kind, _what, change, expected) => {
      const letter = change(composed(kind));
      expect(missingOf(letter)).toEqual([expected]);
    },
  );

  it('says what is wrong in plain words', () => {
    const letter = withElements(composed('decline'), { reasons: [] });
    expect(checkLetter(letter)).toEqual({
      ok: false,
      missing: [
        {
          element: 'reasons',
          clause: '2.4',
          detail: 'The reasons are missing.',
        },
      ],
    });
  });

  it('reports every part of a missing Ombudsman slot', () => {
    const letter = withElements(composed('decline'), { ombudsman: undefined });
    expect(missingOf(letter)).toEqual([
      'ombudsman.contact @ 2.4',
      'ombudsman.right @ 3.7 (C)',
      'ombudsman.decisionRight @ 2.4',
    ]);
  });

  it('reports every part of a missing escalation slot, and the wrong route', () => {
    const stage1 = withElements(composed('stage1-response'), {
      escalation: undefined,
    });
    expect(missingOf(stage1)).toEqual([
      'escalation.how @ 6.9 (C)',
      'escalation.deadline @ 6.9 (C)',
      'escalation.noReasonsNeeded @ 6.12',
    ]);
    // A stage 2 letter that points to stage 2 again does not say how to go to the Ombudsman.
    const stage2 = withElements(composed('stage2-response'), {
      escalation: composed('stage1-response').elements.escalation,
    });
    expect(missingOf(stage2)).toEqual([
      'escalation.how @ 6.19 (C)',
      'escalation.finalResponse @ 6.10',
    ]);
  });

  it('finds each recipient that cannot be reached by its delivery', () => {
    const letter = composed('stage1-acknowledgement');
    const result = checkLetter({
      ...letter,
      recipients: [
        {
          role: 'resident',
          name: ' ',
          delivery: 'email',
          email: 'a@b.example',
        },
        {
          role: 'resident',
          name: 'A',
          delivery: 'email',
          email: 'not an address',
        },
        { role: 'representative', name: 'B', delivery: 'post', address: [' '] },
        { role: 'resident', name: 'C', delivery: 'fax' as never },
      ],
    });
    expect(result).toEqual({
      ok: false,
      missing: [
        {
          element: 'recipients',
          clause: '3.6, 5.10 (C)',
          detail:
            'Recipient 1 has no name. Recipient 2 is sent by email but has no email address. Recipient 3 is sent by post but has no postal address. Recipient 4 has no way of delivery.',
        },
      ],
    });
  });

  it('does not trust the shape of a tampered letter', () => {
    const letter = composed('stage1-response');
    const tampered = {
      ...letter,
      recipients: 'everyone',
      elements: {
        ...letter.elements,
        definition: { issues: 'all of them', outcomesSought: null },
        decisions: [null],
        remedies: { kind: 'offered', items: [null] },
        outstandingActions: { kind: 'maybe' },
        escalation: { route: 'stage2', deadline: { kind: 'soon' } },
        ombudsman: { contact: 'call them' },
      },
    } as unknown as Letter;
    expect(missingOf(tampered)).toEqual([
      'recipients @ 3.6, 5.10 (C)',
      'ombudsman.contact @ 3.7 (C)',
      'ombudsman.right @ 3.7 (C)',
      'definition @ 6.9 (C)',
      'decisions @ 6.7, 6.9 (C)',
      'remedies @ 7.3',
      'outstandingActions @ 6.9 (C)',
      'escalation.how @ 6.9 (C)',
      'escalation.deadline @ 6.9 (C)',
      'escalation.noReasonsNeeded @ 6.12',
    ]);
  });

  it('checks every letter for the Ombudsman and a recipient, whatever its kind', () => {
    const unknownKind = {
      ...composed('closure'),
      kind: 'postcard',
      recipients: [],
      elements: {},
    } as unknown as Letter;
    expect(missingOf(unknownKind)).toEqual([
      'recipients @ 3.6, 5.10 (C)',
      'ombudsman.contact @ 3.7 (C)',
      'ombudsman.right @ 3.7 (C)',
    ]);
  });

  it('accepts a hand-made letter with every element', () => {
    const letter: Letter = {
      id: 'hand-1',
      kind: 'stage1-extension',
      stage: 1,
      complaintId: 'C-9',
      reference: 'RH-9',
      date: '2027-01-05',
      recipients: [
        {
          role: 'resident',
          name: 'Mr Lee',
          delivery: 'post',
          address: ['2 Mill Lane', 'York', 'YO1 7AA'],
        },
      ],
      format: { largePrint: true, otherFormats: [] },
      subject: 'We need more time',
      salutation: 'Dear Mr Lee',
      elements: {
        reasons: ['We are waiting for a survey.'],
        newDueOn: '2027-01-21',
        ombudsman: composed('closure').elements.ombudsman ?? {
          contact: {
            name: '',
            shortName: '',
            address: [],
            phone: '',
            website: '',
          },
          right: '',
        },
      },
      closingLines: [],
      from: composed('closure').from,
    };
    expect(checkLetter(letter)).toEqual({ ok: true });
  });
});
