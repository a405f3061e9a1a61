/**
 * GET and POST /track, POST /track/escalation: a resident finds their
 * complaint with its reference and tracking code, sees where it is, and
 * asks for stage 2 when the domain would allow it (Code 6.10–6.12: reasons
 * optional, never required). The token travels only in form bodies (POST,
 * hidden fields), never in a URL, and is never logged.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ComplaintState } from '@hearth/domain';
import { RateLimiter } from '../shared/adapters/dynamodb/rate-limiter.js';
import {
  type AddressedEvent,
  clientAddress,
} from '../shared/client-address.js';
import { documents } from '../shared/clients/dynamodb.js';
import { RejectedError } from '../shared/middleware/problem-json.js';
import {
  errorsFor,
  type FieldError,
  type FormEvent,
  formOf,
} from '../shared/pages/http.js';
import { calendarFor, execute } from '../shared/service.js';
import { repositoryFor } from '../shared/wiring.js';
import {
  alreadyRequested,
  canRequestStage2,
  caseView,
  escalationRequest,
  refusalText,
} from './case-view.js';
import { config } from './config.js';
import { type Page, page } from './pages.js';
import { normaliseReference, TrackedComplaints } from './tracking.js';

const repository = repositoryFor(config.tableName);
const tracked = new TrackedComplaints(repository);
const limiter = new RateLimiter(documents, config.tableName, {
  perHour: config.trackingPerHour,
});

/** The same words whichever of the two was wrong (or both). */
export const notFoundMessage =
  'We could not find a complaint with that reference and tracking code';

const MAX_REASONS = 5_000;

type TrackEvent = FormEvent & AddressedEvent;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function lookupForm(
  values: { reference: string; token: string },
  errors: readonly FieldError[],
): Page {
  return page(
    'web/track.njk',
    {
      title: 'Track a complaint',
      values,
      errors: errorsFor(errors),
    },
    errors.length === 0 ? 200 : 400,
  );
}

export function trackRoutes(logger: Logger) {
  const calendar = calendarFor(config.policy);

  /**
   * Checks the reference and token, counting the attempt against the
   * caller's address (kept apart from the complaints count).
   */
  async function find(
    event: TrackEvent,
    values: { reference: string; token: string },
  ): Promise<ComplaintState | undefined> {
    await limiter.hit(
      config.organisationId,
      `track|${clientAddress(event)}`,
      new Date(),
    );
    return tracked.find(config.organisationId, values.reference, values.token);
  }

  function credentialsOf(form: Record<string, unknown>) {
    return {
      reference: normaliseReference(text(form.reference)),
      token: text(form.token),
    };
  }

  function casePage(
    state: ComplaintState,
    token: string,
    options: {
      status?: number;
      errors?: readonly FieldError[];
      reasons?: string;
    } = {},
  ): Page {
    return page(
      'web/case.njk',
      {
        title: `Complaint ${state.reference}`,
        width: 'two-thirds',
        token,
        reasons: options.reasons,
        errors: errorsFor(options.errors ?? []),
        ...caseView(state, config.policy, calendar, new Date().toISOString()),
      },
      options.status ?? 200,
    );
  }

  function requested(
    state: ComplaintState,
    token: string,
    again: boolean,
  ): Page {
    const due = caseView(
      state,
      config.policy,
      calendar,
      new Date().toISOString(),
    );
    return page('web/escalation-sent.njk', {
      title: 'Stage 2 review requested',
      again,
      requestedOn: state.escalation?.receivedOn,
      token,
      ...due,
    });
  }

  return {
    show(): Page {
      return lookupForm({ reference: '', token: '' }, []);
    },

    async lookup(event: TrackEvent): Promise<Page> {
      const values = credentialsOf(formOf(event));
      const missing: FieldError[] = [
        ...(values.reference === ''
          ? [{ field: 'reference', message: 'Enter your complaint reference' }]
          : []),
        ...(values.token === ''
          ? [{ field: 'token', message: 'Enter your tracking code' }]
          : []),
      ];
      if (missing.length > 0) return lookupForm(values, missing);
      const state = await find(event, values);
      if (state === undefined) {
        return lookupForm({ reference: values.reference, token: '' }, [
          { field: 'reference', message: notFoundMessage },
        ]);
      }
      return casePage(state, values.token);
    },

    async escalate(event: TrackEvent): Promise<Page> {
      const form = formOf(event);
      const values = credentialsOf(form);
      const reasons = text(form.reasons);
      const state =
        values.reference === '' || values.token === ''
          ? undefined
          : await find(event, values);
      if (state === undefined) {
        return lookupForm({ reference: values.reference, token: '' }, [
          { field: 'reference', message: notFoundMessage },
        ]);
      }
      // A repeated post (a double click, a refresh) finds the request in.
      if (alreadyRequested(state)) return requested(state, values.token, true);
      // Too long to keep: said on the reasons box, which is shown only when
      // a request can be made (otherwise the refusal below says why not).
      const now = new Date().toISOString();
      if (
        reasons.length > MAX_REASONS &&
        canRequestStage2(state, config.policy, calendar, now)
      ) {
        return casePage(state, values.token, {
          status: 400,
          reasons,
          errors: [
            {
              field: 'reasons',
              message: `Your reasons must be ${MAX_REASONS.toLocaleString('en-GB')} characters or fewer`,
            },
          ],
        });
      }
      try {
        const { state: after } = await execute({
          repository,
          organisationId: config.organisationId,
          policy: config.policy,
          actor: { kind: 'resident', id: 'web-tracking' },
          now,
          newId: randomUUID,
          complaintId: state.id,
          command: escalationRequest(now, reasons === '' ? undefined : reasons),
        });
        logger.info('Stage 2 requested', { reference: after.reference });
        return requested(after, values.token, false);
      } catch (error) {
        if (!(error instanceof RejectedError)) throw error;
        // Lost a race with an identical request: it is in.
        const latest = await repository.load(config.organisationId, state.id);
        if (latest !== undefined && alreadyRequested(latest)) {
          return requested(latest, values.token, true);
        }
        logger.info('Stage 2 request refused', {
          reference: state.reference,
          code: error.rejection.code,
        });
        return casePage(latest ?? state, values.token, {
          status: 409,
          reasons,
          errors: [
            {
              field: 'stage2',
              message: refusalText(
                error.rejection,
                latest ?? state,
                config.landlord.phone,
              ),
            },
          ],
        });
      }
    },
  };
}
