/**
 * One way in for a resident's own complaint, whether it came as JSON to
 * POST /complaints or from the form at POST /complaint: count it against
 * the caller's address, allocate a reference, make the tracking token,
 * and receive it through the domain in one save.
 */
import { randomUUID } from 'node:crypto';
import {
  type ComplaintRepository,
  londonDate,
  type Policy,
  type Receive,
  type ReferenceAllocator,
} from '@hearth/domain';
import type { RateLimiter } from '../adapters/dynamodb/rate-limiter.js';
import { type Received, receiveNew } from '../service.js';
import type { IntakeBody } from './schema.js';

/** The form's body as the domain's `receive` command. */
export function receiveCommand(
  reference: string,
  body: IntakeBody,
  now: string,
): Receive {
  const { representative, adjustments, website: _honeypot, ...rest } = body;
  const receive: Receive = {
    ...rest,
    type: 'receive',
    id: reference,
    reference,
    channel: 'web',
    receivedAt: now,
    ...(adjustments === undefined
      ? {}
      : { adjustments: adjustments.map((description) => ({ description })) }),
  };
  if (representative === undefined) return receive;
  const { consent, ...person } = representative;
  return {
    ...receive,
    representative: consent
      ? { ...person, consentOn: londonDate(now) }
      : person,
  };
}

export interface IntakeDeps {
  readonly repository: ComplaintRepository & ReferenceAllocator;
  readonly limiter: RateLimiter;
  readonly organisationId: string;
  readonly policy: Policy;
}

/**
 * Receives a resident's complaint. Throws TooManyRequestsError past the
 * address's hourly limit, and RejectedError when the domain refuses it
 * (a contact method with no contact detail), naming the field.
 */
export async function receiveComplaint(
  deps: IntakeDeps,
  body: IntakeBody,
  sourceIp: string,
  now: string,
): Promise<Received> {
  await deps.limiter.hit(deps.organisationId, sourceIp, new Date(now));
  return receiveNew({
    repository: deps.repository,
    organisationId: deps.organisationId,
    policy: deps.policy,
    actor: { kind: 'resident', id: 'web-form' },
    now,
    receivedAt: now,
    newId: randomUUID,
    command: (reference) => receiveCommand(reference, body, now),
  });
}
