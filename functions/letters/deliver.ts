/**
 * The letters job, one outbox record at a time (DESIGN §2). For each
 * letter a decision calls for: skip it if already recorded (a redelivery);
 * compose it from the complaint as it stood at that decision; refuse to
 * send it if the Code's mandatory elements are missing (recorded as
 * blocked, for staff to see); otherwise print and/or email it, once, and
 * record what was done.
 *
 * Logs name the complaint reference and the letter id, never the
 * resident's or representative's name, email, phone or address.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type ComplaintRepository,
  type ComplaintState,
  checkLetter,
  composeLetter,
  type Intent,
  type LandlordContact,
  type Letter,
  londonDate,
  type Policy,
  type RecordLetter,
} from '@hearth/domain';
import type { StoredDecision } from '../shared/adapters/dynamodb/complaint-repository.js';
import type { ObjectStore } from '../shared/adapters/s3/object-store.js';
import type { Mailbox, Mailer } from '../shared/adapters/ses/mailer.js';
import { calendarFor, execute } from '../shared/service.js';
import { letterEmail, messageIdFor } from './email.js';
import { printCopies, renderLetterPdf } from './pdf.js';

type SendLetter = Extract<Intent, { type: 'send-letter' }>;

/** One letter to send, the unit the send-once guard is keyed on. */
export interface DispatchJob {
  readonly organisationId: string;
  /** The complaint version whose decision called for the letter. */
  readonly version: number;
  readonly letter: Letter;
  /** Earlier Message-IDs of the complaint's thread, oldest first. */
  readonly thread: readonly string[];
}

/** What a send did: kept by the send-once guard and recorded on the case. */
export interface Dispatched {
  readonly messageId?: string;
  readonly sesMessageId?: string;
  readonly pdfKey?: string;
}

export interface DispatchDeps {
  readonly mailer: Mailer;
  /** Where printed letters go: the letters bucket. */
  readonly store: Pick<ObjectStore, 'put'>;
  readonly from: Mailbox;
  readonly senderDomain: string;
}

/** `letters/<organisation>/<reference>/<kind>-<version>.pdf` */
export function pdfKeyFor(job: DispatchJob): string {
  const { letter } = job;
  return `letters/${job.organisationId}/${letter.reference}/${letter.kind}-${job.version}.pdf`;
}

/** Whether a letter is printed: someone gets it by post, or in large print. */
export function needsPrint(letter: Letter): boolean {
  return (
    letter.format.largePrint ||
    letter.recipients.some((to) => to.delivery === 'post')
  );
}

/**
 * Prints, then emails, one letter. The PDF goes first because writing it
 * again is harmless; the email goes last and only once, so a failure
 * before it leaves nothing sent, and a failure in it sent nothing.
 */
export function dispatcher(deps: DispatchDeps) {
  return async (job: DispatchJob): Promise<Dispatched> => {
    const { letter } = job;
    let pdfKey: string | undefined;
    if (needsPrint(letter)) {
      pdfKey = pdfKeyFor(job);
      const pdf = Buffer.from(await renderLetterPdf(letter));
      await deps.store.put(pdfKey, pdf, 'application/pdf', {
        reference: letter.reference,
        kind: letter.kind,
        'letter-id': letter.id,
      });
    }
    const messageId = messageIdFor(letter.id, deps.senderDomain);
    const mail = letterEmail(letter, {
      from: deps.from,
      messageId,
      thread: job.thread,
    });
    const printed = pdfKey === undefined ? {} : { pdfKey };
    if (mail === undefined) return printed;
    const { sesMessageId } = await deps.mailer.send(mail);
    return { messageId, sesMessageId, ...printed };
  };
}

export interface LettersDeps {
  readonly repository: ComplaintRepository & {
    /** The complaint now, and as it stood after `version`, in one read. */
    loadWithStateAt(
      organisationId: string,
      complaintId: string,
      version: number,
    ): Promise<
      | { current: ComplaintState; decided: ComplaintState | undefined }
      | undefined
    >;
  };
  readonly policy: Policy;
  readonly landlord: LandlordContact;
  /** `dispatcher(…)` behind the send-once guard. */
  readonly dispatch: (job: DispatchJob) => Promise<Dispatched>;
  readonly logger: Logger;
  readonly now: () => string;
  readonly newId: () => string;
}

/** A letter that could not be sent; the outbox record is retried. */
export class LetterNotSentError extends Error {
  readonly code = 'LETTER.NOT_SENT';
  readonly letterId: string;

  constructor(letterId: string, options?: ErrorOptions) {
    // The cause may name addresses (SES says which it refused): kept as the
    // cause, never in the message.
    super(`Letter ${letterId} was not sent; it will be retried`, options);
    this.letterId = letterId;
    this.name = 'LetterNotSentError';
  }
}

/** The Message-IDs a reply to this complaint may carry, oldest first. */
function threadOf(state: ComplaintState): string[] {
  const ids = [
    ...(state.sourceMessageId === undefined ? [] : [state.sourceMessageId]),
    ...state.letters.flatMap((l) =>
      l.messageId === undefined ? [] : [l.messageId],
    ),
  ].filter((id) => /^<[^<>\s]+>$/.test(id));
  // A long thread keeps its first message and its latest few.
  return ids.length <= 10 ? ids : [ids[0] as string, ...ids.slice(-9)];
}

/** Every letter a decision calls for, in order. */
export async function deliverLetters(
  deps: LettersDeps,
  decision: StoredDecision,
): Promise<void> {
  const intents = decision.intents.filter(
    (intent): intent is SendLetter => intent.type === 'send-letter',
  );
  if (intents.length === 0) return;
  const { organisationId, complaintId, version } = decision;
  const found = await deps.repository.loadWithStateAt(
    organisationId,
    complaintId,
    version,
  );
  if (found === undefined) {
    throw new Error(`No complaint ${complaintId} for its letters`);
  }
  const { decided } = found;
  let current = found.current;
  const thread = threadOf(current);
  for (const intent of intents) {
    try {
      const delivered = await deliverLetter(deps, decision, intent, {
        current,
        decided,
        thread,
      });
      // Each record is saved on the case as the last one left it.
      current = delivered.current;
      if (delivered.messageId !== undefined) {
        thread.push(delivered.messageId);
      }
    } catch (error) {
      if (!(error instanceof LetterNotSentError)) {
        // Sent or not, the send-once guard knows: a retry never sends twice.
        deps.logger.error('Letter not recorded; the record will be retried', {
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
      throw error;
    }
  }
}

async function deliverLetter(
  deps: LettersDeps,
  decision: StoredDecision,
  intent: SendLetter,
  known: {
    current: ComplaintState;
    decided: ComplaintState | undefined;
    thread: readonly string[];
  },
): Promise<{ current: ComplaintState; messageId?: string }> {
  const { logger, policy } = deps;
  const { organisationId, complaintId, version } = decision;
  const { letterId, kind } = intent;
  const { current, decided } = known;
  logger.setCorrelationId(letterId);
  logger.appendKeys({ reference: current.reference, letterKind: kind });
  if (current.letters.some((l) => l.id === letterId)) {
    logger.info('Letter already recorded: redelivery skipped');
    return { current };
  }
  if (decided === undefined) {
    throw new Error(`No history for ${complaintId} at version ${version}`);
  }
  const now = deps.now();
  const letter = composeLetter(kind, decided, {
    policy,
    calendar: calendarFor(policy),
    today: londonDate(now),
    landlord: deps.landlord,
    letterId,
  });
  const record = (outcome: Omit<RecordLetter, 'type' | 'letterId' | 'kind'>) =>
    execute({
      repository: deps.repository,
      organisationId,
      policy,
      actor: { kind: 'system', id: 'letters' },
      now,
      newId: deps.newId,
      complaintId,
      command: { type: 'record-letter', letterId, kind, ...outcome },
      loaded: current,
    });

  const check = checkLetter(letter);
  if (!check.ok) {
    const missing = [...new Set(check.missing.map((m) => m.element))];
    const recorded = await record({ outcome: 'blocked', missing });
    logger.warn('Letter blocked: mandatory elements missing, nothing sent', {
      missing: check.missing.map((m) => ({
        element: m.element,
        clause: m.clause,
      })),
    });
    return { current: recorded.state };
  }

  let sent: Dispatched;
  try {
    sent = await deps.dispatch({
      organisationId,
      version,
      letter,
      thread: known.thread,
    });
  } catch (error) {
    logger.error('Letter not sent; the record will be retried', {
      error: error instanceof Error ? error.name : 'unknown',
    });
    throw new LetterNotSentError(letterId, { cause: error });
  }
  if (sent.pdfKey === undefined && sent.messageId === undefined) {
    throw new Error(`Letter ${letterId} had nobody to send it to`);
  }
  const outcome = sent.pdfKey === undefined ? 'sent' : 'queued-for-post';
  const recorded = await record({
    outcome,
    ...(sent.messageId === undefined ? {} : { messageId: sent.messageId }),
    ...(sent.pdfKey === undefined ? {} : { pdfKey: sent.pdfKey }),
  });
  logger.info(outcome === 'sent' ? 'Letter sent' : 'Letter queued for post', {
    outcome,
    messageId: sent.messageId,
    sesMessageId: sent.sesMessageId,
    pdfKey: sent.pdfKey,
    emailed: letter.recipients.filter((to) => to.delivery === 'email').length,
    printedCopies: sent.pdfKey === undefined ? 0 : printCopies(letter).length,
  });
  return {
    current: recorded.state,
    ...(sent.messageId === undefined ? {} : { messageId: sent.messageId }),
  };
}
