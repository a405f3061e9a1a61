/**
 * Resident-facing letters as data: compose one from a complaint's state,
 * check it carries every element the Code requires of its kind, and render
 * it as plain text. No sending here: that is `functions/letters`.
 *
 * @example
 * import { checkLetter, composeLetter, renderLetterText } from './letters/index.js';
 * const letter = composeLetter('stage1-response', state, context);
 * const result = checkLetter(letter);
 * if (result.ok) mailer.send(renderLetterText(letter));
 */

export { checkLetter } from './check.js';
export type { ComposeContext } from './compose.js';
export { composeLetter } from './compose.js';
export { formatLetterDate, formatPounds } from './format.js';
export type { LetterKind } from './kinds.js';
export { letterKinds } from './kinds.js';
export type {
  ActionItem,
  ClarificationElement,
  DecisionItem,
  DefinedIssue,
  DefinitionElement,
  ElementName,
  EscalationDeadline,
  EscalationElement,
  LandlordContact,
  Letter,
  LetterCheck,
  LetterElements,
  LetterFormat,
  MissingElement,
  OmbudsmanContact,
  OmbudsmanElement,
  OutstandingActionsElement,
  Recipient,
  RemediesElement,
  RemedyItem,
  Signature,
  StageElement,
} from './letter.js';
export {
  housingOmbudsman,
  ombudsmanFor,
  publicServicesOmbudsmanWales,
  scottishPublicServicesOmbudsman,
} from './ombudsman.js';
export { renderLetterText } from './render.js';
