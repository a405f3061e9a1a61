/**
 * Powertools idempotency on the Message-ID (or `sha256:` of the raw when
 * there is none): the same email delivered twice, under two S3 keys or by
 * a Lambda retry, is handled once. Records live in the one table under the
 * organisation's idempotency partition and expire by TTL.
 */
import {
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { idempotencyStore } from '../shared/idempotency.js';
import type { HandleOnce } from './process-mail.js';

/** Long past any redelivery; the domain also ignores a recorded Message-ID. */
const EXPIRES_AFTER_SECONDS = 30 * 24 * 60 * 60;

export interface OncePerMessage {
  readonly handleOnce: HandleOnce;
  /** Register each invocation's context, so an interrupted run expires. */
  readonly config: IdempotencyConfig;
}

export function oncePerMessage(
  handle: HandleOnce,
  tableName: string,
  organisationId: string,
): OncePerMessage {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'messageId',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: EXPIRES_AFTER_SECONDS,
  });
  const handleOnce = makeIdempotent(handle, {
    config,
    keyPrefix: 'email-intake',
    persistenceStore: idempotencyStore(
      tableName,
      organisationId,
      'email-intake',
    ),
  });
  return { handleOnce, config };
}
