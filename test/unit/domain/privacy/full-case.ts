/**
 * One complaint that uses nearly every event, its personal data and free
 * texts given by the caller, driven through `decide` on fixed dates under
 * the Code 2024 defaults: received by email with a representative, files
 * and adjustments; clarified, acknowledged, extended, an issue added,
 * correspondence, a contact restriction reviewed, a stage 1 response with
 * remedies and actions, a letter printed, escalated with reasons,
 * answered at stage 2, an Ombudsman evidence request answered, closed with
 * learning. Each decision is kept, so its events can be folded again.
 */
import {
  applyDecision,
  type Command,
  type ComplaintEvent,
  type ComplaintState,
  code2024,
  decide,
  type Intent,
  ukBankHolidays,
  workingCalendar,
} from '../../../../domain/index.js';

/** Every personal value and free text the case carries. */
export interface Words {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly addressLine: string;
  readonly language: string;
  readonly repName: string;
  readonly repEmail: string;
  readonly repPhone: string;
  readonly repAddressLine: string;
  readonly relationship: string;
  readonly vulnerability: string;
  readonly adjustment: string;
  readonly summary: string;
  readonly outcomeSought: string;
  readonly messageId: string;
  readonly filename: string;
  readonly questions: string;
  readonly issue: string;
  readonly signpost: string;
  readonly outcome: string;
  readonly extension: string;
  readonly goodReason: string;
  readonly lateIssue: string;
  readonly correspondence: string;
  readonly restrictionReasons: string;
  readonly equality: string;
  readonly reviewNotes: string;
  readonly reasons: string;
  readonly response: string;
  readonly remedy: string;
  readonly action: string;
  readonly escalationReasons: string;
  readonly evidence: string;
  readonly closeReason: string;
  readonly learning: string;
}

/** The hand-checked case's words: each marked `PII` so a leak is easy to see. */
export const markedWords: Words = {
  name: 'PII Jo Bloggs',
  email: 'pii.jo.bloggs@example.org',
  phone: '07700 900123 PII',
  addressLine: 'PII 1 Acacia Avenue',
  language: 'PII Polish',
  repName: 'PII Sam Advocate',
  repEmail: 'pii.sam@advice.example',
  repPhone: '01632 960001 PII',
  repAddressLine: 'PII 2 Court Road',
  relationship: 'PII support worker',
  vulnerability: 'PII uses a wheelchair',
  adjustment: 'PII calls after 2pm',
  summary: 'PII my boiler has failed three times',
  outcomeSought: 'PII a working boiler',
  messageId: '<pii-first@mail.example.org>',
  filename: 'PII-boiler.jpg',
  questions: 'PII which rooms are cold?',
  issue: 'PII boiler repairs not completed',
  signpost: 'PII the gas supplier',
  outcome: 'PII an apology',
  extension: 'PII waiting on the contractor',
  goodReason: 'PII parts on order',
  lateIssue: 'PII missed appointment on 9 June',
  correspondence: 'PII photos of the boiler attached',
  restrictionReasons: 'PII abusive calls',
  equality: 'PII considered her disability',
  reviewNotes: 'PII calls are calmer',
  reasons: 'PII three visits failed',
  response: 'PII we are sorry',
  remedy: 'PII £50 for the inconvenience',
  action: 'PII replace the boiler',
  escalationReasons: 'PII still cold',
  evidence: 'PII the repair log',
  closeReason: 'PII resolved',
  learning: 'PII book parts first',
};

export interface Decided {
  readonly version: number;
  readonly events: readonly ComplaintEvent[];
  readonly intents: readonly Intent[];
}

const policy = code2024;
const calendar = workingCalendar({
  nation: policy.nation,
  feed: ukBankHolidays,
  closureDays: policy.closureDays,
});

const officer = { kind: 'staff', id: 'officer-ana' } as const;
const manager = { kind: 'staff', id: 'manager-ben' } as const;
const residentActor = { kind: 'resident', id: 'email' } as const;

/** 10:00 on a date (BST in summer). */
const at = (date: string) => `${date}T09:00:00Z`;

export const reference = 'HTH-2025-000001';
export const attachmentKey = `attachments/${reference}/u1-photo.jpg`;
export const laterKey = `attachments/${reference}/u2-photo.jpg`;
export const pdfKey = `letters/local/${reference}/stage1-response-13.pdf`;

/** The whole case: its final state and each decision, in order. */
export function fullCase(words: Words = markedWords): {
  state: ComplaintState;
  decisions: Decided[];
} {
  let state: ComplaintState | undefined;
  let ids = 0;
  const decisions: Decided[] = [];
  const run = (
    date: string,
    command: Command,
    actor: typeof officer | typeof manager | typeof residentActor = officer,
  ) => {
    const result = decide(state, command, {
      now: at(date),
      policy,
      calendar,
      actor,
      newId: () => `id-${++ids}`,
    });
    if (!result.ok) {
      throw new Error(`${command.type}: ${result.rejection.code}`);
    }
    if (result.events.length === 0) return;
    state = result.state;
    decisions.push({
      version: result.state.version,
      events: result.events,
      intents: result.intents,
    });
  };
  const current = (): ComplaintState => {
    if (state === undefined) throw new Error('nothing received yet');
    return state;
  };
  const file = (key: string, date: string) => ({
    key,
    filename: words.filename,
    contentType: 'image/jpeg',
    size: 2048,
    receivedAt: at(date),
  });

  run('2025-06-02', {
    type: 'receive',
    id: reference,
    reference,
    channel: 'email',
    receivedAt: at('2025-06-02'),
    summary: words.summary,
    outcomeSought: words.outcomeSought,
    category: 'repairs',
    issueDate: '2025-05-20',
    resident: {
      name: words.name,
      email: words.email,
      phone: words.phone,
      address: [words.addressLine, 'Exeter', 'EX1 1AA'],
      preferredContact: 'email',
      formats: ['large-print'],
      language: words.language,
      tenure: 'LCRA',
    },
    representative: {
      name: words.repName,
      email: words.repEmail,
      phone: words.repPhone,
      address: [words.repAddressLine, 'Exeter'],
      relationship: words.relationship,
      consentOn: '2025-06-02',
    },
    adjustments: [{ description: words.adjustment, reviewOn: '2025-12-01' }],
    vulnerability: words.vulnerability,
    messageId: words.messageId,
    attachments: [file(attachmentKey, '2025-06-02')],
  });
  run('2025-06-03', {
    type: 'request-clarification',
    stage: 1,
    questions: words.questions,
  });
  run('2025-06-04', {
    type: 'acknowledge',
    stage: 1,
    definition: {
      issues: [
        { id: 'i1', summary: words.issue, inScope: true },
        {
          id: 'i2',
          summary: words.issue,
          inScope: false,
          signpost: words.signpost,
        },
      ],
      outcomesSought: [words.outcome],
    },
  });
  run('2025-06-04', { type: 'assign', stage: 1, handler: 'officer-ana' });
  run('2025-06-10', {
    type: 'extend',
    stage: 1,
    newDueOn: '2025-06-25',
    reasons: words.extension,
    goodReason: words.goodReason,
  });
  run('2025-06-11', {
    type: 'add-issue',
    issue: { id: 'i3', summary: words.lateIssue, inScope: true },
  });
  run('2025-06-12', {
    type: 'record-correspondence',
    direction: 'in',
    channel: 'email',
    at: at('2025-06-12'),
    summary: words.correspondence,
    messageId: `<${words.messageId}-reply>`,
    attachments: [file(laterKey, '2025-06-12')],
  });
  run('2025-06-12', {
    type: 'restrict-contact',
    kind: 'written-contact-only',
    reasons: words.restrictionReasons,
    equalityActConsideration: words.equality,
    approvedBy: 'manager-ben',
    reviewOn: '2025-09-12',
  });
  run('2025-06-13', {
    type: 'review-restriction',
    restrictionId: current().restrictions[0]?.id ?? '',
    outcome: 'lift',
    notes: words.reviewNotes,
  });
  run('2025-06-20', {
    type: 'respond',
    stage: 1,
    decisions: [
      { issueId: 'i1', decision: 'upheld', reasons: words.reasons },
      { issueId: 'i2', decision: 'not-upheld', reasons: words.reasons },
      { issueId: 'i3', decision: 'partly-upheld', reasons: words.reasons },
    ],
    summary: words.response,
    remedies: [
      {
        kind: 'financial',
        description: words.remedy,
        amountPence: 5000,
        dueOn: '2025-07-04',
      },
      { kind: 'apology', description: words.remedy },
    ],
    actions: [{ description: words.action, dueOn: '2025-07-31' }],
  });
  run('2025-06-20', {
    type: 'record-letter',
    letterId: `${reference}/stage1-response/13`,
    kind: 'stage1-response',
    outcome: 'queued-for-post',
    pdfKey,
  });
  run(
    '2025-06-30',
    {
      type: 'request-escalation',
      receivedAt: at('2025-06-30'),
      channel: 'email',
      reasons: words.escalationReasons,
    },
    residentActor,
  );
  run(
    '2025-07-01',
    {
      type: 'acknowledge',
      stage: 2,
      definition: {
        issues: [{ id: 'i1', summary: words.issue, inScope: true }],
        outcomesSought: [words.outcome],
      },
    },
    manager,
  );
  run(
    '2025-07-01',
    { type: 'assign', stage: 2, handler: 'manager-ben' },
    manager,
  );
  run(
    '2025-07-15',
    {
      type: 'respond',
      stage: 2,
      decisions: [
        { issueId: 'i1', decision: 'upheld', reasons: words.reasons },
      ],
      summary: words.response,
    },
    manager,
  );
  run('2025-07-16', {
    type: 'record-evidence-request',
    receivedOn: '2025-07-16',
    description: words.evidence,
  });
  run('2025-07-18', {
    type: 'provide-evidence',
    requestId: current().evidenceRequests[0]?.id ?? '',
  });
  run('2025-07-21', {
    type: 'close',
    reason: words.closeReason,
    learning: words.learning,
  });
  return { state: current(), decisions };
}

/** Folds decisions again, as `stateAt` does from stored event items. */
export function fold(decisions: readonly Decided[]): ComplaintState {
  let state: ComplaintState | undefined;
  for (const d of decisions) state = applyDecision(state, d.events);
  if (state === undefined) throw new Error('no decisions');
  return state;
}
