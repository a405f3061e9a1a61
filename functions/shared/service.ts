/**
 * The application service every handler uses: load, decide, save. It is
 * the whole of a command's life between the edge and the domain, so the
 * handlers stay thin and the rules stay in one place.
 */
import {
  type Actor,
  type Command,
  type ComplaintRepository,
  type ComplaintState,
  decide,
  type Intent,
  londonDate,
  nextDue,
  type Policy,
  type ReferenceAllocator,
  runningClocks,
  ukBankHolidays,
  VersionConflictError,
  type WorkingCalendar,
  workingCalendar,
} from '@hearth/domain';
import { RejectedError } from './middleware/problem-json.js';

const calendars = new Map<string, WorkingCalendar>();

/**
 * A new complaint reference, `HTH-<year>-<n>`, numbered in the London year
 * of the moment it was received or raised.
 */
export function allocateReference(
  allocator: ReferenceAllocator,
  organisationId: string,
  at: string,
): Promise<string> {
  return allocator.nextReference(
    organisationId,
    Number(londonDate(at).slice(0, 4)),
  );
}

/** The working calendar for a policy, built once per container. */
export function calendarFor(policy: Policy): WorkingCalendar {
  const key = `${policy.id}@${policy.version}`;
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    calendar = workingCalendar({
      nation: policy.nation,
      feed: ukBankHolidays,
      closureDays: policy.closureDays,
    });
    calendars.set(key, calendar);
  }
  return calendar;
}

export interface Execute {
  readonly repository: ComplaintRepository;
  readonly organisationId: string;
  readonly policy: Policy;
  readonly actor: Actor;
  readonly now: string;
  readonly newId: () => string;
  /** The complaint a command is for (omit for a `receive`). */
  readonly complaintId?: string;
  readonly command: Command;
  /** Receipt only: the hash of the resident's tracking token. */
  readonly trackingTokenHash?: string;
  /** The version the caller saw (If-Match): anything else is a lost race. */
  readonly expectedVersion?: number;
  /** A reference allocated for a linked new complaint (add-issue). */
  readonly newComplaintId?: () => string;
}

export interface Executed {
  readonly state: ComplaintState;
  readonly intents: readonly Intent[];
  /** False when the command changed nothing (a repeated clock delivery). */
  readonly changed: boolean;
}

/**
 * Loads the complaint, decides the command, and saves the decision in one
 * transaction. A domain refusal throws `RejectedError`; a lost race throws
 * `VersionConflictError` and writes nothing.
 */
export async function execute(input: Execute): Promise<Executed> {
  const { repository, organisationId, policy } = input;
  const calendar = calendarFor(policy);
  const before =
    input.complaintId === undefined
      ? undefined
      : await repository.load(organisationId, input.complaintId);
  if (
    input.expectedVersion !== undefined &&
    input.complaintId !== undefined &&
    before?.version !== input.expectedVersion
  ) {
    throw new VersionConflictError(input.complaintId, input.expectedVersion);
  }
  const result = decide(before, input.command, {
    now: input.now,
    policy,
    calendar,
    actor: input.actor,
    newId: input.newId,
    ...(input.newComplaintId === undefined
      ? {}
      : { newComplaintId: input.newComplaintId }),
  });
  if (!result.ok) throw new RejectedError(result.rejection);
  if (result.events.length === 0) {
    return { state: result.state, intents: [], changed: false };
  }
  const due = nextDue(runningClocks(result.state, policy, calendar));
  await repository.save(organisationId, {
    state: result.state,
    expectedVersion: before?.version ?? 0,
    events: result.events,
    intents: result.intents,
    ...(due === undefined ? {} : { nextDue: due }),
    ...(input.trackingTokenHash === undefined
      ? {}
      : { trackingTokenHash: input.trackingTokenHash }),
  });
  return { state: result.state, intents: result.intents, changed: true };
}

/**
 * `execute` for system jobs (letters, deadlines, email): a lost race is
 * expected when staff act at the same moment, so reload and decide again,
 * a few times, before giving up.
 */
export async function executeWithRetry(
  input: Execute,
  attempts = 5,
): Promise<Executed> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await execute(input);
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= attempts) {
        throw error;
      }
    }
  }
}
