import type { ComplaintEvent } from '../complaint/events.js';
import type { Intent } from '../complaint/intents.js';
import type { ComplaintState } from '../complaint/model.js';

/** What one decision saves: the new state, its events and their side effects. */
export interface DecisionToSave {
  /** The state after the decision (its version is the one being written). */
  readonly state: ComplaintState;
  /** The version the decision was made on (0 for a new complaint). */
  readonly expectedVersion: number;
  readonly events: readonly ComplaintEvent[];
  readonly intents: readonly Intent[];
  /**
   * The earliest statutory or promised clock still running (`nextDue` in
   * deadlines/): it places the case in the work queue; none takes it out.
   */
  readonly nextDue?: { readonly clockId: string; readonly dueOn: string };
  /**
   * On receipt only: the SHA-256 (hex) of the resident's tracking token.
   * The token itself is never stored.
   */
  readonly trackingTokenHash?: string;
}

/**
 * Where complaints live. One `save` is one atomic write of the new state
 * (only if still at `expectedVersion`) and one append-only event item that
 * carries the intents (the outbox, DESIGN §2). A lost race throws
 * `VersionConflictError` and writes nothing.
 */
export interface ComplaintRepository {
  load(
    organisationId: string,
    complaintId: string,
  ): Promise<ComplaintState | undefined>;
  save(organisationId: string, decision: DecisionToSave): Promise<void>;
  /** The events saved after `version`, oldest first. */
  eventsAfter(
    organisationId: string,
    complaintId: string,
    version: number,
  ): Promise<ComplaintEvent[]>;
}

/** Allocates complaint references, `HTH-<year>-<6 digits>`, never twice. */
export interface ReferenceAllocator {
  nextReference(organisationId: string, year: number): Promise<string>;
}
