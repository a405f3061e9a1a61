/**
 * Tells staff a statutory clock was breached. Says which case and which
 * clock, never who the resident is: the officer opens the case to see more.
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { ComplaintState, RunningClock } from '@hearth/domain';

export interface BreachNotice {
  readonly state: ComplaintState;
  readonly clock: Pick<RunningClock, 'id' | 'label' | 'dueOn'>;
  readonly from: string;
  /** The assigned officer when their id is an address, else the team. */
  readonly to: string;
}

export async function notifyBreach(
  ses: SESv2Client,
  notice: BreachNotice,
): Promise<void> {
  const { state, clock } = notice;
  const text = [
    `${state.reference}: ${clock.label} was due on ${clock.dueOn} and has not been done.`,
    `The breach is recorded on the case. Status: ${state.status}.`,
    'Open the case in the staff console to act on it.',
  ].join('\n\n');
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: notice.from,
      Destination: { ToAddresses: [notice.to] },
      Content: {
        Simple: {
          Subject: { Data: `Breach: ${state.reference} ${clock.label}` },
          Body: { Text: { Data: text } },
        },
      },
    }),
  );
}

/** The officer handling the current stage, if their id is an email address. */
export function officerAddress(state: ComplaintState): string | undefined {
  const handler = state.stage2?.handler ?? state.stage1?.handler;
  return handler !== undefined && /^[^@\s]+@[^@\s]+$/.test(handler)
    ? handler
    : undefined;
}
