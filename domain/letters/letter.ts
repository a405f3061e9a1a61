import type { IsoDate } from '../calendar/index.js';
import type {
  AccessibleFormat,
  Decision,
  RemedyKind,
  Stage,
} from '../complaint/model.js';
import type { LetterKind } from './kinds.js';

/**
 * A resident-facing letter as structured data, not free text.
 *
 * Design choice: one slot bag ({@link LetterElements}) shared by every kind,
 * rather than one type per kind. Which slots a kind must fill is a table in
 * `check.ts`, so a letter built by hand (or altered after composing) is
 * judged by the same rules as a composed one, and the renderer prints every
 * filled slot in one fixed order whatever the kind.
 *
 * @example
 * const letter = composeLetter('stage1-acknowledgement', state, context);
 * if (checkLetter(letter).ok) send(renderLetterText(letter));
 */
export interface Letter {
  readonly id: string;
  readonly kind: LetterKind;
  /** The stage the letter belongs to; absent before a complaint is in a stage. */
  readonly stage?: Stage;
  readonly complaintId: string;
  readonly reference: string;
  /** The date the letter is sent. */
  readonly date: IsoDate;
  /** The first recipient is the addressee; the rest get copies. */
  readonly recipients: readonly Recipient[];
  readonly format: LetterFormat;
  readonly subject: string;
  readonly salutation: string;
  readonly elements: LetterElements;
  readonly closingLines: readonly string[];
  readonly from: Signature;
}

/**
 * Who gets the letter and how. A representative is a recipient only once
 * the resident's consent is recorded (Code 1.3, 3.6 (C)).
 *
 * @example
 * const to: Recipient = {
 *   role: 'resident',
 *   name: 'Ms Aisha Khan',
 *   delivery: 'post',
 *   address: ['Flat 4, 12 Canal Street', 'Leeds', 'LS1 4AB'],
 * };
 */
export interface Recipient {
  readonly role: 'resident' | 'representative';
  readonly name: string;
  readonly delivery: 'email' | 'post';
  readonly address?: readonly string[];
  readonly email?: string;
}

/**
 * Formats the resident asked for (reasonable adjustments, Code 5.10 (C)).
 *
 * @example
 * const format: LetterFormat = { largePrint: true, otherFormats: [] };
 */
export interface LetterFormat {
  readonly largePrint: boolean;
  /** Requested formats other than large print (easy read, braille, …). */
  readonly otherFormats: readonly AccessibleFormat[];
  readonly language?: string;
}

/**
 * The landlord's sign-off and contact details.
 *
 * @example
 * const from: Signature = {
 *   signOff: 'Yours sincerely',
 *   team: 'Complaints team',
 *   organisation: 'Riverside Homes',
 *   address: ['1 Quay Street', 'Leeds', 'LS1 1AA'],
 *   phone: '0113 496 0000',
 *   email: 'complaints@riverside.example',
 * };
 */
export interface Signature {
  readonly signOff: string;
  readonly team: string;
  readonly organisation: string;
  readonly address: readonly string[];
  readonly phone: string;
  readonly email: string;
  readonly website?: string;
}

/**
 * One named, optional slot for each element the Code asks letters to carry.
 * Dates are kept as data (`IsoDate`) and written out by the renderer.
 *
 * @example
 * const elements: LetterElements = {
 *   stage: { stage: 1, name: 'Stage 1' },
 *   responseDueOn: '2027-01-07',
 *   ombudsman: { contact: housingOmbudsman, right: 'You can contact …' },
 * };
 */
export interface LetterElements {
  /** Opening paragraphs: what the letter is about. */
  readonly opening?: readonly string[];
  /** The complaint stage, named as the policy names it (Code 6.9, 6.19). */
  readonly stage?: StageElement;
  /** "The complaint definition" (Code 5.6), with responsibility (5.7). */
  readonly definition?: DefinitionElement;
  /** What the landlord needs the resident to clarify (Code 5.6). */
  readonly clarification?: ClarificationElement;
  /** A decision with reasons for each issue (Code 6.7 (C), 6.9 (C)). */
  readonly decisions?: readonly DecisionItem[];
  /** Why: for a decline (2.4), an extension (6.4) or an escalation refusal (5.11 (C)). */
  readonly reasons?: readonly string[];
  /** Remedies offered (Code 7.1–7.3), or an explicit statement of none. */
  readonly remedies?: RemediesElement;
  /** Actions still to do (Code 6.6), or an explicit statement of none. */
  readonly outstandingActions?: OutstandingActionsElement;
  /** When the landlord will acknowledge (receipt confirmation, Code 6.2). */
  readonly acknowledgeDueOn?: IsoDate;
  /** When the stage response is due (Code 6.3, 6.14). */
  readonly responseDueOn?: IsoDate;
  /** The due date an extension replaces (Code 6.4, 6.15 (C)). */
  readonly previousDueOn?: IsoDate;
  /** The new due date after an extension (Code 6.4, 6.15 (C)). */
  readonly newDueOn?: IsoDate;
  readonly nextSteps?: readonly string[];
  /** How to take it further: stage 2 (6.9 (C), 6.12) or the Ombudsman (6.19 (C)). */
  readonly escalation?: EscalationElement;
  /** The Ombudsman's details and the resident's rights (item 19; 2.4). */
  readonly ombudsman?: OmbudsmanElement;
}

/** @example const stage: StageElement = { stage: 2, name: 'Stage 2' }; */
export interface StageElement {
  readonly stage: Stage;
  readonly name: string;
}

/**
 * The complaint definition as the resident will read it.
 *
 * @example
 * const definition: DefinitionElement = {
 *   issues: [{ id: 'i1', summary: 'Boiler not fixed', responsibility: 'ours' }],
 *   outcomesSought: ['A working boiler'],
 * };
 */
export interface DefinitionElement {
  readonly issues: readonly DefinedIssue[];
  readonly outcomesSought: readonly string[];
}

/** One issue, and whether it is the landlord's to answer (Code 5.7). */
export interface DefinedIssue {
  readonly id: string;
  readonly summary: string;
  readonly responsibility: 'ours' | 'not-ours';
  /** Who to go to instead, for an aspect that is not the landlord's. */
  readonly signpost?: string;
}

/** @example const c: ClarificationElement = { questions: ['Which window?'] }; */
export interface ClarificationElement {
  readonly questions: readonly string[];
}

/**
 * @example
 * const item: DecisionItem = {
 *   issueId: 'i1',
 *   issue: 'Boiler not fixed',
 *   decision: 'upheld',
 *   reasons: 'The repair took 21 days; our target is 7.',
 * };
 */
export interface DecisionItem {
  readonly issueId: string;
  /** The issue's summary, repeated so the decision reads on its own. */
  readonly issue: string;
  readonly decision: Decision;
  readonly reasons: string;
}

/**
 * @example
 * const none: RemediesElement = {
 *   kind: 'none',
 *   statement: 'We are not offering a remedy.',
 * };
 */
export type RemediesElement =
  | { readonly kind: 'offered'; readonly items: readonly RemedyItem[] }
  | { readonly kind: 'none'; readonly statement: string };

/**
 * A remedy says what will happen and by when (Code 7.3).
 *
 * @example
 * const item: RemedyItem = {
 *   kind: 'financial',
 *   what: 'Compensation for the time without heating',
 *   amount: '£150.00',
 *   by: '2027-01-21',
 * };
 */
export interface RemedyItem {
  readonly kind: RemedyKind;
  readonly what: string;
  /** Pounds, written out (e.g. `£150.00`), for financial remedies. */
  readonly amount?: string;
  /** When it will be done. */
  readonly by?: IsoDate;
  /** When it was done (the letter's own date: given in this letter). */
  readonly doneOn?: IsoDate;
}

/**
 * @example
 * const actions: OutstandingActionsElement = {
 *   kind: 'listed',
 *   items: [{ what: 'Replace the boiler', dueOn: '2027-01-29' }],
 * };
 */
export type OutstandingActionsElement =
  | { readonly kind: 'listed'; readonly items: readonly ActionItem[] }
  | { readonly kind: 'none'; readonly statement: string };

/** @example const a: ActionItem = { what: 'Fit a new door', dueOn: '2027-02-01' }; */
export interface ActionItem {
  readonly what: string;
  readonly dueOn?: IsoDate;
}

/**
 * After a stage 1 response: how and by when to ask for stage 2, and that no
 * reasons are needed (Code 6.12). After a stage 2 response: that this is the
 * final response and how to go to the Ombudsman (6.10, 6.19 (C)).
 *
 * @example
 * const escalation: EscalationElement = {
 *   route: 'stage2',
 *   stageName: 'Stage 2',
 *   how: 'Phone us on 0113 496 0000.',
 *   noReasonsNeeded: 'You do not have to tell us why.',
 *   deadline: { kind: 'none', statement: 'There is no deadline.' },
 * };
 */
export type EscalationElement =
  | {
      readonly route: 'stage2';
      readonly stageName: string;
      readonly how: string;
      readonly noReasonsNeeded: string;
      readonly deadline: EscalationDeadline;
    }
  | {
      readonly route: 'ombudsman';
      readonly finalResponse: string;
      readonly how: string;
    };

/**
 * The escalation window: a last date, or an explicit statement of none.
 *
 * @example
 * const d: EscalationDeadline = {
 *   kind: 'date', lastDate: '2027-02-12', days: 20, unit: 'working-days',
 * };
 */
export type EscalationDeadline =
  | {
      readonly kind: 'date';
      readonly lastDate: IsoDate;
      readonly days: number;
      readonly unit: 'calendar-days' | 'working-days';
    }
  | { readonly kind: 'none'; readonly statement: string };

/**
 * @example
 * const ombudsman: OmbudsmanElement = {
 *   contact: housingOmbudsman,
 *   right: 'You can contact the Housing Ombudsman at any time.',
 * };
 */
export interface OmbudsmanElement {
  readonly contact: OmbudsmanContact;
  /** The resident's right to go to the Ombudsman, and how (item 19). */
  readonly right: string;
  /** For a decline or refusal: the right to take that decision to the Ombudsman (2.4). */
  readonly decisionRight?: string;
}

/**
 * How to reach an ombudsman.
 *
 * @example
 * const contact: OmbudsmanContact = housingOmbudsman;
 */
export interface OmbudsmanContact {
  /** The body's full name, e.g. `Housing Ombudsman Service`. */
  readonly name: string;
  /** How a sentence names it after "the", e.g. `Housing Ombudsman`. */
  readonly shortName: string;
  readonly address: readonly string[];
  readonly phone: string;
  readonly email?: string;
  readonly website: string;
}

/**
 * The landlord's details, as the letter's sender.
 *
 * @example
 * const landlord: LandlordContact = {
 *   name: 'Riverside Homes',
 *   address: ['1 Quay Street', 'Leeds', 'LS1 1AA'],
 *   phone: '0113 496 0000',
 *   email: 'complaints@riverside.example',
 * };
 */
export interface LandlordContact {
  readonly name: string;
  readonly address: readonly string[];
  readonly phone: string;
  readonly email: string;
  readonly website?: string;
}

/**
 * The parts of a letter `checkLetter` can find missing. A dotted name is one
 * part of a slot (e.g. `escalation.deadline`); `recipients` is the address
 * block.
 */
export type ElementName =
  | 'recipients'
  | 'stage'
  | 'definition'
  | 'definition.responsibility'
  | 'clarification'
  | 'decisions'
  | 'reasons'
  | 'remedies'
  | 'outstandingActions'
  | 'responseDueOn'
  | 'newDueOn'
  | 'nextSteps'
  | 'escalation.how'
  | 'escalation.deadline'
  | 'escalation.noReasonsNeeded'
  | 'escalation.finalResponse'
  | 'ombudsman.contact'
  | 'ombudsman.right'
  | 'ombudsman.decisionRight';

/**
 * One element a letter lacks, with the clause that requires it
 * (REGULATION.md numbering; `(C)` where that clause is only corroborated).
 *
 * @example
 * const missing: MissingElement = {
 *   element: 'reasons',
 *   clause: '2.4',
 *   detail: 'A decline must explain why the complaint is not accepted.',
 * };
 */
export interface MissingElement {
  readonly element: ElementName;
  readonly clause: string;
  readonly detail: string;
}

/** @example const result: LetterCheck = { ok: true }; */
export type LetterCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly missing: readonly MissingElement[] };
