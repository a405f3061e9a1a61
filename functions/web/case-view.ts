/**
 * The tracking page: where a complaint is, its dates, the letters sent,
 * whether the resident can ask for stage 2 now, and the ombudsman. Pure:
 * the caller passes the time, the policy and the calendar.
 */
import {
  type ComplaintState,
  decide,
  type Instant,
  type Policy,
  type Rejection,
  runningClocks,
  type WorkingCalendar,
} from '@hearth/domain';
import { formatDate } from '../shared/pages/render.js';
import { ombudsmanOf, ombudsmanView, ombudsmanWhen } from './ombudsman.js';
import {
  clockText,
  deliveryText,
  fromText,
  letterKindText,
  statusText,
  workingDays,
} from './words.js';

/** The resident's stage 2 request, as the tracking page sends it. */
export function escalationRequest(now: Instant, reasons?: string) {
  return {
    type: 'request-escalation' as const,
    receivedAt: now,
    channel: 'web' as const,
    ...(reasons === undefined ? {} : { reasons }),
  };
}

/**
 * Whether the domain would take a stage 2 request from the resident now:
 * the same `decide` the request goes through, so the page offers the form
 * exactly when sending it would work.
 */
export function canRequestStage2(
  state: ComplaintState,
  policy: Policy,
  calendar: WorkingCalendar,
  now: Instant,
): boolean {
  return decide(state, escalationRequest(now), {
    now,
    policy,
    calendar,
    actor: { kind: 'resident', id: 'web-tracking' },
    newId: () => 'dry-run',
  }).ok;
}

export function caseView(
  state: ComplaintState,
  policy: Policy,
  calendar: WorkingCalendar,
  now: Instant,
) {
  const clocks = runningClocks(state, policy, calendar);
  const happened = [
    { text: 'We received your complaint on', on: state.receivedOn },
    { text: 'We acknowledged it on', on: state.stage1?.acknowledgedOn },
    {
      text: 'We sent our stage 1 response on',
      on: state.stage1?.response?.on,
    },
    {
      text: 'You asked for a stage 2 review on',
      on: state.escalation?.receivedOn,
    },
    {
      text: 'We acknowledged your stage 2 request on',
      on: state.stage2?.acknowledgedOn,
    },
    {
      text: 'We sent our stage 2 (final) response on',
      on: state.stage2?.response?.on,
    },
    { text: 'We closed your complaint on', on: state.closedOn },
  ].filter((d): d is { text: string; on: string } => d.on !== undefined);
  const due = clocks.flatMap((clock) => {
    const text = clockText(clock, state);
    if (text === undefined) return [];
    return [
      {
        text,
        dueOn: clock.dueOn,
        extendedFrom:
          clock.baseDueOn === clock.dueOn ? undefined : clock.baseDueOn,
      },
    ];
  });
  const letters = state.letters.flatMap((letter) => {
    const delivery = deliveryText(letter);
    return delivery === undefined
      ? []
      : [{ on: letter.on, text: letterKindText(letter.kind), delivery }];
  });
  const contact = ombudsmanOf(policy);
  const window = clocks.find((c) => c.kind === 'escalation-window');
  return {
    reference: state.reference,
    status: statusText(state, policy),
    happened,
    due,
    letters,
    // The Design System's summary list and table rows.
    happenedRows: happened.map((d) => ({
      key: { text: d.text },
      value: { text: formatDate(d.on) },
    })),
    dueRows: due.map((d) => ({
      key: { text: d.text },
      value: {
        text:
          d.extendedFrom === undefined
            ? formatDate(d.dueOn)
            : `${formatDate(d.dueOn)} (extended from ${formatDate(d.extendedFrom)})`,
      },
    })),
    letterRows: letters.map((l) => [
      { text: formatDate(l.on) },
      { text: l.text },
      { text: l.delivery },
    ]),
    stage2: {
      canRequest: canRequestStage2(state, policy, calendar, now),
      until: window?.dueOn,
      acknowledgeWithin: `${workingDays(policy.stage2.acknowledge.workingDays)} ${fromText(policy.stage2.acknowledge.from, 2)}`,
    },
    ombudsman: ombudsmanView(contact),
    ombudsmanWhen: ombudsmanWhen(state, contact),
  };
}

/**
 * A refused stage 2 request in plain words. A request the complaint
 * already has is not a refusal: the caller shows it as received.
 */
export function refusalText(
  rejection: Rejection,
  state: ComplaintState,
  phone: string,
): string {
  if (rejection.code !== 'ESCALATION.NOT_AFTER_STAGE1_RESPONSE') {
    return `We could not record your request. Call us on ${phone} and we will record it for you.`;
  }
  switch (state.status) {
    case 'informal':
    case 'stage1-received':
    case 'stage1-acknowledged':
      return 'You can ask for a stage 2 review once we have sent our stage 1 response.';
    case 'recorded':
      return 'We recorded this as something other than a complaint, so it cannot go to stage 2. If you are unhappy with how we dealt with it, you can make a complaint.';
    case 'declined':
      return 'We did not take this complaint forward, so it cannot go to stage 2. You can ask the ombudsman to look at that decision.';
    case 'escalation-refused':
      return 'We have already decided not to take this complaint to stage 2. You can ask the ombudsman to look at that decision.';
    case 'withdrawn':
      return `This complaint was withdrawn. To take it up again, make a new complaint or call us on ${phone}.`;
    default:
      return state.stage2 === undefined
        ? `This complaint cannot go to stage 2 now. Call us on ${phone} to talk about it.`
        : 'This complaint has already been to stage 2.';
  }
}

/**
 * Whether a stage 2 request is already in and not yet answered: what a
 * repeated post (a double click, a refresh) finds.
 */
export function alreadyRequested(state: ComplaintState): boolean {
  return (
    state.escalation !== undefined &&
    (state.status === 'stage2-received' ||
      state.status === 'stage2-acknowledged')
  );
}
