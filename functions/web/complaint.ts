/**
 * GET and POST /complaint: the complaint form without JavaScript (Code
 * 3.1). A post is validated by the JSON API's own schema, so a problem is
 * named by the same field with the same message, then received the same
 * way (shared/intake). The hidden key makes a double submit or a
 * refreshed post show the first answer, never a second complaint.
 */
import { randomUUID } from 'node:crypto';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { Logger } from '@aws-lambda-powertools/logger';
import { InvalidInputError } from '@hearth/domain';
import type { Context } from 'aws-lambda';
import { RateLimiter } from '../shared/adapters/dynamodb/rate-limiter.js';
import {
  type AddressedEvent,
  clientAddress,
} from '../shared/client-address.js';
import { documents } from '../shared/clients/dynamodb.js';
import { idempotencyStore } from '../shared/idempotency.js';
import { receiveComplaint } from '../shared/intake/receive.js';
import { type IntakeBody, intakeBodySchema } from '../shared/intake/schema.js';
import { RejectedError } from '../shared/middleware/problem-json.js';
import {
  type FieldError,
  type FormEvent,
  formOf,
} from '../shared/pages/http.js';
import { calendarFor } from '../shared/service.js';
import { repositoryFor } from '../shared/wiring.js';
import {
  complaintBodyOf,
  complaintFormView,
  fieldErrorsOf,
  keyField,
} from './complaint-form.js';
import { config } from './config.js';
import { type Page, page } from './pages.js';
import { confirmationView, type Receipt, receiptOf } from './receipt.js';

const deps = {
  repository: repositoryFor(config.tableName),
  limiter: new RateLimiter(documents, config.tableName, {
    perHour: config.complaintsPerHour,
  }),
  organisationId: config.organisationId,
  policy: config.policy,
};

/** A day covers any refresh or back-and-resubmit of one form. */
const KEY_SECONDS = 24 * 60 * 60;
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Submission {
  readonly key: string;
  readonly body: IntakeBody;
  readonly sourceIp: string;
  readonly now: string;
}

const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'key',
  // The same key with other answers (back, edit, send) is refused, not
  // silently answered with the first complaint.
  payloadValidationJmesPath: 'body',
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: KEY_SECONDS,
});

export function complaintRoutes(logger: Logger) {
  const receiveOnce = makeIdempotent(
    async (submission: Submission): Promise<Receipt> => {
      const { state, token } = await receiveComplaint(
        deps,
        submission.body,
        submission.sourceIp,
        submission.now,
      );
      logger.info('Complaint received', {
        reference: state.reference,
        channel: 'web',
      });
      return receiptOf(state, token, config.policy, calendarFor(config.policy));
    },
    {
      persistenceStore: idempotencyStore(
        config.tableName,
        config.organisationId,
        'web-complaint',
      ),
      config: idempotencyConfig,
      keyPrefix: 'web-complaint',
    },
  );

  /**
   * A double click sends the second post while the first is still being
   * saved: wait for the first to finish and show its answer, which is the
   * page the browser will keep.
   */
  async function receiveWaiting(submission: Submission): Promise<Receipt> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await receiveOnce(submission);
      } catch (error) {
        if (!(error instanceof IdempotencyAlreadyInProgressError)) throw error;
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  function form(
    values: Record<string, unknown>,
    errors: readonly FieldError[],
    key: string,
  ): Page {
    return page(
      'web/complaint.njk',
      complaintFormView(values, errors, key),
      errors.length === 0 ? 200 : 400,
    );
  }

  return {
    show(): Page {
      return form({}, [], randomUUID());
    },

    async submit(
      event: FormEvent & AddressedEvent,
      context: Context,
    ): Promise<Page> {
      const values = formOf(event);
      const sent = values[keyField];
      const key =
        typeof sent === 'string' && KEY.test(sent) ? sent : randomUUID();
      const parsed = intakeBodySchema.safeParse(complaintBodyOf(values));
      if (!parsed.success) {
        return form(values, fieldErrorsOf(parsed.error.issues), key);
      }
      idempotencyConfig.registerLambdaContext(context);
      try {
        const receipt = await receiveWaiting({
          key,
          body: parsed.data,
          sourceIp: clientAddress(event),
          now: new Date().toISOString(),
        });
        return page('web/confirmation.njk', {
          title: 'Complaint sent',
          ...confirmationView(receipt, config.policy),
        });
      } catch (error) {
        // The domain's own checks name a field too (a contact method with
        // no contact detail): shown on the form like the schema's.
        if (error instanceof RejectedError && error.rejection.field) {
          const { field, message } = error.rejection;
          return form(values, [{ field, message }], key);
        }
        if (error instanceof InvalidInputError) {
          return form(
            values,
            [{ field: error.field, message: error.message }],
            key,
          );
        }
        throw error;
      }
    },
  };
}
