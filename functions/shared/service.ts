/**
 * The application service every handler uses: load, decide, save. It is
 * the whole of a command's life between the edge and the domain, so the
 * handlers stay thin and the rules stay in one place.
 */
import {
  type Actor,
  bookkeepingEvents,
  type Command,
  type ComplaintRepository,
  type ComplaintState,
  decide,
  type Intent,
  londonDate,
  nextDue,
  type Policy,
  type Receive,
  type ReferenceAllocator,
  runningClocks,
  ukBankHolidays,
  VersionConflictError,
  type WorkingCalendar,
  workingCalendar,
} from '@hearth/domain';
import { RejectedError } from './middleware/problem-json.js';
import { trackingToken } from './tracking-token.js';

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
  /**
   * The complaint as the caller has just read it: the first attempt
   * decides on it rather than reading it again. A lost race reads afresh.
   */
  readonly loaded?: ComplaintState;
}

export interface Executed {
  readonly state: ComplaintState;
  readonly intents: readonly Intent[];
  /** False when the command changed nothing (a repeated clock delivery). */
  readonly changed: boolean;
}

/**
 * Loads the complaint, decides the command, and saves the decision in one
 * transaction. A domain refusal throws `RejectedError`. When another save
 * lands between the load and this one, the command is decided again on
 * the case as it now is (a few times): the version check before deciding
 * still refuses a caller whose If-Match someone else's decision has made
 * stale, with `VersionConflictError`, and writes nothing.
 */
export async function execute(input: Execute, attempts = 5): Promise<Executed> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await executeOnce(input, attempt === 1 ? input.loaded : undefined);
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      if (attempt >= attempts) throw error.conflict;
      await backoff(attempt);
    }
  }
}

/**
 * A random wait before deciding again ("full jitter"), growing with each
 * lost race, so writers that collided do not collide again in step.
 */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * 10 * 2 ** attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A save that lost to another between load and save: decide again. */
class LostRace extends Error {
  readonly conflict: VersionConflictError;
  constructor(conflict: VersionConflictError) {
    super(conflict.message);
    this.conflict = conflict;
  }
}

async function executeOnce(
  input: Execute,
  loaded: ComplaintState | undefined,
): Promise<Executed> {
  const { repository, organisationId, policy } = input;
  const calendar = calendarFor(policy);
  const before =
    input.complaintId === undefined
      ? undefined
      : (loaded ?? (await repository.load(organisationId, input.complaintId)));
  if (
    input.expectedVersion !== undefined &&
    input.complaintId !== undefined &&
    before?.version !== input.expectedVersion &&
    !(await onlyBookkeepingSince(input, before))
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
  await saveOrLose(repository, organisationId, {
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

async function saveOrLose(
  repository: ComplaintRepository,
  organisationId: string,
  decision: Parameters<ComplaintRepository['save']>[1],
): Promise<void> {
  try {
    await repository.save(organisationId, decision);
  } catch (error) {
    if (error instanceof VersionConflictError) throw new LostRace(error);
    throw error;
  }
}

/**
 * Whether everything saved since the version the caller read was
 * bookkeeping (a letter recorded, a clock noted): then their command is
 * decided on the case as it now is, which differs from what they saw only
 * in what was done about earlier decisions. Anyone else's decision is a
 * conflict.
 */
async function onlyBookkeepingSince(
  input: Execute,
  before: ComplaintState | undefined,
): Promise<boolean> {
  const seen = input.expectedVersion;
  if (
    before === undefined ||
    seen === undefined ||
    input.complaintId === undefined ||
    before.version < seen
  ) {
    return false;
  }
  const since = await input.repository.eventsAfter(
    input.organisationId,
    input.complaintId,
    seen,
  );
  return since.every((event) => bookkeepingEvents.has(event.type));
}

export interface ReceiveNew
  extends Omit<Execute, 'command' | 'complaintId' | 'trackingTokenHash'> {
  readonly repository: ComplaintRepository & ReferenceAllocator;
  /** When the complaint was made: its reference is numbered in that year. */
  readonly receivedAt: string;
  /** The `receive` command, given the reference allocated for it. */
  readonly command: (reference: string) => Receive;
}

export interface Received extends Executed {
  /** Shown once to whoever made the complaint; only its hash is kept. */
  readonly token: string;
}

/**
 * A new complaint, however it arrived: a reference numbered in the London
 * year it was received, a tracking token, and the `receive` decided and
 * saved. Refusals throw as `execute` does.
 */
export async function receiveNew(input: ReceiveNew): Promise<Received> {
  const { receivedAt, command, ...rest } = input;
  const reference = await allocateReference(
    input.repository,
    input.organisationId,
    receivedAt,
  );
  const { token, hash } = trackingToken();
  const executed = await execute({
    ...rest,
    command: command(reference),
    trackingTokenHash: hash,
  });
  return { ...executed, token };
}
