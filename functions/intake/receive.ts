/**
 * What the resident is told, 201 Created: the reference, the tracking
 * token (shown once) and the real dates from the policy and calendar.
 */
import {
  type ComplaintState,
  type Policy,
  runningClocks,
} from '@hearth/domain';
import { calendarFor } from '../shared/service.js';

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
