/**
 * The confirmation a resident sees after sending the form, and what is
 * kept of it so a resubmitted form shows the same page: the reference,
 * the tracking token (shown once, kept only in the 24-hour idempotency
 * record, as the JSON API's answer is) and the clocks the policy started.
 */
import {
  type AccessibleFormat,
  type ComplaintState,
  type ContactMethod,
  type IsoDate,
  type Policy,
  type RunningClock,
  runningClocks,
  type Status,
  type WorkingCalendar,
} from '@hearth/domain';
import {
  clockText,
  contactMethodText,
  formatText,
  fromText,
  workingDays,
} from './words.js';

/** What the idempotency record keeps: plain JSON, no contact details. */
export interface Receipt {
  readonly reference: string;
  readonly trackingToken: string;
  readonly receivedOn: IsoDate;
  readonly status: Status;
  readonly clocks: readonly Pick<
    RunningClock,
    'id' | 'kind' | 'stage' | 'dueOn'
  >[];
  readonly preferredContact: ContactMethod;
  readonly formats: readonly AccessibleFormat[];
}

export function receiptOf(
  state: ComplaintState,
  token: string,
  policy: Policy,
  calendar: WorkingCalendar,
): Receipt {
  return {
    reference: state.reference,
    trackingToken: token,
    receivedOn: state.receivedOn,
    status: state.status,
    clocks: runningClocks(state, policy, calendar).map((c) => ({
      id: c.id,
      kind: c.kind,
      ...(c.stage === undefined ? {} : { stage: c.stage }),
      dueOn: c.dueOn,
    })),
    preferredContact: state.resident.preferredContact,
    formats: state.resident.formats,
  };
}

/** The confirmation page's "what happens next", with the real dates. */
export function confirmationView(receipt: Receipt, policy: Policy) {
  const dates = receipt.clocks.flatMap((clock) => {
    const text = clockText(clock);
    return text === undefined ? [] : [{ text, dueOn: clock.dueOn }];
  });
  const next: string[] = [];
  const { stage1, informalStage } = policy;
  if (receipt.status === 'informal' && informalStage !== undefined) {
    // Stage 1 (and its clocks) starts only if the informal step does not
    // resolve it: no stage 1 timescale is promised yet.
    next.push(
      `Our policy first tries to resolve complaints informally (${informalStage.name}): ${informalStage.description}`,
    );
  } else if (
    !receipt.clocks.some((c) => c.kind === 'respond' && c.stage !== 2)
  ) {
    // A response counted from the acknowledgement has no date until then.
    next.push(
      `We will send our stage 1 response within ${workingDays(stage1.respond.workingDays)} ${fromText(stage1.respond.from, 1)}.`,
    );
  }
  const formats = receipt.formats.map((f) => formatText[f]);
  return {
    reference: receipt.reference,
    trackingToken: receipt.trackingToken,
    receivedOn: receipt.receivedOn,
    dates,
    next,
    contact: `You asked us to contact you by ${contactMethodText[receipt.preferredContact]}.`,
    formats:
      formats.length === 0
        ? undefined
        : `You asked for our letters in ${formats.join(' and ')}.`,
  };
}
