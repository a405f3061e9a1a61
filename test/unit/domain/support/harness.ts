import {
  type Command,
  type ComplaintEvent,
  type ComplaintState,
  type DecideResult,
  decide,
  type Intent,
  type Policy,
  type Receive,
  type RunningClock,
  runningClocks,
  ukBankHolidays,
  workingCalendar,
} from '../../../../domain/index.js';

export const officer = { kind: 'staff', id: 'officer-ana' } as const;
export const manager = { kind: 'staff', id: 'manager-ben' } as const;
export const resident = { kind: 'resident', id: 'resident' } as const;
export const system = { kind: 'system', id: 'deadline-job' } as const;

type Actor = typeof officer | typeof manager | typeof resident | typeof system;

/** 10:00 London time on a date, as an instant (GMT or BST as the date needs). */
export function at(date: string, time = '10:00'): string {
  const probe = new Date(`${date}T12:00:00Z`);
  const bst = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    timeZoneName: 'short',
  })
    .format(probe)
    .includes('BST');
  return `${date}T${time}:00${bst ? '+01:00' : 'Z'}`;
}

export function receiveCommand(
  receivedAt: string,
  overrides: Partial<Receive> = {},
): Receive {
  return {
    type: 'receive',
    id: 'c-1',
    reference: 'HTH-2026-000001',
    channel: 'web',
    receivedAt,
    summary:
      'The boiler has failed three times and repairs keep missing appointments.',
    outcomeSought: 'A working boiler and an apology',
    resident: {
      name: 'Jo Resident',
      email: 'jo@example.org',
      preferredContact: 'email',
      formats: [],
    },
    ...overrides,
  };
}

export const boilerDefinition = {
  issues: [
    { id: 'i1', summary: 'Boiler repairs not completed', inScope: true },
    { id: 'i2', summary: 'Missed appointments', inScope: true },
  ],
  outcomesSought: ['A working boiler', 'An apology'],
};

export const boilerDecisions = [
  {
    issueId: 'i1',
    decision: 'upheld',
    reasons: 'Three visits failed to fix the fault.',
  },
  {
    issueId: 'i2',
    decision: 'partly-upheld',
    reasons: 'Two of three appointments were missed.',
  },
] as const;

/** Something to put right what went wrong (Code 7.1): given by the letter itself. */
export const boilerApology = {
  kind: 'apology',
  description: 'We apologise for the failed repairs and missed visits.',
} as const;

/**
 * Runs commands against one complaint the way the application will:
 * decide, then keep the new state. `do` fails the test on a rejection;
 * `try` returns the result without keeping it.
 */
export function harness(policy: Policy) {
  const calendar = workingCalendar({
    nation: policy.nation,
    feed: ukBankHolidays,
    closureDays: policy.closureDays,
  });
  let ids = 0;
  let state: ComplaintState | undefined;
  const events: ComplaintEvent[] = [];
  const intents: Intent[] = [];

  const attempt = (command: Command, now: string, actor: Actor = officer) =>
    decide(state, command, {
      now,
      policy,
      calendar,
      actor,
      newId: () => `id-${++ids}`,
    });

  return {
    calendar,
    events,
    intents,
    get state(): ComplaintState {
      if (state === undefined) throw new Error('nothing received yet');
      return state;
    },
    try: attempt,
    do(command: Command, now: string, actor: Actor = officer) {
      const result: DecideResult = attempt(command, now, actor);
      if (!result.ok) {
        throw new Error(
          `${command.type} rejected: ${result.rejection.code} ${result.rejection.message}`,
        );
      }
      state = result.state;
      events.push(...result.events);
      intents.push(...result.intents);
      return result;
    },
    clocks(): RunningClock[] {
      return state === undefined ? [] : runningClocks(state, policy, calendar);
    },
    clock(id: string): RunningClock | undefined {
      return this.clocks().find((c) => c.id === id);
    },
  };
}
