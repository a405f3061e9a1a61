import type { Decision } from '../complaint/model.js';
import { formatLetterDate } from './format.js';
import type {
  EscalationElement,
  Letter,
  LetterElements,
  OmbudsmanElement,
  RemediesElement,
} from './letter.js';

const DECISION_TEXT: Record<Decision, string> = {
  upheld: 'Upheld. We agree we got this wrong.',
  'partly-upheld': 'Partly upheld. We agree we got some of this wrong.',
  'not-upheld': 'Not upheld. We do not think we got this wrong.',
};

/** Ends text with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function heading(title: string): string {
  return `${title}\n${'-'.repeat(title.length)}`;
}

/** A heading, then its paragraphs with a blank line between them. */
function section(title: string, paragraphs: readonly string[]): string {
  return `${heading(title)}\n${paragraphs.join('\n\n')}`;
}

/**
 * The sections a letter can have, in the one order every letter uses. Each
 * returns its heading and body, or nothing when the slot is empty.
 */
const SECTIONS: readonly ((letter: Letter) => string | undefined)[] = [
  ({ elements: { stage } }) =>
    stage === undefined
      ? undefined
      : section('Complaint stage', [
          `${stage.name}${stage.stage === 2 ? ' (our final stage)' : ''}`,
        ]),
  ({ elements: { definition } }) => {
    if (definition === undefined) return undefined;
    const issues = definition.issues.map((issue, index) => {
      const whose =
        issue.responsibility === 'ours'
          ? 'We are responsible for this.'
          : `We are not responsible for this.${issue.signpost === undefined ? '' : ` ${sentence(issue.signpost)}`}`;
      return `${index + 1}. ${sentence(issue.summary)}\n   ${whose}`;
    });
    return section('What your complaint is about', [
      ['We understand your complaint to be about:', ...issues].join('\n'),
      [
        'What you would like to happen:',
        ...definition.outcomesSought.map((outcome) => `- ${sentence(outcome)}`),
      ].join('\n'),
    ]);
  },
  ({ elements: { clarification } }) =>
    clarification === undefined
      ? undefined
      : section('What we need from you', [
          clarification.questions.map((question) => `- ${question}`).join('\n'),
        ]),
  ({ elements: { decisions } }) =>
    decisions === undefined
      ? undefined
      : section(
          'Our decision',
          decisions.map(
            (item, index) =>
              `${index + 1}. ${sentence(item.issue)}\n   Our decision: ${DECISION_TEXT[item.decision]}\n   Why: ${sentence(item.reasons)}`,
          ),
        ),
  ({ elements: { reasons } }) =>
    reasons === undefined
      ? undefined
      : section('Our reasons', reasons.map(sentence)),
  (letter) =>
    letter.elements.remedies === undefined
      ? undefined
      : section('Putting things right', [
          remedies(letter, letter.elements.remedies),
        ]),
  ({ elements: { outstandingActions } }) =>
    outstandingActions === undefined
      ? undefined
      : section('What we will still do', [
          outstandingActions.kind === 'none'
            ? outstandingActions.statement
            : outstandingActions.items
                .map(
                  (item) =>
                    `- ${sentence(item.what)}${item.dueOn === undefined ? '' : ` By ${formatLetterDate(item.dueOn)}.`}`,
                )
                .join('\n'),
        ]),
  ({ elements }) => dates(elements),
  ({ elements: { nextSteps } }) =>
    nextSteps === undefined
      ? undefined
      : section('What happens next', nextSteps),
  ({ elements: { escalation } }) =>
    escalation === undefined ? undefined : escalationSection(escalation),
  ({ elements: { ombudsman } }) =>
    ombudsman === undefined ? undefined : ombudsmanSection(ombudsman),
];

function remedies(letter: Letter, slot: RemediesElement): string {
  if (slot.kind === 'none') return slot.statement;
  return slot.items
    .map((item) => {
      const amount =
        item.amount === undefined ? '' : ` Amount: ${item.amount}.`;
      const when =
        item.doneOn === letter.date
          ? ' Given in this letter.'
          : item.doneOn !== undefined
            ? ` Done on ${formatLetterDate(item.doneOn)}.`
            : item.by !== undefined
              ? ` By ${formatLetterDate(item.by)}.`
              : '';
      return `- ${sentence(item.what)}${amount}${when}`;
    })
    .join('\n');
}

function dates(elements: LetterElements): string | undefined {
  const { acknowledgeDueOn, responseDueOn, previousDueOn, newDueOn } = elements;
  const lines: string[] = [];
  if (acknowledgeDueOn !== undefined) {
    lines.push(
      `We will write to you again by ${formatLetterDate(acknowledgeDueOn)}.`,
    );
  }
  if (responseDueOn !== undefined) {
    lines.push(
      `We will send you our full response by ${formatLetterDate(responseDueOn)}.`,
    );
  }
  if (newDueOn !== undefined) {
    lines.push(
      previousDueOn === undefined
        ? `We will now reply by ${formatLetterDate(newDueOn)}.`
        : `We said we would reply by ${formatLetterDate(previousDueOn)}. We will now reply by ${formatLetterDate(newDueOn)}.`,
    );
  }
  if (lines.length === 0) return undefined;
  const title =
    acknowledgeDueOn !== undefined && responseDueOn === undefined
      ? 'When we will write again'
      : 'When we will reply';
  return section(title, [lines.join('\n')]);
}

function escalationSection(escalation: EscalationElement): string {
  if (escalation.route === 'ombudsman') {
    return section('If you are still unhappy', [
      escalation.finalResponse,
      escalation.how,
    ]);
  }
  const { deadline } = escalation;
  const when =
    deadline.kind === 'none'
      ? deadline.statement
      : `Please ask us by ${formatLetterDate(deadline.lastDate)}. That is ${deadline.days} ${deadline.unit === 'working-days' ? 'working days' : 'days'} after our response.`;
  return section('If you are unhappy with our response', [
    escalation.how,
    when,
    escalation.noReasonsNeeded,
  ]);
}

function ombudsmanSection(ombudsman: OmbudsmanElement): string {
  const { contact } = ombudsman;
  return section(`The ${contact.shortName}`, [
    ombudsman.right,
    ...(ombudsman.decisionRight === undefined ? [] : [ombudsman.decisionRight]),
    [
      contact.name,
      ...contact.address,
      `Phone: ${contact.phone}`,
      ...(contact.email === undefined ? [] : [`Email: ${contact.email}`]),
      `Website: ${contact.website}`,
    ].join('\n'),
  ]);
}

function addressBlock(letter: Letter): string {
  const [to] = letter.recipients;
  if (to === undefined) return '';
  return to.delivery === 'post'
    ? [to.name, ...(to.address ?? [])].join('\n')
    : `${to.name}\nBy email: ${to.email ?? ''}`;
}

/**
 * The letter as plain text: the body of the email, and the basis of the
 * printed letter. Sections come in one fixed order with a heading each, so
 * a resident finds the same thing in the same place in every letter.
 *
 * @example
 * const text = renderLetterText(letter);
 * text.includes('When we will reply'); // true for an acknowledgement
 */
export function renderLetterText(letter: Letter): string {
  const { from } = letter;
  const letterhead = [
    from.organisation,
    ...from.address,
    `Phone: ${from.phone}`,
    `Email: ${from.email}`,
    ...(from.website === undefined ? [] : [`Website: ${from.website}`]),
  ].join('\n');
  const copies = letter.recipients
    .slice(1)
    .map((to) => `${to.name} (${to.role})`);
  const blocks = [
    letterhead,
    formatLetterDate(letter.date),
    addressBlock(letter),
    `Our reference: ${letter.reference}`,
    `${letter.salutation},`,
    `${letter.subject}\n${'='.repeat(letter.subject.length)}`,
    ...(letter.elements.opening ?? []),
    ...SECTIONS.map((section) => section(letter)),
    ...letter.closingLines,
    `${from.signOff},\n\n${from.team}\n${from.organisation}`,
    ...(copies.length === 0 ? [] : [`Copy sent to: ${copies.join(', ')}`]),
  ];
  return `${blocks.filter((block) => block !== undefined && block !== '').join('\n\n')}\n`;
}
