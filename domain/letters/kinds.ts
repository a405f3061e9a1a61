/**
 * Every resident-facing letter Hearth sends. Each has a fixed set of
 * mandatory elements that `checkLetter` enforces before sending.
 */
export const letterKinds = [
  'receipt-confirmation',
  'service-request-notice',
  'decline',
  'clarification-request',
  'stage1-acknowledgement',
  'stage1-extension',
  'stage1-response',
  'stage2-acknowledgement',
  'stage2-extension',
  'stage2-response',
  'escalation-refusal',
  'closure',
  'withdrawal-confirmation',
] as const;

export type LetterKind = (typeof letterKinds)[number];
