import type { IsoDate, WorkingCalendar } from '../calendar/index.js';
import {
  type ComplaintDefinition,
  type ComplaintState,
  type Contact,
  remediesGivenInLetter,
  type Stage,
  type StageRecord,
} from '../complaint/model.js';
import {
  afterPeriod,
  responseDue as dueDates,
  runningClocks,
} from '../deadlines/clocks.js';
import type { Policy } from '../policy/policy.js';
import { formatLetterDate, formatPounds } from './format.js';
import type { LetterKind } from './kinds.js';
import type {
  ActionItem,
  DecisionItem,
  DefinitionElement,
  EscalationElement,
  LandlordContact,
  Letter,
  LetterElements,
  LetterFormat,
  OmbudsmanContact,
  OmbudsmanElement,
  OutstandingActionsElement,
  Recipient,
  RemediesElement,
  RemedyItem,
} from './letter.js';
import { ombudsmanFor } from './ombudsman.js';

/**
 * What a letter needs beyond the complaint: the rules, the calendar, the
 * date (the domain never reads the clock) and who is writing.
 *
 * @example
 * const context: ComposeContext = {
 *   policy: code2024,
 *   calendar: workingCalendar({ nation: 'england-and-wales', feed: ukBankHolidays }),
 *   today: '2026-12-21',
 *   landlord: { name: 'Riverside Homes', address: ['1 Quay Street', 'Leeds', 'LS1 1AA'],
 *     phone: '0113 496 0000', email: 'complaints@riverside.example' },
 *   letterId: 'L-0001',
 * };
 */
export interface ComposeContext {
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  /** The date the letter goes out. */
  readonly today: IsoDate;
  readonly landlord: LandlordContact;
  /** Defaults to the ombudsman of `policy.nation` (see `ombudsmanFor`). */
  readonly ombudsman?: OmbudsmanContact;
  readonly letterId: string;
  /** Next steps for a service-request notice, in place of the general one. */
  readonly nextSteps?: readonly string[];
}

const hasText = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

/**
 * Composes a letter of `kind` from a complaint's state. Composing never
 * refuses: data the state lacks leaves its slot empty, and `checkLetter`
 * then blocks the send and says which Code clause is unmet.
 *
 * @throws InvalidInputError when no ombudsman is given and the policy's
 *   nation has no default (Northern Ireland); CalendarRangeError when a due
 *   date falls outside the bank-holiday data
 * @example
 * const letter = composeLetter('stage1-acknowledgement', state, {
 *   ...context,
 *   today: '2026-12-21',
 * });
 * letter.elements.responseDueOn; // '2027-01-07' under code-2024, England
 */
export function composeLetter(
  kind: LetterKind,
  state: ComplaintState,
  context: ComposeContext,
): Letter {
  const ombudsman = context.ombudsman ?? ombudsmanFor(context.policy.nation);
  const recipients = recipientsFor(state, context.today);
  const { subject, stage, elements } = contentFor(kind, {
    state,
    context,
    ombudsman,
  });
  const landlord = context.landlord;
  return {
    id: context.letterId,
    kind,
    ...(stage === undefined ? {} : { stage }),
    complaintId: state.id,
    reference: state.reference,
    date: context.today,
    recipients,
    format: formatFor(state),
    subject,
    salutation: `Dear ${recipients[0]?.name ?? state.resident.name}`,
    elements,
    closingLines: [
      `If you have any questions, please call us on ${landlord.phone} or email ${landlord.email}. Please quote ${state.reference}.`,
      'If you would like this letter in large print, braille, audio, easy read or another language, please tell us.',
    ],
    from: {
      signOff: 'Yours sincerely',
      team: 'Complaints team',
      organisation: landlord.name,
      address: landlord.address,
      phone: landlord.phone,
      email: landlord.email,
      ...(landlord.website === undefined ? {} : { website: landlord.website }),
    },
  };
}

/**
 * The resident always, unless a consenting representative gets it and the
 * resident cannot be reached; a representative only once consent is
 * recorded (Code 1.3, 3.6 (C)).
 */
function recipientsFor(state: ComplaintState, today: IsoDate): Recipient[] {
  const { resident, representative } = state;
  // Post when the resident prefers it or asked for another format (5.10 (C)).
  const residentByPost =
    resident.preferredContact === 'post' || resident.formats.length > 0;
  const toResident = recipient('resident', resident, residentByPost);
  const consented =
    representative?.consentOn !== undefined &&
    representative.consentOn <= today;
  if (!consented) return [toResident];
  const toRepresentative = recipient('representative', representative, false);
  return reachable(toResident)
    ? [toRepresentative, toResident]
    : [toRepresentative];
}

function recipient(
  role: Recipient['role'],
  contact: Contact,
  byPost: boolean,
): Recipient {
  const email = contact.email?.trim();
  const delivery = !byPost && hasText(email) ? 'email' : 'post';
  return {
    role,
    name: contact.name,
    delivery,
    ...(contact.address === undefined ? {} : { address: contact.address }),
    ...(hasText(email) ? { email } : {}),
  };
}

function reachable(to: Recipient): boolean {
  return to.delivery === 'email' || (to.address ?? []).some(hasText);
}

function formatFor(state: ComplaintState): LetterFormat {
  const { formats, language } = state.resident;
  return {
    largePrint: formats.includes('large-print'),
    otherFormats: formats.filter((format) => format !== 'large-print'),
    ...(language === undefined ? {} : { language }),
  };
}

interface Facts {
  readonly state: ComplaintState;
  readonly context: ComposeContext;
  readonly ombudsman: OmbudsmanContact;
}

interface Content {
  readonly subject: string;
  readonly stage?: Stage;
  readonly elements: LetterElements;
}

function contentFor(kind: LetterKind, facts: Facts): Content {
  const { state, context } = facts;
  const { policy } = context;
  const received = formatLetterDate(state.receivedOn);
  const s1 = policy.stage1.name;
  const s2 = policy.stage2.name;
  const ombudsman = ombudsmanElement(facts.ombudsman);

  switch (kind) {
    case 'receipt-confirmation':
      return {
        subject: 'We have received your complaint',
        stage: 1,
        elements: {
          opening: [
            `Thank you for your complaint, which we received on ${received}.`,
          ],
          stage: { stage: 1, name: s1 },
          ...optional(
            'acknowledgeDueOn',
            runningClocks(state, policy, facts.context.calendar).find(
              (c) => c.id === 'stage1.acknowledge',
            )?.dueOn,
          ),
          nextSteps: [
            'When we write again, we will set out what we understand your complaint to be about. We will also tell you when we will reply in full.',
          ],
          ombudsman,
        },
      };

    case 'service-request-notice':
      return {
        subject: 'Your request: what happens next',
        elements: {
          opening: [
            `Thank you for contacting us on ${received}.`,
            'This is the first time you have told us about this, so we are dealing with it as a request for a service, such as a repair. We are not dealing with it as a complaint.',
          ],
          nextSteps: [
            ...(context.nextSteps?.filter(hasText) ?? [
              'We will contact you to arrange what is needed.',
            ]),
            // Dissatisfaction with a service request must be offered a complaint (1.5).
            `If you are unhappy with how we deal with your request, you can make a complaint at any time. Just tell us, and we will log it as a ${s1} complaint.`,
          ],
          ombudsman,
        },
      };

    case 'decline': {
      const declination = state.declination;
      const exclusion = policy.exclusions.find(
        (candidate) => candidate.code === declination?.exclusionCode,
      );
      return {
        subject: 'Your complaint: our decision not to accept it',
        elements: {
          opening: [
            `Thank you for contacting us on ${received}.`,
            'We have looked carefully at what you told us. We are sorry, but we cannot deal with it through our complaints process.',
          ],
          ...reasons(
            declination?.reasons,
            exclusion?.label,
            declination?.discretion === undefined
              ? undefined
              : `We also thought about whether to accept your complaint anyway. ${declination.discretion}`,
          ),
          ombudsman: {
            ...ombudsman,
            decisionRight: `If you disagree with our decision not to accept your complaint, you can ask the ${facts.ombudsman.shortName} to look at that decision.`,
          },
        },
      };
    }

    case 'clarification-request': {
      const stage = currentStage(state) ?? 1;
      const definition = record(state, stage)?.definition;
      // The latest questions put to the resident, one per line (Code 5.6).
      const questions =
        state.clarifications
          .at(-1)
          ?.questions.split('\n')
          .map((q) => q.trim())
          .filter(hasText) ?? [];
      return {
        subject: 'Your complaint: we need more information',
        stage,
        elements: {
          opening: [
            `Thank you for your complaint, which we received on ${received}.`,
            'We want to be sure we understand it properly. Please can you help us with the questions below?',
          ],
          stage: { stage, name: stage === 1 ? s1 : s2 },
          ...(definition === undefined
            ? {}
            : { definition: definitionElement(definition) }),
          clarification: {
            questions:
              questions.length > 0
                ? questions
                : [
                    'Have we understood your complaint correctly? If not, please tell us what we have missed.',
                    'What would you like us to do to put things right?',
                  ],
          },
          ombudsman,
        },
      };
    }

    case 'stage1-acknowledgement':
    case 'stage2-acknowledgement': {
      const stage: Stage = kind === 'stage1-acknowledgement' ? 1 : 2;
      const name = stage === 1 ? s1 : s2;
      const definition = stageDefinition(state, stage);
      const opening =
        stage === 1
          ? [
              `Thank you for your complaint, which we received on ${received}.`,
              `We have logged it as a ${name} complaint. This letter sets out what we understand your complaint to be about.`,
            ]
          : [
              `Thank you for asking us to look at your complaint again. We received your request on ${formatLetterDate(escalationReceivedOn(state))}.`,
              `We have logged it at ${name}. This letter sets out what we understand your complaint to be about now.`,
            ];
      return {
        subject: `Your complaint: we have logged it at ${name}`,
        stage,
        elements: {
          opening,
          stage: { stage, name },
          ...(definition === undefined
            ? {}
            : { definition: definitionElement(definition) }),
          ...optional('responseDueOn', responseDue(stage, facts)),
          nextSteps: [
            stage === 1
              ? 'A member of our team will look into your complaint.'
              : `Someone who did not deal with your complaint at ${s1} will look at it again.`,
            // The Code asks landlords to seek clarification where unclear (5.6).
            'If we have misunderstood your complaint, or you want to add anything, please tell us as soon as you can.',
            'If we need more time to reply, we will write to you before that date to explain why and give you a new date.',
          ],
          ombudsman,
        },
      };
    }

    case 'stage1-extension':
    case 'stage2-extension': {
      const stage: Stage = kind === 'stage1-extension' ? 1 : 2;
      const name = stage === 1 ? s1 : s2;
      const extension = record(state, stage)?.extensions.at(-1);
      return {
        subject: `Your ${name} complaint: we need more time to reply`,
        stage,
        elements: {
          opening: [
            `We are sorry, but we need more time to reply to your ${name} complaint.`,
          ],
          stage: { stage, name },
          ...reasons(extension?.reasons),
          ...optional('previousDueOn', extension?.fromDueOn),
          ...optional('newDueOn', extension?.toDueOn),
          // The extension notice carries the Ombudsman's details (6.5, 6.16 (C)).
          ombudsman,
        },
      };
    }

    case 'stage1-response':
    case 'stage2-response': {
      const stage: Stage = kind === 'stage1-response' ? 1 : 2;
      const name = stage === 1 ? s1 : s2;
      const response = record(state, stage)?.response;
      const definition = stageDefinition(state, stage);
      const decisions = decisionItems(
        response?.decisions ?? [],
        definition?.issues ?? [],
      );
      const opening =
        stage === 1
          ? [
              `Thank you for your complaint, which we received on ${received}.`,
              `This letter is our ${name} response. We have looked into each part of your complaint.`,
            ]
          : [
              `Thank you for asking us to look at your complaint again. We received your request on ${formatLetterDate(escalationReceivedOn(state))}.`,
              `This letter is our ${name} response. It is our final response.`,
            ];
      return {
        subject: `Your complaint: our ${name} response`,
        stage,
        elements: {
          opening: [...opening, ...[response?.summary].filter(hasText)],
          stage: { stage, name },
          ...(definition === undefined
            ? {}
            : { definition: definitionElement(definition) }),
          ...(decisions.length === 0 ? {} : { decisions }),
          remedies: remediesElement(stage, facts, decisions),
          outstandingActions: actionsElement(stage, state),
          escalation:
            stage === 1
              ? toStage2(facts, response?.on ?? context.today)
              : toOmbudsman(facts),
          ombudsman,
        },
      };
    }

    case 'escalation-refusal': {
      const refusal = state.escalationRefusal;
      const ground = policy.escalation.refusalGrounds.find(
        (candidate) => candidate.code === refusal?.groundCode,
      );
      return {
        subject: `Your request for ${s2}: our decision`,
        stage: 2,
        elements: {
          opening: [
            `We received your request on ${formatLetterDate(escalationReceivedOn(state))} to take your complaint to ${s2}.`,
            `We have thought about it carefully. We are sorry, but we cannot take your complaint to ${s2}.`,
          ],
          ...reasons(refusal?.reasons, ground?.label),
          ombudsman: {
            ...ombudsman,
            decisionRight: `If you disagree with our decision not to take your complaint to ${s2}, you can ask the ${facts.ombudsman.shortName} to look at that decision.`,
          },
        },
      };
    }

    case 'closure': {
      const stage = currentStage(state);
      const open = openActions(stage ?? 2, state);
      return {
        subject: 'Your complaint is now closed',
        ...(stage === undefined ? {} : { stage }),
        elements: {
          opening: ['We have now closed your complaint.'],
          ...(open.length === 0
            ? {}
            : { outstandingActions: { kind: 'listed', items: open } }),
          nextSteps: [
            ...(open.length === 0
              ? []
              : ['We will still do the things listed above.']),
            'If something new goes wrong, you can make a new complaint at any time.',
          ],
          ombudsman,
        },
      };
    }

    case 'withdrawal-confirmation': {
      const stage = currentStage(state);
      const on = state.withdrawal?.on;
      return {
        subject: 'You have withdrawn your complaint',
        ...(stage === undefined ? {} : { stage }),
        elements: {
          opening: [
            on === undefined
              ? 'You told us that you want to withdraw your complaint. We have now closed it.'
              : `You told us on ${formatLetterDate(on)} that you want to withdraw your complaint. We have now closed it.`,
          ],
          nextSteps: [
            'If you change your mind, please contact us. You can also make a new complaint at any time.',
          ],
          ombudsman,
        },
      };
    }
  }
}

/** `{ [key]: value }`, or nothing when the value is absent. */
function optional<K extends keyof LetterElements>(
  key: K,
  value: LetterElements[K] | undefined,
): Partial<LetterElements> {
  return value === undefined ? {} : { [key]: value };
}

/**
 * The reasons slot, led by the ground's label. Only free-text reasons fill
 * it: a ground's label alone does not explain this resident's case (2.1).
 */
function reasons(
  text: string | undefined,
  ...around: (string | undefined)[]
): Pick<LetterElements, 'reasons'> {
  if (!hasText(text)) return {};
  const [label, ...after] = around;
  return {
    reasons: [
      ...(hasText(label) ? [`${label.replace(/\.$/, '')}.`] : []),
      text,
      ...after.filter(hasText),
    ],
  };
}

function ombudsmanElement(contact: OmbudsmanContact): OmbudsmanElement {
  const name = `the ${contact.shortName}`;
  return {
    contact,
    right: `You can contact ${name} for free, independent advice about your complaint at any time. ${capitalise(name)} can look into your complaint once it has been through our complaints process.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function currentStage(state: ComplaintState): Stage | undefined {
  if (state.stage2 !== undefined) return 2;
  return state.stage1 === undefined ? undefined : 1;
}

function record(state: ComplaintState, stage: Stage): StageRecord | undefined {
  return stage === 1 ? state.stage1 : state.stage2;
}

/** Stage 2 redefines the complaint (5.6); until it does, stage 1's stands. */
function stageDefinition(
  state: ComplaintState,
  stage: Stage,
): ComplaintDefinition | undefined {
  return stage === 1
    ? state.stage1?.definition
    : (state.stage2?.definition ?? state.stage1?.definition);
}

function escalationReceivedOn(state: ComplaintState): IsoDate {
  return (
    state.escalation?.receivedOn ?? state.stage2?.receivedOn ?? state.receivedOn
  );
}

function definitionElement(definition: ComplaintDefinition): DefinitionElement {
  return {
    issues: definition.issues.map((issue) => ({
      id: issue.id,
      summary: issue.summary,
      responsibility: issue.inScope ? 'ours' : 'not-ours',
      ...(issue.signpost === undefined ? {} : { signpost: issue.signpost }),
    })),
    outcomesSought: definition.outcomesSought,
  };
}

/** The response due date in force, from the same clocks the deadlines run. */
function responseDue(
  stage: Stage,
  { state, context }: Facts,
): IsoDate | undefined {
  return dueDates(state, stage, context.policy, context.calendar)?.dueOn;
}

function decisionItems(
  decisions: readonly {
    issueId: string;
    decision: DecisionItem['decision'];
    reasons: string;
  }[],
  issues: readonly { id: string; summary: string }[],
): DecisionItem[] {
  return decisions.map((decision) => ({
    issueId: decision.issueId,
    issue:
      issues.find((issue) => issue.id === decision.issueId)?.summary ??
      decision.issueId,
    decision: decision.decision,
    reasons: decision.reasons,
  }));
}

/**
 * The stage's remedies, plus earlier ones not yet done: each says what and
 * by when (7.3). An apology or explanation is given by the letter itself.
 */
function remediesElement(
  stage: Stage,
  { state, context }: Facts,
  decisions: readonly DecisionItem[],
): RemediesElement {
  const items = state.remedies
    .filter(
      (remedy) =>
        remedy.stage === stage ||
        (remedy.stage < stage && remedy.completedOn === undefined),
    )
    .map((remedy): RemedyItem => {
      const doneOn =
        remedy.completedOn ??
        (remedy.dueOn === undefined && remediesGivenInLetter.has(remedy.kind)
          ? context.today
          : undefined);
      return {
        kind: remedy.kind,
        what: remedy.description,
        ...(remedy.amountPence === undefined
          ? {}
          : { amount: formatPounds(remedy.amountPence) }),
        ...(remedy.dueOn === undefined ? {} : { by: remedy.dueOn }),
        ...(doneOn === undefined ? {} : { doneOn }),
      };
    });
  if (items.length > 0) return { kind: 'offered', items };
  const foundFault = decisions.some(
    (decision) => decision.decision !== 'not-upheld',
  );
  return {
    kind: 'none',
    statement: foundFault
      ? 'We are not offering a remedy.'
      : 'We did not find that we got things wrong, so we are not offering a remedy.',
  };
}

function openActions(stage: Stage, state: ComplaintState): ActionItem[] {
  return state.actions
    .filter(
      (action) => action.stage <= stage && action.completedOn === undefined,
    )
    .map((action) => ({
      what: action.description,
      ...(action.dueOn === undefined ? {} : { dueOn: action.dueOn }),
    }));
}

/** Respond when the answer is known; open actions are listed (6.6). */
function actionsElement(
  stage: Stage,
  state: ComplaintState,
): OutstandingActionsElement {
  const items = openActions(stage, state);
  return items.length > 0
    ? { kind: 'listed', items }
    : {
        kind: 'none',
        statement: 'We have no other actions to complete on your complaint.',
      };
}

/** How and by when to ask for stage 2; no reasons needed (6.12). */
function toStage2(
  { state, context }: Facts,
  respondedOn: IsoDate,
): EscalationElement {
  const { policy, landlord, calendar } = context;
  const stageName = policy.stage2.name;
  const window = policy.escalation.window;
  return {
    route: 'stage2',
    stageName,
    how: `If you are unhappy with our response, you can ask us to take your complaint to ${stageName}. To do this, call us on ${landlord.phone}, email ${landlord.email}, or write to us at ${landlord.address.join(', ')}. Please quote ${state.reference}.`,
    // Always said, whatever the policy: the Code forbids demanding reasons (6.12).
    noReasonsNeeded:
      'You do not have to tell us why you are still unhappy. If you do, it helps us look at the right things.',
    deadline:
      window === null
        ? {
            kind: 'none',
            statement: `There is no deadline for asking us to take your complaint to ${stageName}.`,
          }
        : {
            kind: 'date',
            lastDate: afterPeriod(respondedOn, window, calendar),
            days: window.days,
            unit: window.unit,
          },
  };
}

/** The final response and the way to the Ombudsman (6.10, 6.19 (C)). */
function toOmbudsman({ context, ombudsman }: Facts): EscalationElement {
  const wait = context.policy.ombudsman.waitWeeks;
  return {
    route: 'ombudsman',
    finalResponse:
      'This is our final response. Our complaints process has now finished.',
    how: [
      `If you are still unhappy, you can ask the ${ombudsman.shortName} to look at your complaint. Their contact details are below.`,
      ...(wait === null
        ? []
        : [
            `Our policy asks you to wait ${wait} weeks from the date of this letter before you do this.`,
          ]),
    ].join(' '),
  };
}
