/**
 * The send-once guard (STYLE rec. 11): Powertools idempotency around one
 * letter's dispatch, keyed on the organisation and the letter id, its
 * records in the one table beside the intake's. A crash after SES accepted
 * the email but before the letter was recorded leaves a completed record
 * here, so the redelivered outbox item gets the first send's result back
 * (its Message-ID and PDF key) and records that, without sending again.
 */
import {
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { idempotencyStore } from '../shared/idempotency.js';
import type { Dispatched, DispatchJob } from './deliver.js';

/**
 * Longer than a stream record can be retried (24 hours), so the guard
 * outlives every redelivery; after that the recorded letter is the guard.
 */
export const SEND_RECORD_SECONDS = 7 * 24 * 60 * 60;

export interface SendOnceOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** The deployment's organisation: the records' partition. */
  readonly organisationId: string;
}

/**
 * Wraps a dispatch so each letter is sent at most once. Register each
 * invocation's Lambda context on `config`, so a send cut short by a
 * timeout can be tried again once that invocation is surely over.
 *
 * @example
 * const once = sendOnce(dispatcher(deps), { client, tableName, organisationId });
 * once.config.registerLambdaContext(context);
 * await once.dispatch(job);
 */
export function sendOnce(
  dispatch: (job: DispatchJob) => Promise<Dispatched>,
  options: SendOnceOptions,
) {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[organisationId, letter.id]',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: SEND_RECORD_SECONDS,
  });
  const persistenceStore = idempotencyStore(
    options.tableName,
    options.organisationId,
    'letters',
    options.client,
  );
  return {
    config,
    // A fixed prefix, not the Lambda's name: a renamed function still
    // finds the letters it sent.
    dispatch: makeIdempotent(dispatch, {
      persistenceStore,
      config,
      keyPrefix: 'letters',
    }),
  };
}
