import type { ComplaintState, Intent, Receive } from '@hearth/domain';

type OpenLinked = Extract<Intent, { type: 'open-linked-complaint' }>;

/** The new complaint: the issue, from the same resident, received when raised. */
export function linkedReceipt(
  from: ComplaintState,
  intent: OpenLinked,
  raisedAt: string,
): Receive {
  return {
    type: 'receive',
    id: intent.complaintId,
    reference: intent.complaintId,
    channel: from.channel,
    receivedAt: raisedAt,
    summary: intent.issue.summary,
    resident: from.resident,
    ...(from.representative === undefined
      ? {}
      : { representative: from.representative }),
    adjustments: from.adjustments,
    ...(from.vulnerability === undefined
      ? {}
      : { vulnerability: from.vulnerability }),
    linkedFromComplaintId: from.id,
  };
}
