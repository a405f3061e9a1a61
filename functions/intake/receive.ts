/**
 * From the form's body to the domain's `receive` command, and from the
 * received complaint to the answer the resident sees.
 */
import {
  type ComplaintState,
  londonDate,
  type Policy,
  type Receive,
  runningClocks,
} from '@hearth/domain';
import { calendarFor } from '../shared/service.js';
import type { IntakeBody } from './schema.js';

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

/**
 * What the resident is told, 201 Created: the reference, the tracking
 * token (shown once) and the real dates from the policy and calendar.
 */
export function receipt(state: ComplaintState, token: string, policy: Policy) {
  const clocks = runningClocks(state, policy, calendarFor(policy));
  return {
    statusCode: 201,
    headers: {
      'content-type': 'application/json',
      location: `/complaints/${state.reference}`,
    },
    body: JSON.stringify({
      reference: state.reference,
      trackingToken: token,
      status: state.status,
      receivedOn: state.receivedOn,
      dueDates: clocks.map((c) => ({
        clock: c.id,
        label: c.label,
        dueOn: c.dueOn,
      })),
    }),
  };
}
