import { isIsoDate } from '../calendar/index.js';
import type { LetterKind } from './kinds.js';
import type {
  ElementName,
  Letter,
  LetterCheck,
  MissingElement,
} from './letter.js';

/**
 * One rule: the problems it finds with one element. Each rule reports an
 * element at most once, with every problem in its detail, so a blank slot
 * shows up as exactly one missing element.
 */
type Rule = (letter: Letter) => MissingElement[];

// Rules read letters that may have been built by hand, stored, or altered
// after composing, so they take nothing on trust: values are `unknown` here.

const hasText = (value: unknown): boolean =>
  typeof value === 'string' && value.trim() !== '';

const listOf = (value: unknown): readonly unknown[] =>
  Array.isArray(value) ? value : [];

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;

const isDate = (value: unknown): boolean =>
  typeof value === 'string' && isIsoDate(value);

function missing(
  element: ElementName,
  clause: string,
  problems: readonly string[],
): MissingElement[] {
  return problems.length === 0
    ? []
    : [{ element, clause, detail: problems.join(' ') }];
}

function issueIds(letter: Letter): string[] {
  return listOf(field(letter.elements.definition, 'issues'))
    .map((issue) => field(issue, 'id'))
    .filter((id): id is string => typeof id === 'string');
}

/** Someone must be able to receive it, by the delivery chosen (3.6, 5.10 (C)). */
const recipients: Rule = (letter) => {
  const list = listOf(letter.recipients);
  const problems = list.length === 0 ? ['The letter has no recipient.'] : [];
  list.forEach((to, index) => {
    const name = `Recipient ${index + 1}`;
    if (!hasText(field(to, 'name'))) problems.push(`${name} has no name.`);
    const delivery = field(to, 'delivery');
    if (delivery === 'email') {
      const email = field(to, 'email');
      if (!hasText(email) || !String(email).includes('@')) {
        problems.push(`${name} is sent by email but has no email address.`);
      }
    } else if (delivery === 'post') {
      if (!listOf(field(to, 'address')).some(hasText)) {
        problems.push(`${name} is sent by post but has no postal address.`);
      }
    } else {
      problems.push(`${name} has no way of delivery.`);
    }
  });
  return missing('recipients', '3.6, 5.10 (C)', problems);
};

/** The Ombudsman's contact details (item 19; 2.4, 6.5 where cited). */
const ombudsmanContact =
  (clause: string): Rule =>
  (letter) => {
    const contact = field(letter.elements.ombudsman, 'contact');
    const problems: string[] = [];
    for (const key of ['name', 'phone', 'website'] as const) {
      if (!hasText(field(contact, key))) {
        problems.push(`The Ombudsman's ${key} is missing.`);
      }
    }
    if (!listOf(field(contact, 'address')).some(hasText)) {
      problems.push(`The Ombudsman's address is missing.`);
    }
    return missing('ombudsman.contact', clause, problems);
  };

/** The resident's right to go to the Ombudsman (item 19, 3.7 (C)). */
const ombudsmanRight: Rule = (letter) =>
  missing(
    'ombudsman.right',
    '3.7 (C)',
    hasText(field(letter.elements.ombudsman, 'right'))
      ? []
      : ["The resident's right to go to the Ombudsman is not stated."],
  );

/** The right to take a decline or refusal to the Ombudsman (2.4). */
const decisionRight =
  (clause: string): Rule =>
  (letter) =>
    missing(
      'ombudsman.decisionRight',
      clause,
      hasText(field(letter.elements.ombudsman, 'decisionRight'))
        ? []
        : ['The right to take this decision to the Ombudsman is not stated.'],
    );

const reasons =
  (clause: string): Rule =>
  (letter) =>
    missing(
      'reasons',
      clause,
      listOf(letter.elements.reasons).some(hasText)
        ? []
        : ['The reasons are missing.'],
    );

const dateSlot =
  (element: 'responseDueOn' | 'newDueOn', clause: string): Rule =>
  (letter) =>
    missing(
      element,
      clause,
      isDate(letter.elements[element])
        ? []
        : [`The ${element === 'newDueOn' ? 'new ' : ''}due date is missing.`],
    );

const stage =
  (clause: string): Rule =>
  (letter) => {
    const slot = letter.elements.stage;
    const number = field(slot, 'stage');
    return missing(
      'stage',
      clause,
      hasText(field(slot, 'name')) && (number === 1 || number === 2)
        ? []
        : ['The complaint stage is not stated.'],
    );
  };

/** The complaint definition: issues and outcomes sought (5.6). */
const definition =
  (clause: string): Rule =>
  (letter) => {
    const slot = letter.elements.definition;
    if (slot === undefined) {
      return missing('definition', clause, [
        'The complaint definition is missing.',
      ]);
    }
    const issues = listOf(field(slot, 'issues'));
    const problems: string[] = [];
    if (issues.length === 0) problems.push('It lists no issues.');
    issues.forEach((issue, index) => {
      if (!hasText(field(issue, 'summary'))) {
        problems.push(`Issue ${index + 1} has no summary.`);
      }
    });
    if (!listOf(field(slot, 'outcomesSought')).some(hasText)) {
      problems.push('It does not say what outcome the resident wants.');
    }
    return missing('definition', clause, problems);
  };

/** Which aspects are and are not the landlord's, with a signpost (5.7). */
const responsibility: Rule = (letter) => {
  const issues = listOf(field(letter.elements.definition, 'issues'));
  const problems: string[] = [];
  issues.forEach((issue, index) => {
    const said = field(issue, 'responsibility');
    if (said !== 'ours' && said !== 'not-ours') {
      problems.push(`Issue ${index + 1} does not say whether it is ours.`);
    } else if (said === 'not-ours' && !hasText(field(issue, 'signpost'))) {
      problems.push(
        `Issue ${index + 1} is not ours but does not say who to go to.`,
      );
    }
  });
  return missing('definition.responsibility', '5.7', problems);
};

const DECISIONS = new Set(['upheld', 'partly-upheld', 'not-upheld']);

/** A decision with reasons on every issue in the definition (6.7 (C), 6.9 (C)). */
const decisions =
  (clause: string): Rule =>
  (letter) => {
    const list = listOf(letter.elements.decisions);
    const problems: string[] =
      list.length === 0 ? ['There is no decision.'] : [];
    const decided = new Set(list.map((item) => field(item, 'issueId')));
    for (const id of issueIds(letter)) {
      if (!decided.has(id)) problems.push(`Issue ${id} has no decision.`);
    }
    list.forEach((item, index) => {
      if (!DECISIONS.has(String(field(item, 'decision')))) {
        problems.push(`Decision ${index + 1} does not say upheld or not.`);
      }
      if (!hasText(field(item, 'reasons'))) {
        problems.push(`Decision ${index + 1} gives no reasons.`);
      }
    });
    return missing('decisions', clause, problems);
  };

/**
 * Remedies offered, each saying what and by when (7.3), or an explicit
 * none; and where something went wrong, something to put it right (7.1).
 */
const remedies =
  (clause: string): Rule =>
  (letter) => {
    const slot = letter.elements.remedies;
    const kind = field(slot, 'kind');
    if (kind === 'none') {
      if (!hasText(field(slot, 'statement'))) {
        return missing('remedies', clause, [
          'The "no remedy" statement is blank.',
        ]);
      }
      const foundFault = listOf(letter.elements.decisions).some((item) => {
        const decision = field(item, 'decision');
        return decision === 'upheld' || decision === 'partly-upheld';
      });
      return missing(
        'remedies',
        '7.1',
        foundFault
          ? [
              'A complaint upheld in whole or part offers nothing to put it right.',
            ]
          : [],
      );
    }
    const items = listOf(field(slot, 'items'));
    if (kind !== 'offered' || items.length === 0) {
      return missing('remedies', clause, [
        'Remedies are not listed, and the letter does not say there are none.',
      ]);
    }
    const problems: string[] = [];
    items.forEach((item, index) => {
      const name = `Remedy ${index + 1}`;
      if (!hasText(field(item, 'what')))
        problems.push(`${name} does not say what.`);
      if (!isDate(field(item, 'by')) && !isDate(field(item, 'doneOn'))) {
        problems.push(`${name} does not say by when.`);
      }
      if (
        field(item, 'kind') === 'financial' &&
        !hasText(field(item, 'amount'))
      ) {
        problems.push(`${name} is financial but gives no amount.`);
      }
    });
    return missing('remedies', '7.3', problems);
  };

/** Outstanding actions, each with a due date (6.6 (C)), or an explicit none. */
const outstandingActions =
  (clause: string, itemClause: string): Rule =>
  (letter) => {
    const slot = letter.elements.outstandingActions;
    const kind = field(slot, 'kind');
    if (kind === 'none') {
      return missing(
        'outstandingActions',
        clause,
        hasText(field(slot, 'statement'))
          ? []
          : ['The "no outstanding actions" statement is blank.'],
      );
    }
    const items = listOf(field(slot, 'items'));
    if (kind !== 'listed' || items.length === 0) {
      return missing('outstandingActions', clause, [
        'Outstanding actions are not listed, and the letter does not say there are none.',
      ]);
    }
    const problems: string[] = [];
    items.forEach((item, index) => {
      if (!hasText(field(item, 'what'))) {
        problems.push(`Action ${index + 1} does not say what.`);
      }
      if (!isDate(field(item, 'dueOn'))) {
        problems.push(`Action ${index + 1} has no due date.`);
      }
    });
    return missing('outstandingActions', itemClause, problems);
  };

/** How and by when to ask for stage 2, and that no reasons are needed. */
const toStage2: Rule = (letter) => {
  const slot = letter.elements.escalation;
  const stage2 = field(slot, 'route') === 'stage2' ? slot : undefined;
  const deadline = field(stage2, 'deadline');
  const deadlineKind = field(deadline, 'kind');
  const days = field(deadline, 'days');
  const deadlineStated =
    deadlineKind === 'none'
      ? hasText(field(deadline, 'statement'))
      : deadlineKind === 'date' &&
        isDate(field(deadline, 'lastDate')) &&
        Number.isInteger(days) &&
        Number(days) > 0;
  return [
    ...missing(
      'escalation.how',
      '6.9 (C)',
      hasText(field(stage2, 'how'))
        ? []
        : ['The letter does not say how to ask for stage 2.'],
    ),
    ...missing(
      'escalation.deadline',
      '6.9 (C)',
      deadlineStated
        ? []
        : [
            'The letter does not say by when to ask for stage 2, or that there is no deadline.',
          ],
    ),
    ...missing(
      'escalation.noReasonsNeeded',
      '6.12',
      hasText(field(stage2, 'noReasonsNeeded'))
        ? []
        : [
            'The letter does not say that no reasons are needed to ask for stage 2.',
          ],
    ),
  ];
};

/** The final response, and how to go to the Ombudsman (6.10, 6.19 (C)). */
const toOmbudsman: Rule = (letter) => {
  const slot = letter.elements.escalation;
  const final = field(slot, 'route') === 'ombudsman' ? slot : undefined;
  return [
    ...missing(
      'escalation.how',
      '6.19 (C)',
      hasText(field(final, 'how'))
        ? []
        : [
            'The letter does not say how to take the complaint to the Ombudsman.',
          ],
    ),
    ...missing(
      'escalation.finalResponse',
      '6.10',
      hasText(field(final, 'finalResponse'))
        ? []
        : ['The letter does not say it is the final response.'],
    ),
  ];
};

const nonBlankList =
  (
    element: 'nextSteps' | 'clarification',
    clause: string,
    read: (letter: Letter) => unknown,
    problem: string,
  ): Rule =>
  (letter) =>
    missing(
      element,
      clause,
      listOf(read(letter)).some(hasText) ? [] : [problem],
    );

/** Every mandatory element of a stage response (6.9 (C); 6.19 (C) at stage 2). */
function response(
  clause: string,
  decisionClause: string,
  actionClause: string,
): Rule[] {
  return [
    stage(clause),
    definition(clause),
    responsibility,
    decisions(decisionClause),
    remedies(clause),
    outstandingActions(clause, actionClause),
  ];
}

/** What each kind must carry beyond what every letter must (REGULATION §1). */
const RULES: Record<LetterKind, readonly Rule[]> = {
  'receipt-confirmation': [],
  'service-request-notice': [
    nonBlankList(
      'nextSteps',
      '1.5, HOS-FAQ',
      (letter) => letter.elements.nextSteps,
      'The next steps are not stated.',
    ),
  ],
  decline: [reasons('2.4'), decisionRight('2.4')],
  'clarification-request': [
    nonBlankList(
      'clarification',
      '5.6',
      (letter) => field(letter.elements.clarification, 'questions'),
      'There is no question for the resident.',
    ),
  ],
  'stage1-acknowledgement': [
    definition('5.6'),
    responsibility,
    dateSlot('responseDueOn', '6.3'),
  ],
  'stage1-extension': [reasons('6.4'), dateSlot('newDueOn', '6.4')],
  'stage1-response': [
    ...response('6.9 (C)', '6.7, 6.9 (C)', '6.6 (C)'),
    toStage2,
  ],
  'stage2-acknowledgement': [
    definition('5.6'),
    responsibility,
    dateSlot('responseDueOn', '6.14'),
  ],
  'stage2-extension': [reasons('6.15 (C)'), dateSlot('newDueOn', '6.15 (C)')],
  'stage2-response': [
    ...response('6.19 (C)', '6.17–6.18 (C), 6.19 (C)', '6.17 (C)'),
    toOmbudsman,
  ],
  'escalation-refusal': [reasons('5.11 (C)'), decisionRight('5.11 (C), 2.4')],
  closure: [],
  'withdrawal-confirmation': [],
};

/**
 * The clause that puts the Ombudsman's details in each kind. Every letter
 * carries them (item 19, 3.7 (C)); some kinds by a clause of their own.
 */
const OMBUDSMAN_DETAILS: Partial<Record<LetterKind, string>> = {
  decline: '2.4',
  'stage1-extension': '6.5',
  'stage2-extension': '6.16 (C)',
  'escalation-refusal': '5.11 (C), 2.4',
};

/**
 * Checks that a letter carries every element the Code requires of its kind,
 * before it is sent. It judges the letter alone, not how it was made: a
 * letter built by hand, or changed after composing, gets the same check.
 * Blank or whitespace-only text counts as missing.
 *
 * @example
 * const result = checkLetter(letter);
 * if (!result.ok) {
 *   result.missing; // [{ element: 'reasons', clause: '2.4', detail: '…' }]
 * }
 */
export function checkLetter(letter: Letter): LetterCheck {
  const rules: readonly Rule[] = [
    recipients,
    ombudsmanContact(OMBUDSMAN_DETAILS[letter.kind] ?? '3.7 (C)'),
    ombudsmanRight,
    ...(RULES[letter.kind] ?? []),
  ];
  const found = rules.flatMap((rule) => rule(letter));
  return found.length === 0 ? { ok: true } : { ok: false, missing: found };
}
