import { londonDate } from '../calendar/index.js';
import type { ComplaintEvent, ComplaintReceived } from './events.js';
import type { ComplaintState, Stage, StageRecord, Status } from './model.js';

/**
 * Folds one event into the state. Pure and total: every event type is
 * handled, and an event that does not fit the state is a bug upstream, so
 * it throws rather than guessing.
 *
 * The version is not touched here: it counts saved decisions, not events
 * (see `applyDecision`).
 *
 * @example
 * const state = events.reduce(evolve, undefined);
 */
export function evolve(
  state: ComplaintState | undefined,
  event: ComplaintEvent,
): ComplaintState {
  if (event.type === 'complaint-received') return fromReceipt(event);
  if (state === undefined) {
    throw new Error(`${event.type} before complaint-received`);
  }
  switch (event.type) {
    case 'classified': {
      const { stage1: _s, informal: _i, ...rest } = state;
      if (event.to !== 'complaint') {
        return { ...rest, classification: event.to, status: 'recorded' };
      }
      return event.informal
        ? {
            ...rest,
            classification: event.to,
            status: 'informal',
            informal: { startedOn: state.receivedOn },
          }
        : {
            ...rest,
            classification: event.to,
            status: 'stage1-received',
            stage1: newStage(state.receivedOn),
          };
    }
    case 'complaint-raised-from-request':
      return {
        ...state,
        linkedComplaintIds: [...state.linkedComplaintIds, event.complaintId],
      };
    case 'logged-at-stage-1':
      return {
        ...state,
        status: 'stage1-received',
        stage1: newStage(event.receivedOn),
      };
    case 'resolved-informally':
      return {
        ...state,
        status: 'closed',
        reopenTo: state.status,
        closedOn: event.on,
        closure: { reason: event.resolution },
        informal: {
          startedOn: state.informal?.startedOn ?? state.receivedOn,
          resolution: event.resolution,
        },
      };
    case 'declined': {
      const { type: _t, at: _a, by: _b, ...declination } = event;
      return {
        ...state,
        status: 'declined',
        reopenTo: state.status,
        declination,
      };
    }
    case 'clarification-requested':
      return {
        ...state,
        clarifications: [
          ...state.clarifications,
          {
            stage: event.stage,
            questions: event.questions,
            on: londonDate(event.at),
          },
        ],
      };
    case 'acknowledged':
      return withStage(state, event.stage, {
        status:
          event.stage === 1 ? 'stage1-acknowledged' : 'stage2-acknowledged',
        patch: { acknowledgedOn: event.on, definition: event.definition },
      });
    case 'extended': {
      const { type: _t, at: _a, by: _b, stage, ...extension } = event;
      const record = stageOf(state, stage);
      return withStage(state, stage, {
        patch: { extensions: [...record.extensions, extension] },
      });
    }
    case 'issue-added': {
      const record = stageOf(state, event.stage);
      const definition = record.definition ?? {
        issues: [],
        outcomesSought: [],
      };
      return withStage(state, event.stage, {
        patch: {
          definition: {
            ...definition,
            issues: [...definition.issues, event.issue],
          },
        },
      });
    }
    case 'issue-logged-as-new-complaint':
      return {
        ...state,
        linkedComplaintIds: [...state.linkedComplaintIds, event.complaintId],
      };
    case 'responded': {
      const next = withStage(state, event.stage, {
        status: event.stage === 1 ? 'stage1-responded' : 'stage2-responded',
        patch: { response: event.response },
      });
      return {
        ...next,
        remedies: [...state.remedies, ...event.remedies],
        actions: [...state.actions, ...event.actions],
      };
    }
    case 'escalation-requested': {
      const { type: _t, at: _a, by: _b, ...escalation } = event;
      const { closedOn: _c, closure: _cl, reopenTo: _r, ...open } = state;
      return {
        ...open,
        status: 'stage2-received',
        escalation,
        stage2: newStage(event.receivedOn),
      };
    }
    case 'escalation-refused': {
      const { type: _t, at: _a, by: _b, ...escalationRefusal } = event;
      return {
        ...state,
        status: 'escalation-refused',
        reopenTo: state.status,
        escalationRefusal,
      };
    }
    case 'handler-assigned':
      return withStage(state, event.stage, {
        patch: { handler: event.handler },
      });
    case 'meeting-recorded':
      return withStage(state, event.stage, {
        patch: { meetingOn: event.heldOn },
      });
    case 'remedy-recorded':
      return { ...state, remedies: [...state.remedies, event.remedy] };
    case 'remedy-completed':
      return {
        ...state,
        remedies: state.remedies.map((r) =>
          r.id === event.remedyId ? { ...r, completedOn: event.on } : r,
        ),
      };
    case 'action-added':
      return { ...state, actions: [...state.actions, event.action] };
    case 'action-completed':
      return {
        ...state,
        actions: state.actions.map((a) =>
          a.id === event.actionId ? { ...a, completedOn: event.on } : a,
        ),
      };
    case 'withdrawn':
      return {
        ...state,
        status: 'withdrawn',
        reopenTo: state.status,
        withdrawal: { reason: event.reason, on: event.on },
      };
    case 'closed':
      return {
        ...state,
        status: 'closed',
        reopenTo: state.status,
        closedOn: event.on,
        closure:
          event.learning === undefined
            ? { reason: event.reason }
            : { reason: event.reason, learning: event.learning },
      };
    case 'reopened': {
      const {
        reopenTo: _r,
        closedOn: _c,
        closure: _cl,
        withdrawal: _w,
        declination: _d,
        escalationRefusal: _e,
        ...open
      } = state;
      return { ...open, status: event.to };
    }
    case 'evidence-requested':
      return {
        ...state,
        evidenceRequests: [...state.evidenceRequests, event.request],
      };
    case 'evidence-provided':
      return {
        ...state,
        evidenceRequests: state.evidenceRequests.map((r) =>
          r.id === event.requestId ? { ...r, providedOn: event.on } : r,
        ),
      };
    case 'contact-restricted':
      return {
        ...state,
        restrictions: [...state.restrictions, event.restriction],
      };
    case 'restriction-reviewed':
      return {
        ...state,
        restrictions: state.restrictions.map((r) => {
          if (r.id !== event.restrictionId) return r;
          if (event.outcome === 'lift') return { ...r, liftedOn: event.on };
          return event.nextReviewOn === undefined
            ? r
            : { ...r, reviewOn: event.nextReviewOn };
        }),
      };
    case 'correspondence-recorded':
      return {
        ...state,
        correspondence: [
          ...state.correspondence,
          {
            id: event.id,
            direction: event.direction,
            channel: event.channel,
            at: event.correspondenceAt,
            summary: event.summary,
            ...(event.letterId === undefined
              ? {}
              : { letterId: event.letterId }),
            ...(event.messageId === undefined
              ? {}
              : { messageId: event.messageId }),
          },
        ],
        attachments: [...state.attachments, ...event.attachments],
      };
    case 'letter-recorded':
      return { ...state, letters: [...state.letters, event.letter] };
    case 'letter-posted':
      return {
        ...state,
        letters: state.letters.map((l) =>
          l.id === event.letterId
            ? { ...l, status: 'posted' as const, on: event.on }
            : l,
        ),
      };
    case 'clock-reminded':
    case 'clock-breached':
      return {
        ...state,
        clockMarks: [
          ...state.clockMarks,
          {
            clockId: event.clockId,
            dueOn: event.dueOn,
            kind: event.type === 'clock-breached' ? 'breach' : 'reminder',
          },
        ],
      };
  }
}

/** Folds a saved decision's events and counts it as one more version. */
export function applyDecision(
  state: ComplaintState | undefined,
  events: readonly ComplaintEvent[],
): ComplaintState | undefined {
  if (events.length === 0) return state;
  const next = events.reduce<ComplaintState | undefined>(evolve, state);
  return next === undefined
    ? undefined
    : { ...next, version: (state?.version ?? 0) + 1 };
}

/** The stage record for a stage the state has reached (a bug otherwise). */
export function stageOf(state: ComplaintState, stage: Stage): StageRecord {
  const record = stage === 1 ? state.stage1 : state.stage2;
  if (record === undefined) {
    throw new Error(`${state.id} has no stage ${stage} record`);
  }
  return record;
}

function fromReceipt(event: ComplaintReceived): ComplaintState {
  const isComplaint = event.classification === 'complaint';
  const {
    type: _t,
    at: _a,
    by: _b,
    informal,
    serviceRequestId,
    messageId,
    ...rest
  } = event;
  return {
    ...rest,
    version: 0,
    status: !isComplaint
      ? 'recorded'
      : informal
        ? 'informal'
        : 'stage1-received',
    ...(serviceRequestId === undefined
      ? {}
      : { linkedServiceRequestId: serviceRequestId }),
    ...(messageId === undefined ? {} : { sourceMessageId: messageId }),
    ...(isComplaint && informal
      ? { informal: { startedOn: event.receivedOn } }
      : {}),
    ...(isComplaint && !informal ? { stage1: newStage(event.receivedOn) } : {}),
    linkedComplaintIds: [],
    remedies: [],
    actions: [],
    evidenceRequests: [],
    restrictions: [],
    correspondence: [],
    clockMarks: [],
    clarifications: [],
    letters: [],
  };
}

function newStage(receivedOn: string): StageRecord {
  return { receivedOn, extensions: [] };
}

function withStage(
  state: ComplaintState,
  stage: Stage,
  change: { status?: Status; patch: Partial<StageRecord> },
): ComplaintState {
  const record = { ...stageOf(state, stage), ...change.patch } as StageRecord;
  return {
    ...state,
    ...(change.status === undefined ? {} : { status: change.status }),
    ...(stage === 1 ? { stage1: record } : { stage2: record }),
  };
}
