import {
  addMonths,
  compareDates,
  type Instant,
  type IsoDate,
  londonDate,
  parseInstant,
  parseIsoDate,
  type WorkingCalendar,
} from '../calendar/index.js';
import {
  responseDue,
  runningClocks,
  scheduleChanges,
} from '../deadlines/index.js';
import type { Policy, StagePolicy } from '../policy/policy.js';
import type * as C from './commands.js';
import type { ComplaintEvent, EventMeta } from './events.js';
import { applyDecision, evolve, stageOf } from './evolve.js';
import { type Intent, letterIntents } from './intents.js';
import {
  type ComplaintDefinition,
  type ComplaintState,
  type OutstandingAction,
  type Remedy,
  remediesGivenInLetter,
  type Stage,
  type Status,
} from './model.js';

/** Who is acting: a member of staff, the resident, or a system job. */
export interface Actor {
  readonly kind: 'staff' | 'resident' | 'system';
  readonly id: string;
}

/**
 * Everything a decision needs from outside: the time, the policy in force,
 * the calendar and a source of ids. The domain reads none of these itself
 * (STYLE rec. 6).
 */
export interface DecideContext {
  readonly now: Instant;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  readonly actor: Actor;
  readonly newId: () => string;
  /**
   * The id a linked new complaint gets (a reference the caller allocated);
   * `newId` when absent.
   */
  readonly newComplaintId?: () => string;
}

/** An expected refusal, as a value (STYLE rec. 5). */
export interface Rejection {
  /** Stable, in the Code's words: `STAGE1.EXTENSION_EXCEEDS_CAP`. */
  readonly code: string;
  readonly message: string;
  /** The command field at fault, as a dotted path. */
  readonly field?: string;
}

export type DecideResult =
  | {
      readonly ok: true;
      readonly events: readonly ComplaintEvent[];
      readonly intents: readonly Intent[];
      /** The state after the events (version + 1), or unchanged when there are none. */
      readonly state: ComplaintState;
    }
  | { readonly ok: false; readonly rejection: Rejection };

type Body = ComplaintEvent extends infer E
  ? E extends ComplaintEvent
    ? Omit<E, keyof EventMeta>
    : never
  : never;

type Step = { ok: true; events: Body[] } | { ok: false; rejection: Rejection };

interface Ctx extends DecideContext {
  readonly today: IsoDate;
}

/**
 * Decides what a command means for a complaint: the events to record and
 * the side effects they imply (letters, schedules), or a rejection.
 *
 * Primary course: check the command against the state and the policy,
 * produce events, fold them, then derive the letters to send and the
 * deadline schedules to create or delete from the clocks before and after.
 * A clock that stops after its breach date and was never marked breached
 * gets its breach recorded here, so a breach is recorded exactly once
 * whether the deadline job or the late action sees it first.
 *
 * @example
 * const result = decide(undefined, receiveCommand, context);
 * if (result.ok) save(result.state, result.events, result.intents);
 */
export function decide(
  state: ComplaintState | undefined,
  command: C.Command,
  context: DecideContext,
): DecideResult {
  const ctx: Ctx = { ...context, today: londonDate(context.now) };
  if (command.type === 'receive') {
    if (state !== undefined) {
      return reject('COMPLAINT.ALREADY_RECEIVED', `${state.id} already exists`);
    }
    return finish(undefined, receive(command, ctx), ctx);
  }
  if (state === undefined) {
    return reject('COMPLAINT.NOT_FOUND', 'No such complaint');
  }
  return finish(state, step(state, command, ctx), ctx);
}

function step(state: ComplaintState, command: C.Command, ctx: Ctx): Step {
  switch (command.type) {
    case 'receive':
      return fail('COMPLAINT.ALREADY_RECEIVED', `${state.id} already exists`);
    case 'classify':
      return classify(state, command, ctx);
    case 'raise-complaint':
      return raiseComplaint(state, command);
    case 'log-at-stage-1':
      return logAtStage1(state, command, ctx);
    case 'resolve-informally':
      return resolveInformally(state, command, ctx);
    case 'decline':
      return decline(state, command, ctx);
    case 'request-clarification':
      return requestClarification(state, command);
    case 'acknowledge':
      return acknowledge(state, command, ctx);
    case 'extend':
      return extend(state, command, ctx);
    case 'add-issue':
      return addIssue(state, command, ctx);
    case 'respond':
      return respond(state, command, ctx);
    case 'request-escalation':
      return requestEscalation(state, command, ctx);
    case 'refuse-escalation':
      return refuseEscalation(state, command, ctx);
    case 'assign':
      return assign(state, command);
    case 'record-meeting':
      return recordMeeting(state, command, ctx);
    case 'record-remedy':
      return recordRemedy(state, command, ctx);
    case 'complete-remedy':
      return completeRemedy(state, command, ctx);
    case 'add-action':
      return addAction(state, command, ctx);
    case 'complete-action':
      return completeAction(state, command, ctx);
    case 'withdraw':
      return withdraw(state, command, ctx);
    case 'close':
      return close(state, command, ctx);
    case 'reopen':
      return reopen(state, command);
    case 'record-evidence-request':
      return recordEvidenceRequest(state, command, ctx);
    case 'provide-evidence':
      return provideEvidence(state, command, ctx);
    case 'restrict-contact':
      return restrictContact(command, ctx);
    case 'review-restriction':
      return reviewRestriction(state, command, ctx);
    case 'record-correspondence':
      return recordCorrespondence(state, command, ctx);
    case 'record-letter':
      return recordLetter(state, command, ctx);
    case 'mark-letter-posted':
      return markLetterPosted(state, command, ctx);
    case 'note-clock':
      return noteClock(state, command, ctx);
  }
}

// ── receipt and triage ──────────────────────────────────────────────────

function receive(command: C.Receive, ctx: Ctx): Step {
  const problem =
    required(command.id, 'id') ??
    required(command.reference, 'reference') ??
    required(command.summary, 'summary') ??
    required(command.resident.name, 'resident.name') ??
    contactProblem(command) ??
    notFuture(command.receivedAt, 'receivedAt', ctx);
  if (problem) return problem;
  const receivedOn = londonDate(parseInstant(command.receivedAt, 'receivedAt'));
  for (const field of ['issueDate', 'awareDate'] as const) {
    const value = command[field];
    if (value === undefined) continue;
    parseIsoDate(value, field);
    if (compareDates(value, receivedOn) > 0) {
      return fail(
        'RECEIPT.DATE_AFTER_RECEIPT',
        `${field} is after the complaint was received`,
        field,
      );
    }
  }
  const classification = command.classification ?? 'complaint';
  const timeLimitEndsOn = timeLimitEnd(command, ctx.policy);
  const {
    type: _t,
    adjustments,
    attachments,
    serviceRequestId,
    classification: _c,
    ...rest
  } = command;
  return ok({
    ...rest,
    type: 'complaint-received',
    policy: { id: ctx.policy.id, version: ctx.policy.version },
    classification,
    receivedOn,
    adjustments: adjustments ?? [],
    attachments: attachments ?? [],
    ...(timeLimitEndsOn === undefined ? {} : { timeLimitEndsOn }),
    ...(serviceRequestId === undefined ? {} : { serviceRequestId }),
    informal:
      classification === 'complaint' && ctx.policy.informalStage !== undefined,
  });
}

/** The last day to complain (Code 2.3): months from the later of issue and awareness. */
function timeLimitEnd(command: C.Receive, policy: Policy): IsoDate | undefined {
  const { issueDate, awareDate } = command;
  const useAware = policy.timeLimit.from === 'issue-or-awareness';
  const start =
    useAware && awareDate !== undefined
      ? issueDate === undefined || compareDates(awareDate, issueDate) > 0
        ? awareDate
        : issueDate
      : issueDate;
  return start === undefined
    ? undefined
    : addMonths(start, policy.timeLimit.months);
}

function contactProblem(command: C.Receive): Step | undefined {
  const { resident } = command;
  const need = {
    email: resident.email,
    phone: resident.phone,
    post: resident.address?.join('').trim() || undefined,
  }[resident.preferredContact];
  if (need === undefined || need.trim() === '') {
    const field =
      resident.preferredContact === 'post'
        ? 'address'
        : resident.preferredContact;
    return fail(
      'RECEIPT.CONTACT_MISSING',
      `The resident prefers ${resident.preferredContact} but no ${field} was given`,
      `resident.${field}`,
    );
  }
  return undefined;
}

function classify(state: ComplaintState, command: C.Classify, ctx: Ctx): Step {
  const open: Status[] = ['recorded', 'informal', 'stage1-received'];
  if (!open.includes(state.status)) {
    return fail(
      'CLASSIFY.AFTER_ACKNOWLEDGEMENT',
      'A complaint can only be reclassified before it is acknowledged',
      'classification',
    );
  }
  if (command.classification === state.classification) {
    return fail(
      'CLASSIFY.UNCHANGED',
      `Already a ${state.classification}`,
      'classification',
    );
  }
  return (
    required(command.reason, 'reason') ??
    ok({
      type: 'classified',
      from: state.classification,
      to: command.classification,
      reason: command.reason,
      informal:
        command.classification === 'complaint' &&
        ctx.policy.informalStage !== undefined,
    })
  );
}

function raiseComplaint(
  state: ComplaintState,
  command: C.RaiseComplaint,
): Step {
  if (state.classification !== 'service-request') {
    return fail(
      'RAISE.NOT_A_SERVICE_REQUEST',
      'Complaints are raised from service requests',
      'complaintId',
    );
  }
  return (
    required(command.complaintId, 'complaintId') ??
    ok({
      type: 'complaint-raised-from-request',
      complaintId: command.complaintId,
    })
  );
}

function logAtStage1(
  state: ComplaintState,
  command: C.LogAtStage1,
  ctx: Ctx,
): Step {
  if (state.status !== 'informal') {
    return fail(
      'INFORMAL.NOT_INFORMAL',
      'Only an informal-stage complaint moves to stage 1',
    );
  }
  return (
    required(command.reason, 'reason') ??
    ok({
      type: 'logged-at-stage-1',
      receivedOn: ctx.today,
      reason: command.reason,
    })
  );
}

function resolveInformally(
  state: ComplaintState,
  command: C.ResolveInformally,
  ctx: Ctx,
): Step {
  if (state.status !== 'informal') {
    return fail(
      'INFORMAL.NOT_INFORMAL',
      'Only an informal-stage complaint is resolved informally',
    );
  }
  return (
    required(command.resolution, 'resolution') ??
    ok({
      type: 'resolved-informally',
      resolution: command.resolution,
      on: ctx.today,
    })
  );
}

function decline(state: ComplaintState, command: C.Decline, ctx: Ctx): Step {
  const open: Status[] = ['informal', 'stage1-received', 'stage1-acknowledged'];
  if (!open.includes(state.status)) {
    return fail(
      'DECLINE.NOT_OPEN_AT_STAGE1',
      'A complaint can be declined only before its stage 1 response',
    );
  }
  const exclusion = ctx.policy.exclusions.find(
    (e) => e.code === command.exclusionCode,
  );
  if (exclusion === undefined) {
    return fail(
      'DECLINE.NOT_A_POLICY_EXCLUSION',
      `${command.exclusionCode} is not an exclusion in ${ctx.policy.id}`,
      'exclusionCode',
    );
  }
  const problem = required(command.reasons, 'reasons');
  if (problem) return problem;
  if (exclusion.ground === 'outside-time-limit') {
    const ends = state.timeLimitEndsOn;
    if (ends === undefined || compareDates(state.receivedOn, ends) <= 0) {
      return fail(
        'DECLINE.WITHIN_TIME_LIMIT',
        `The complaint is within the ${ctx.policy.timeLimit.months}-month limit (Code 2.3)`,
        'exclusionCode',
      );
    }
    if (!command.discretion?.trim()) {
      return fail(
        'DECLINE.DISCRETION_NOT_RECORDED',
        'Record the discretion considered for an out-of-time complaint (Code 2.3)',
        'discretion',
      );
    }
  }
  return ok({
    type: 'declined',
    exclusionCode: exclusion.code,
    reasons: command.reasons,
    ...(command.discretion === undefined
      ? {}
      : { discretion: command.discretion }),
    on: ctx.today,
  });
}

function requestClarification(
  state: ComplaintState,
  command: C.RequestClarification,
): Step {
  const problem = stageIsOpen(state, command.stage);
  if (problem) return problem;
  return (
    required(command.questions, 'questions') ??
    ok({
      type: 'clarification-requested',
      stage: command.stage,
      questions: command.questions,
    })
  );
}

// ── stages ──────────────────────────────────────────────────────────────

function acknowledge(
  state: ComplaintState,
  command: C.Acknowledge,
  ctx: Ctx,
): Step {
  const { stage } = command;
  if (state.status !== `stage${stage}-received`) {
    return fail(
      `STAGE${stage}.NOT_AWAITING_ACKNOWLEDGEMENT`,
      `The complaint is ${state.status}`,
      'stage',
    );
  }
  const problem = definitionProblem(command.definition);
  if (problem) return problem;
  const clock = runningClocks(state, ctx.policy, ctx.calendar).find(
    (c) => c.id === `stage${stage}.acknowledge`,
  );
  return ok({
    type: 'acknowledged',
    stage,
    on: ctx.today,
    definition: command.definition,
    late: clock !== undefined && compareDates(ctx.today, clock.dueOn) > 0,
  });
}

/** The complaint definition (Code 5.6–5.7): at least one issue, each clear. */
function definitionProblem(definition: ComplaintDefinition): Step | undefined {
  if (definition.issues.length === 0) {
    return fail(
      'DEFINITION.NO_ISSUES',
      'The complaint definition needs at least one issue (Code 5.6)',
      'definition.issues',
    );
  }
  const ids = new Set<string>();
  for (const [i, issue] of definition.issues.entries()) {
    const problem =
      required(issue.id, `definition.issues.${i}.id`) ??
      required(issue.summary, `definition.issues.${i}.summary`);
    if (problem) return problem;
    if (ids.has(issue.id)) {
      return fail(
        'DEFINITION.DUPLICATE_ISSUE',
        `Issue ${issue.id} appears twice`,
        `definition.issues.${i}.id`,
      );
    }
    ids.add(issue.id);
    if (!issue.inScope && !issue.signpost?.trim()) {
      return fail(
        'DEFINITION.NO_SIGNPOST',
        'Say where an issue the landlord is not responsible for should go (Code 5.7)',
        `definition.issues.${i}.signpost`,
      );
    }
  }
  // The acknowledgment letter states the outcomes sought (5.6); where they
  // are unclear, the resident is asked first (request-clarification).
  if (!definition.outcomesSought.some((o) => o.trim())) {
    return fail(
      'DEFINITION.NO_OUTCOME',
      'Say what outcome the resident wants, or ask them first (Code 5.6)',
      'definition.outcomesSought',
    );
  }
  return undefined;
}

function extend(state: ComplaintState, command: C.Extend, ctx: Ctx): Step {
  const { stage } = command;
  const code = `STAGE${stage}`;
  const open = stageIsOpen(state, stage);
  if (open) return open;
  const due = responseDue(state, stage, ctx.policy, ctx.calendar);
  if (due === undefined) {
    return fail(
      `${code}.RESPONSE_CLOCK_NOT_RUNNING`,
      'Acknowledge the complaint before extending its response date',
      'stage',
    );
  }
  const problem = required(command.reasons, 'reasons');
  if (problem) return problem;
  parseIsoDate(command.newDueOn, 'newDueOn');
  if (compareDates(ctx.today, due.dueOn) > 0) {
    return fail(
      `${code}.EXTENSION_AFTER_DUE_DATE`,
      `The resident must be told before the response is due on ${due.dueOn} (Code 6.4–6.5)`,
      'newDueOn',
    );
  }
  if (compareDates(command.newDueOn, due.dueOn) <= 0) {
    return fail(
      `${code}.EXTENSION_NOT_LATER`,
      `The new date must be after ${due.dueOn}`,
      'newDueOn',
    );
  }
  if (!ctx.calendar.isWorkingDay(command.newDueOn)) {
    return fail(
      `${code}.EXTENSION_NOT_A_WORKING_DAY`,
      `${command.newDueOn} is not a working day`,
      'newDueOn',
    );
  }
  const rules: StagePolicy =
    stage === 1 ? ctx.policy.stage1 : ctx.policy.stage2;
  const cap = rules.extension.maxWorkingDays;
  const latest =
    cap === null ? undefined : ctx.calendar.addWorkingDays(due.baseDueOn, cap);
  const goodReason = command.goodReason?.trim()
    ? command.goodReason
    : undefined;
  if (latest !== undefined && compareDates(command.newDueOn, latest) > 0) {
    if (goodReason === undefined) {
      return fail(
        `${code}.EXTENSION_EXCEEDS_CAP`,
        `An extension may not go past ${latest} (${cap} working days) without a good reason`,
        'newDueOn',
      );
    }
    if (!rules.extension.goodReasonOverride) {
      return fail(
        `${code}.EXTENSION_EXCEEDS_CAP`,
        `${ctx.policy.id} allows no extension past ${latest}`,
        'newDueOn',
      );
    }
  }
  return ok({
    type: 'extended',
    stage,
    fromDueOn: due.dueOn,
    toDueOn: command.newDueOn,
    reasons: command.reasons,
    ...(goodReason === undefined ? {} : { goodReason }),
    on: ctx.today,
  });
}

function addIssue(state: ComplaintState, command: C.AddIssue, ctx: Ctx): Step {
  const { issue } = command;
  const problem =
    required(issue.id, 'issue.id') ?? required(issue.summary, 'issue.summary');
  if (problem) return problem;
  const stage = currentStage(state);
  const open =
    stage !== undefined && state.status === `stage${stage}-acknowledged`;
  if (open && !command.asNewComplaint) {
    const record = stageOf(state, stage);
    if (record.definition?.issues.some((i) => i.id === issue.id)) {
      return fail(
        'DEFINITION.DUPLICATE_ISSUE',
        `Issue ${issue.id} is already in the definition`,
        'issue.id',
      );
    }
    return ok({ type: 'issue-added', stage, issue });
  }
  if (state.status === 'recorded') {
    return fail('ISSUE.NOT_A_COMPLAINT', 'Issues belong to complaints');
  }
  if (
    stage !== undefined &&
    state.status === `stage${stage}-received` &&
    !command.asNewComplaint
  ) {
    return fail(
      'ISSUE.DEFINE_AT_ACKNOWLEDGEMENT',
      'Include the issue in the complaint definition when acknowledging',
      'issue',
    );
  }
  // Code 6.8: after the response, or when folding it in would delay, a new complaint.
  return ok({
    type: 'issue-logged-as-new-complaint',
    issue,
    complaintId: (ctx.newComplaintId ?? ctx.newId)(),
  });
}

function respond(state: ComplaintState, command: C.Respond, ctx: Ctx): Step {
  const { stage } = command;
  const code = `STAGE${stage}`;
  if (state.status !== `stage${stage}-acknowledged`) {
    return fail(
      `${code}.NOT_AWAITING_RESPONSE`,
      `The complaint is ${state.status}; a stage is acknowledged and defined before its response (Code 5.6)`,
      'stage',
    );
  }
  const record = stageOf(state, stage);
  const problem =
    required(command.summary, 'summary') ??
    decisionsProblem(command, record.definition) ??
    (stage === 2
      ? independenceProblem(state, ctx.actor.id, 'STAGE2.SAME_DECISION_MAKER')
      : undefined) ??
    remedyInputsProblem(command.remedies ?? [], 'remedies') ??
    actionInputsProblem(command.actions ?? [], 'actions') ??
    responseLetterProblem(state, command);
  if (problem) return problem;
  const due = responseDue(state, stage, ctx.policy, ctx.calendar);
  const remedies: Remedy[] = (command.remedies ?? []).map((r) => ({
    id: ctx.newId(),
    stage,
    recordedOn: ctx.today,
    ...r,
  }));
  const actions: OutstandingAction[] = (command.actions ?? []).map((a) => ({
    id: ctx.newId(),
    stage,
    recordedOn: ctx.today,
    ...a,
  }));
  return ok({
    type: 'responded',
    stage,
    response: {
      on: ctx.today,
      by: ctx.actor.id,
      decisions: command.decisions,
      summary: command.summary,
      onTime: due === undefined || compareDates(ctx.today, due.dueOn) <= 0,
      withinBaseTimescale:
        due === undefined || compareDates(ctx.today, due.baseDueOn) <= 0,
    },
    remedies,
    actions,
  });
}

/**
 * What the response letter must say, refused here rather than found
 * missing when it is sent: each remedy by when (7.3; an apology or
 * explanation is given by the letter), each outstanding action by when
 * (6.6), and where something went wrong, something to put it right (7.1),
 * this stage's or an earlier one still being done.
 */
function responseLetterProblem(
  state: ComplaintState,
  command: C.Respond,
): Step | undefined {
  const remedies = command.remedies ?? [];
  for (const [i, r] of remedies.entries()) {
    if (r.dueOn === undefined && !remediesGivenInLetter.has(r.kind)) {
      return fail(
        'REMEDY.DUE_REQUIRED',
        'Say by when the remedy will be done (Code 7.3)',
        `remedies.${i}.dueOn`,
      );
    }
  }
  for (const [i, a] of (command.actions ?? []).entries()) {
    if (a.dueOn === undefined) {
      return fail(
        'ACTION.DUE_REQUIRED',
        'Say by when the outstanding action will be done (Code 6.6)',
        `actions.${i}.dueOn`,
      );
    }
  }
  const foundFault = command.decisions.some((d) => d.decision !== 'not-upheld');
  const offered =
    remedies.length > 0 ||
    state.remedies.some(
      (r) =>
        r.stage === command.stage ||
        (r.stage < command.stage && r.completedOn === undefined),
    );
  if (foundFault && !offered) {
    return fail(
      'RESPONSE.NO_REMEDY',
      'Something went wrong: offer a remedy to put it right, an apology at least (Code 7.1)',
      'remedies',
    );
  }
  return undefined;
}

/** Every issue in the definition gets a decision with reasons (Code 6.7, 6.9). */
function decisionsProblem(
  command: C.Respond,
  definition: ComplaintDefinition | undefined,
): Step | undefined {
  const issues = definition?.issues ?? [];
  const seen = new Set<string>();
  for (const [i, d] of command.decisions.entries()) {
    if (!issues.some((issue) => issue.id === d.issueId)) {
      return fail(
        'RESPONSE.UNKNOWN_ISSUE',
        `${d.issueId} is not in the complaint definition`,
        `decisions.${i}.issueId`,
      );
    }
    if (seen.has(d.issueId)) {
      return fail(
        'RESPONSE.DUPLICATE_DECISION',
        `${d.issueId} is decided twice`,
        `decisions.${i}.issueId`,
      );
    }
    seen.add(d.issueId);
    const problem = required(d.reasons, `decisions.${i}.reasons`);
    if (problem) return problem;
  }
  const missing = issues.find((issue) => !seen.has(issue.id));
  if (missing) {
    return fail(
      'RESPONSE.ISSUE_NOT_ADDRESSED',
      `Issue ${missing.id} has no decision: address all points raised (Code 6.7)`,
      'decisions',
    );
  }
  return undefined;
}

/**
 * Code 6.13: the stage 2 decision-maker did not consider stage 1. Enforced
 * whatever the policy says: a policy silent on it (or a panel that might
 * include the stage 1 manager) cannot make the same person independent.
 */
function independenceProblem(
  state: ComplaintState,
  person: string,
  code: string,
): Step | undefined {
  const stage1 = state.stage1;
  const involved = [stage1?.handler, stage1?.response?.by];
  if (involved.includes(person)) {
    return fail(
      code,
      `${person} considered the complaint at stage 1 (Code 6.13)`,
      'handler',
    );
  }
  return undefined;
}

function requestEscalation(
  state: ComplaintState,
  command: C.RequestEscalation,
  ctx: Ctx,
): Step {
  const response = state.stage1?.response;
  const canEscalate =
    response !== undefined &&
    state.stage2 === undefined &&
    (state.status === 'stage1-responded' || state.status === 'closed');
  if (!canEscalate) {
    return fail(
      'ESCALATION.NOT_AFTER_STAGE1_RESPONSE',
      `A stage 2 request follows a stage 1 response; the complaint is ${state.status}`,
    );
  }
  const problem = notFuture(command.receivedAt, 'receivedAt', ctx);
  if (problem) return problem;
  const receivedOn = londonDate(parseInstant(command.receivedAt, 'receivedAt'));
  const window = runningClocks(
    { ...state, status: 'stage1-responded' },
    ctx.policy,
    ctx.calendar,
  ).find((c) => c.kind === 'escalation-window');
  const reasons = command.reasons?.trim() ? command.reasons : undefined;
  // Code 6.12: reasons are never required, so a request is never refused for lacking them.
  return ok({
    type: 'escalation-requested',
    receivedOn,
    channel: command.channel,
    ...(reasons === undefined ? {} : { reasons }),
    late: window !== undefined && compareDates(receivedOn, window.dueOn) > 0,
  });
}

function refuseEscalation(
  state: ComplaintState,
  command: C.RefuseEscalation,
  ctx: Ctx,
): Step {
  if (state.status !== 'stage2-received') {
    return fail(
      'ESCALATION.NOT_AWAITING_DECISION',
      `Escalation is refused before the stage 2 acknowledgement; the complaint is ${state.status}`,
    );
  }
  const ground = ctx.policy.escalation.refusalGrounds.find(
    (g) => g.code === command.groundCode,
  );
  if (ground === undefined) {
    return fail(
      'ESCALATION.NOT_A_POLICY_GROUND',
      `${command.groundCode} is not a refusal ground in ${ctx.policy.id} (Code 5.11)`,
      'groundCode',
    );
  }
  return (
    required(command.reasons, 'reasons') ??
    ok({
      type: 'escalation-refused',
      groundCode: ground.code,
      reasons: command.reasons,
      on: ctx.today,
    })
  );
}

function assign(state: ComplaintState, command: C.Assign): Step {
  const problem =
    required(command.handler, 'handler') ?? stageIsOpen(state, command.stage);
  if (problem) return problem;
  if (command.stage === 2) {
    const conflict = independenceProblem(
      state,
      command.handler,
      'STAGE2.SAME_HANDLER_AS_STAGE1',
    );
    if (conflict) return conflict;
  }
  return ok({
    type: 'handler-assigned',
    stage: command.stage,
    handler: command.handler,
  });
}

function recordMeeting(
  state: ComplaintState,
  command: C.RecordMeeting,
  ctx: Ctx,
): Step {
  const { stage } = command;
  if (state.status !== `stage${stage}-acknowledged`) {
    return fail(
      `STAGE${stage}.NOT_AWAITING_RESPONSE`,
      `The complaint is ${state.status}`,
      'stage',
    );
  }
  parseIsoDate(command.heldOn, 'heldOn');
  const ack = stageOf(state, stage).acknowledgedOn ?? state.receivedOn;
  if (
    compareDates(command.heldOn, ctx.today) > 0 ||
    compareDates(command.heldOn, ack) < 0
  ) {
    return fail(
      'MEETING.DATE_OUT_OF_RANGE',
      `The meeting date must be between ${ack} and today`,
      'heldOn',
    );
  }
  return ok({ type: 'meeting-recorded', stage, heldOn: command.heldOn });
}

// ── remedies, actions, closure ──────────────────────────────────────────

function recordRemedy(
  state: ComplaintState,
  command: C.RecordRemedy,
  ctx: Ctx,
): Step {
  const stage = currentStage(state);
  if (stage === undefined) {
    return fail(
      'REMEDY.NOT_A_COMPLAINT',
      'Remedies belong to complaints at stage 1 or 2',
    );
  }
  return (
    remedyInputsProblem([command.remedy], 'remedy') ??
    ok({
      type: 'remedy-recorded',
      remedy: {
        id: ctx.newId(),
        stage,
        recordedOn: ctx.today,
        ...command.remedy,
      },
    })
  );
}

function completeRemedy(
  state: ComplaintState,
  command: C.CompleteRemedy,
  ctx: Ctx,
): Step {
  const remedy = state.remedies.find((r) => r.id === command.remedyId);
  if (remedy === undefined) {
    return fail(
      'REMEDY.NOT_FOUND',
      `No remedy ${command.remedyId}`,
      'remedyId',
    );
  }
  if (remedy.completedOn !== undefined) {
    return fail(
      'REMEDY.ALREADY_COMPLETED',
      `Completed on ${remedy.completedOn}`,
      'remedyId',
    );
  }
  return ok({ type: 'remedy-completed', remedyId: remedy.id, on: ctx.today });
}

function addAction(
  state: ComplaintState,
  command: C.AddAction,
  ctx: Ctx,
): Step {
  const stage = currentStage(state);
  if (stage === undefined) {
    return fail(
      'ACTION.NOT_A_COMPLAINT',
      'Actions belong to complaints at stage 1 or 2',
    );
  }
  return (
    actionInputsProblem([command.action], 'action') ??
    ok({
      type: 'action-added',
      action: {
        id: ctx.newId(),
        stage,
        recordedOn: ctx.today,
        ...command.action,
      },
    })
  );
}

function completeAction(
  state: ComplaintState,
  command: C.CompleteAction,
  ctx: Ctx,
): Step {
  const action = state.actions.find((a) => a.id === command.actionId);
  if (action === undefined) {
    return fail(
      'ACTION.NOT_FOUND',
      `No action ${command.actionId}`,
      'actionId',
    );
  }
  if (action.completedOn !== undefined) {
    return fail(
      'ACTION.ALREADY_COMPLETED',
      `Completed on ${action.completedOn}`,
      'actionId',
    );
  }
  return ok({ type: 'action-completed', actionId: action.id, on: ctx.today });
}

const finalStatuses: readonly Status[] = [
  'closed',
  'withdrawn',
  'declined',
  'escalation-refused',
];

function withdraw(state: ComplaintState, command: C.Withdraw, ctx: Ctx): Step {
  if (finalStatuses.includes(state.status) || state.status === 'recorded') {
    return fail('WITHDRAW.NOT_OPEN', `The complaint is ${state.status}`);
  }
  return (
    required(command.reason, 'reason') ??
    ok({ type: 'withdrawn', reason: command.reason, on: ctx.today })
  );
}

function close(state: ComplaintState, command: C.Close, ctx: Ctx): Step {
  const closable: Status[] = [
    'recorded',
    'stage1-responded',
    'stage2-responded',
    'escalation-refused',
  ];
  if (!closable.includes(state.status)) {
    const hint =
      state.status === 'closed'
        ? 'it is already closed'
        : 'respond, decline or record a withdrawal first';
    return fail(
      'CLOSURE.NOT_CLOSABLE',
      `The complaint is ${state.status}: ${hint}`,
    );
  }
  return (
    required(command.reason, 'reason') ??
    ok({
      type: 'closed',
      reason: command.reason,
      ...(command.learning?.trim() ? { learning: command.learning } : {}),
      on: ctx.today,
    })
  );
}

function reopen(state: ComplaintState, command: C.Reopen): Step {
  if (!finalStatuses.includes(state.status) || state.reopenTo === undefined) {
    return fail('REOPEN.NOT_CLOSED', `The complaint is ${state.status}`);
  }
  return (
    required(command.reason, 'reason') ??
    ok({ type: 'reopened', reason: command.reason, to: state.reopenTo })
  );
}

// ── Ombudsman, restrictions, correspondence, clocks ─────────────────────

function recordEvidenceRequest(
  state: ComplaintState,
  command: C.RecordEvidenceRequest,
  ctx: Ctx,
): Step {
  if (state.status === 'recorded') {
    return fail(
      'EVIDENCE.NOT_A_COMPLAINT',
      'Ombudsman requests belong to complaints',
    );
  }
  const problem = required(command.description, 'description');
  if (problem) return problem;
  parseIsoDate(command.receivedOn, 'receivedOn');
  if (compareDates(command.receivedOn, ctx.today) > 0) {
    return fail(
      'EVIDENCE.RECEIVED_IN_FUTURE',
      'The request date is in the future',
      'receivedOn',
    );
  }
  if (command.dueOn !== undefined) parseIsoDate(command.dueOn, 'dueOn');
  const dueOn =
    command.dueOn ??
    ctx.calendar.addWorkingDays(
      command.receivedOn,
      ctx.policy.ombudsman.evidenceWorkingDays,
    );
  return ok({
    type: 'evidence-requested',
    request: {
      id: ctx.newId(),
      receivedOn: command.receivedOn,
      dueOn,
      description: command.description,
    },
  });
}

function provideEvidence(
  state: ComplaintState,
  command: C.ProvideEvidence,
  ctx: Ctx,
): Step {
  const request = state.evidenceRequests.find(
    (r) => r.id === command.requestId,
  );
  if (request === undefined) {
    return fail(
      'EVIDENCE.NOT_FOUND',
      `No request ${command.requestId}`,
      'requestId',
    );
  }
  if (request.providedOn !== undefined) {
    return fail(
      'EVIDENCE.ALREADY_PROVIDED',
      `Provided on ${request.providedOn}`,
      'requestId',
    );
  }
  return ok({
    type: 'evidence-provided',
    requestId: request.id,
    on: ctx.today,
    late: compareDates(ctx.today, request.dueOn) > 0,
  });
}

function restrictContact(command: C.RestrictContact, ctx: Ctx): Step {
  const problem =
    required(command.reasons, 'reasons') ??
    required(command.equalityActConsideration, 'equalityActConsideration') ??
    required(command.approvedBy, 'approvedBy') ??
    futureDate(command.reviewOn, 'reviewOn', ctx);
  if (problem) return problem;
  const { type: _t, ...restriction } = command;
  return ok({
    type: 'contact-restricted',
    restriction: { id: ctx.newId(), startOn: ctx.today, ...restriction },
  });
}

function reviewRestriction(
  state: ComplaintState,
  command: C.ReviewRestriction,
  ctx: Ctx,
): Step {
  const restriction = state.restrictions.find(
    (r) => r.id === command.restrictionId,
  );
  if (restriction === undefined || restriction.liftedOn !== undefined) {
    return fail(
      'RESTRICTION.NOT_ACTIVE',
      `No active restriction ${command.restrictionId}`,
      'restrictionId',
    );
  }
  const problem =
    required(command.notes, 'notes') ??
    (command.outcome === 'continue'
      ? futureDate(command.nextReviewOn, 'nextReviewOn', ctx)
      : undefined);
  if (problem) return problem;
  return ok({
    type: 'restriction-reviewed',
    restrictionId: restriction.id,
    outcome: command.outcome,
    ...(command.nextReviewOn === undefined || command.outcome === 'lift'
      ? {}
      : { nextReviewOn: command.nextReviewOn }),
    notes: command.notes,
    on: ctx.today,
  });
}

function recordCorrespondence(
  state: ComplaintState,
  command: C.RecordCorrespondence,
  ctx: Ctx,
): Step {
  const problem =
    required(command.summary, 'summary') ?? notFuture(command.at, 'at', ctx);
  if (problem) return problem;
  const { messageId } = command;
  // The same email delivered twice is one message on the record.
  if (
    messageId !== undefined &&
    (state.sourceMessageId === messageId ||
      state.correspondence.some((c) => c.messageId === messageId))
  ) {
    return { ok: true, events: [] };
  }
  return ok({
    type: 'correspondence-recorded',
    id: ctx.newId(),
    direction: command.direction,
    channel: command.channel,
    correspondenceAt: command.at,
    summary: command.summary,
    ...(command.letterId === undefined ? {} : { letterId: command.letterId }),
    ...(messageId === undefined ? {} : { messageId }),
    attachments: command.attachments ?? [],
  });
}

/**
 * The letters job's report of one letter. Recorded once: a redelivered
 * outbox record finds the letter already recorded and changes nothing.
 */
function recordLetter(
  state: ComplaintState,
  command: C.RecordLetter,
  ctx: Ctx,
): Step {
  if (state.letters.some((l) => l.id === command.letterId)) {
    return { ok: true, events: [] };
  }
  const problem =
    required(command.letterId, 'letterId') ?? required(command.kind, 'kind');
  if (problem) return problem;
  if (command.outcome === 'blocked' && !command.missing?.length) {
    return fail(
      'LETTER.BLOCKED_WITHOUT_REASON',
      'Say what the letter was missing',
      'missing',
    );
  }
  return ok({
    type: 'letter-recorded',
    letter: {
      id: command.letterId,
      kind: command.kind,
      status: command.outcome,
      on: ctx.today,
      ...(command.messageId === undefined
        ? {}
        : { messageId: command.messageId }),
      ...(command.pdfKey === undefined ? {} : { pdfKey: command.pdfKey }),
      ...(command.missing === undefined ? {} : { missing: command.missing }),
    },
  });
}

function markLetterPosted(
  state: ComplaintState,
  command: C.MarkLetterPosted,
  ctx: Ctx,
): Step {
  const letter = state.letters.find((l) => l.id === command.letterId);
  if (letter === undefined) {
    return fail(
      'LETTER.NOT_FOUND',
      `No letter ${command.letterId}`,
      'letterId',
    );
  }
  if (letter.status !== 'queued-for-post') {
    return fail(
      'LETTER.NOT_IN_PRINT_QUEUE',
      `The letter is ${letter.status}`,
      'letterId',
    );
  }
  return ok({ type: 'letter-posted', letterId: letter.id, on: ctx.today });
}

/**
 * The deadline job's report. Stale or repeated deliveries (the clock has
 * stopped, moved, or was already marked) record nothing, so Scheduler's
 * at-least-once delivery cannot double-count a breach.
 */
function noteClock(
  state: ComplaintState,
  command: C.NoteClock,
  ctx: Ctx,
): Step {
  const clock = runningClocks(state, ctx.policy, ctx.calendar).find(
    (c) => c.id === command.clockId && c.dueOn === command.dueOn,
  );
  const marked = state.clockMarks.some(
    (m) =>
      m.clockId === command.clockId &&
      m.dueOn === command.dueOn &&
      m.kind === command.kind,
  );
  if (clock === undefined || marked) return { ok: true, events: [] };
  if (command.kind === 'breach') {
    if (
      clock.breachOn === null ||
      compareDates(ctx.today, clock.breachOn) < 0
    ) {
      return { ok: true, events: [] };
    }
    return ok({
      type: 'clock-breached',
      clockId: clock.id,
      dueOn: clock.dueOn,
    });
  }
  return ok({ type: 'clock-reminded', clockId: clock.id, dueOn: clock.dueOn });
}

// ── shared checks ───────────────────────────────────────────────────────

function currentStage(state: ComplaintState): Stage | undefined {
  if (state.stage2 !== undefined) return 2;
  if (state.stage1 !== undefined) return 1;
  return undefined;
}

function stageIsOpen(state: ComplaintState, stage: Stage): Step | undefined {
  const open = [`stage${stage}-received`, `stage${stage}-acknowledged`];
  if (!open.includes(state.status)) {
    return fail(
      `STAGE${stage}.NOT_OPEN`,
      `Stage ${stage} is not open; the complaint is ${state.status}`,
      'stage',
    );
  }
  return undefined;
}

function remedyInputsProblem(
  remedies: readonly C.RemedyInput[],
  field: string,
): Step | undefined {
  for (const [i, r] of remedies.entries()) {
    const at = field === 'remedy' ? field : `${field}.${i}`;
    const problem = required(r.description, `${at}.description`);
    if (problem) return problem;
    if (r.dueOn !== undefined) parseIsoDate(r.dueOn, `${at}.dueOn`);
    if (
      r.kind === 'financial' &&
      !(Number.isInteger(r.amountPence) && (r.amountPence ?? 0) > 0)
    ) {
      return fail(
        'REMEDY.AMOUNT_REQUIRED',
        'A financial remedy needs an amount in pence',
        `${at}.amountPence`,
      );
    }
    const amount = r.amountPence;
    if (amount !== undefined && !(Number.isInteger(amount) && amount >= 0)) {
      return fail(
        'REMEDY.AMOUNT_INVALID',
        'An amount is a whole number of pence',
        `${at}.amountPence`,
      );
    }
  }
  return undefined;
}

function actionInputsProblem(
  actions: readonly C.ActionInput[],
  field: string,
): Step | undefined {
  for (const [i, a] of actions.entries()) {
    const at = field === 'action' ? field : `${field}.${i}`;
    const problem = required(a.description, `${at}.description`);
    if (problem) return problem;
    if (a.dueOn !== undefined) parseIsoDate(a.dueOn, `${at}.dueOn`);
  }
  return undefined;
}

function required(value: string | undefined, field: string): Step | undefined {
  return value?.trim()
    ? undefined
    : fail('INPUT.REQUIRED', `${field} is required`, field);
}

function notFuture(at: Instant, field: string, ctx: Ctx): Step | undefined {
  parseInstant(at, field);
  return Date.parse(at) > Date.parse(ctx.now)
    ? fail('INPUT.IN_FUTURE', `${field} is in the future`, field)
    : undefined;
}

function futureDate(
  on: IsoDate | undefined,
  field: string,
  ctx: Ctx,
): Step | undefined {
  if (on === undefined)
    return fail('INPUT.REQUIRED', `${field} is required`, field);
  parseIsoDate(on, field);
  return compareDates(on, ctx.today) > 0
    ? undefined
    : fail('INPUT.NOT_IN_FUTURE', `${field} must be after today`, field);
}

function ok(...events: Body[]): Step {
  return { ok: true, events };
}

function fail(code: string, message: string, field?: string): Step {
  return {
    ok: false,
    rejection:
      field === undefined ? { code, message } : { code, message, field },
  };
}

function reject(code: string, message: string): DecideResult {
  return { ok: false, rejection: { code, message } };
}

// ── events → state, breaches, intents ───────────────────────────────────

function finish(
  before: ComplaintState | undefined,
  result: Step,
  ctx: Ctx,
): DecideResult {
  if (!result.ok) return result;
  const meta: EventMeta = { at: ctx.now, by: ctx.actor.id };
  const events = result.events.map(
    (e) => ({ ...e, ...meta }) as ComplaintEvent,
  );
  if (events.length === 0) {
    if (before === undefined) throw new Error('receive produced no events');
    return { ok: true, events, intents: [], state: before };
  }
  const clocksBefore =
    before === undefined ? [] : runningClocks(before, ctx.policy, ctx.calendar);
  let folded = events.reduce<ComplaintState | undefined>(
    evolve,
    before,
  ) as ComplaintState;
  // Breach marks never change which clocks run, so these stand for the
  // state after the breaches below too.
  const clocksAfter = runningClocks(folded, ctx.policy, ctx.calendar);

  // A clock stopped on or after its breach date, never marked: record it now.
  const stillRunning = new Set(clocksAfter.map((c) => `${c.id}@${c.dueOn}`));
  for (const clock of clocksBefore) {
    const late =
      clock.breachOn !== null && compareDates(ctx.today, clock.breachOn) >= 0;
    const marked = folded.clockMarks.some(
      (m) =>
        m.clockId === clock.id &&
        m.dueOn === clock.dueOn &&
        m.kind === 'breach',
    );
    if (late && !marked && !stillRunning.has(`${clock.id}@${clock.dueOn}`)) {
      const breach = {
        type: 'clock-breached',
        clockId: clock.id,
        dueOn: clock.dueOn,
        ...meta,
      } as const;
      events.push(breach);
      folded = evolve(folded, breach);
    }
  }

  const state = applyDecision(before, events) as ComplaintState;
  const version = state.version;
  const changes = scheduleChanges(state.id, clocksBefore, clocksAfter);
  const intents: Intent[] = [
    ...letterIntents(state, events, version, ctx.policy),
    ...changes.create.map((schedule) => ({
      type: 'create-schedule' as const,
      schedule,
    })),
    ...changes.remove.map((schedule) => ({
      type: 'delete-schedule' as const,
      schedule,
    })),
    ...events.flatMap((e): Intent[] =>
      e.type === 'issue-logged-as-new-complaint'
        ? [
            {
              type: 'open-linked-complaint',
              complaintId: e.complaintId,
              fromComplaintId: state.id,
              issue: e.issue,
            },
          ]
        : [],
    ),
  ];
  return { ok: true, events, intents, state };
}
