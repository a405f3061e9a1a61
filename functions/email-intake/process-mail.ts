/**
 * One stored email, start to finish.
 *
 * Primary course: read the raw message from the mail bucket, parse it,
 * then (once per Message-ID) either record it as correspondence on the case
 * it replies to, or open a new complaint with a fresh reference. Files are
 * stored before the domain command that lists them (Code 3.1–3.2, 5.12).
 *
 * Alternative courses: a message too large, unreadable, without a usable
 * From, with too many files, sent by a machine to no case of ours (a
 * bounce, an out-of-office), or refused by the domain is quarantined with
 * its reason, and the batch goes on. An S3 or DynamoDB failure throws, so
 * Lambda retries the event; the Message-ID idempotency makes that safe.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Policy } from '@hearth/domain';
import type { DynamoDbComplaintRepository } from '../shared/adapters/dynamodb/complaint-repository.js';
import type { ObjectStore } from '../shared/adapters/s3/object-store.js';
import { RejectedError } from '../shared/middleware/problem-json.js';
import { allocateReference, execute } from '../shared/service.js';
import { storeAttachments } from './attachments.js';
import {
  correspondenceCommand,
  receiveCommand,
  receivedAt,
} from './commands.js';
import {
  type InboundMail,
  limits,
  parseMail,
  type QuarantineReason,
} from './mail.js';
import { type Quarantined, quarantine } from './quarantine.js';
import { findThread, type Thread } from './thread.js';

export interface MailDeps {
  readonly objects: ObjectStore;
  readonly repository: Pick<
    DynamoDbComplaintRepository,
    'load' | 'save' | 'eventsAfter' | 'nextReference'
  >;
  readonly organisationId: string;
  readonly policy: Policy;
  readonly senderDomain: string;
  readonly logger: Logger;
}

/** What became of one message (small: it is the idempotency record). */
export type Handled =
  | {
      readonly outcome: 'complaint';
      readonly reference: string;
      readonly attachments: number;
    }
  | {
      readonly outcome: 'correspondence';
      readonly reference: string;
      readonly attachments: number;
      readonly changed: boolean;
    }
  | {
      readonly outcome: 'refused';
      readonly reason: Extract<QuarantineReason, 'automatic' | 'rejected'>;
      readonly code?: string;
    };

export type Outcome = Handled | Quarantined | { readonly outcome: 'missing' };

/** The once-per-Message-ID step, as the handler wraps it. */
export type HandleOnce = (
  key: { readonly messageId: string },
  mail: InboundMail,
  now: string,
) => Promise<Handled>;

const actor = { kind: 'resident', id: 'email' } as const;

/**
 * Threads the message or opens a complaint. A machine's message that
 * threads nowhere, and a domain refusal, come back as values (quarantined
 * by the caller); anything else throws.
 */
export function handleMail(deps: MailDeps): HandleOnce {
  return async (_key, mail, now) => {
    const at = receivedAt(mail.date, now);
    const thread = await findThread(mail, deps.senderDomain, (id) =>
      deps.repository.load(deps.organisationId, id),
    );
    if (thread.kind === 'new' && mail.automatic) {
      return { outcome: 'refused', reason: 'automatic' };
    }
    try {
      return thread.kind === 'reply'
        ? await reply(deps, mail, thread.complaint, at, now)
        : await open(deps, mail, thread, at, now);
    } catch (error) {
      if (!(error instanceof RejectedError)) throw error;
      const { code } = error.rejection;
      return { outcome: 'refused', reason: 'rejected', code };
    }
  };
}

async function reply(
  deps: MailDeps,
  mail: InboundMail,
  complaint: Extract<Thread, { kind: 'reply' }>['complaint'],
  at: string,
  now: string,
): Promise<Handled> {
  const { reference } = complaint;
  // Already on the record (another S3 copy of it): store no files twice.
  const known =
    complaint.sourceMessageId === mail.messageId ||
    complaint.correspondence.some((c) => c.messageId === mail.messageId);
  if (known) {
    return {
      outcome: 'correspondence',
      reference,
      attachments: 0,
      changed: false,
    };
  }
  const files = await storeAttachments(
    deps.objects,
    reference,
    mail.attachments,
    at,
  );
  const { changed } = await execute({
    ...context(deps, now),
    complaintId: complaint.id,
    command: correspondenceCommand(mail, at, files),
  });
  deps.logger.info('Email threaded onto a complaint', {
    reference,
    attachments: files.length,
    changed,
  });
  return {
    outcome: 'correspondence',
    reference,
    attachments: files.length,
    changed,
  };
}

async function open(
  deps: MailDeps,
  mail: InboundMail,
  thread: Extract<Thread, { kind: 'new' }>,
  at: string,
  now: string,
): Promise<Handled> {
  const reference = await allocateReference(
    deps.repository,
    deps.organisationId,
    at,
  );
  const files = await storeAttachments(
    deps.objects,
    reference,
    mail.attachments,
    at,
  );
  await execute({
    ...context(deps, now),
    command: receiveCommand(mail, reference, at, files),
  });
  deps.logger.info('Complaint received', {
    reference,
    channel: 'email',
    threading: thread.why,
    attachments: files.length,
  });
  return { outcome: 'complaint', reference, attachments: files.length };
}

function context(deps: MailDeps, now: string) {
  return {
    repository: deps.repository,
    organisationId: deps.organisationId,
    policy: deps.policy,
    actor,
    now,
    newId: randomUUID,
  };
}

/**
 * Takes in the object at `key`: read, size-check, parse, then hand the
 * message to `handleOnce` (idempotent on its Message-ID).
 */
export async function processMail(
  deps: MailDeps,
  handleOnce: HandleOnce,
  key: string,
  now: string,
): Promise<Outcome> {
  const stored = await deps.objects.get(key);
  if (stored === undefined) {
    deps.logger.error('Mail object not found', { key });
    return { outcome: 'missing' };
  }
  const raw = stored.body;
  const hold = (reason: Quarantined['reason']) =>
    quarantine(deps.objects, deps.logger, { key, raw }, reason, now);
  if (raw.length > limits.maxRawBytes) return hold('too-large');
  const parsed = await parseMail(raw);
  if (!parsed.ok) return hold(parsed.reason);
  const handled = await handleOnce(
    { messageId: parsed.mail.messageId },
    parsed.mail,
    now,
  );
  if (handled.outcome === 'refused') {
    if (handled.code !== undefined) {
      deps.logger.warn('Email refused by the domain', { code: handled.code });
    }
    return hold(handled.reason);
  }
  return handled;
}
