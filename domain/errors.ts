/**
 * Hearth's domain errors (STYLE rec. 4): one base class, a `…Error` suffix,
 * a stable `code` phrased in the Code's own words, and `cause` kept through
 * `ErrorOptions`.
 *
 * Expected refusals (closing a closed complaint, an extension past its cap)
 * are values, not errors: see `Rejection` in `complaint/`. These classes are
 * for broken invariants: bad data handed to the domain, or a calendar asked
 * about a year it has no holidays for.
 */
export class DomainError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A value handed to the domain is malformed (a date that is not a date). */
export class InvalidInputError extends DomainError {
  readonly field: string;

  constructor(field: string, message: string, options?: ErrorOptions) {
    super('INPUT.INVALID', `${field}: ${message}`, options);
    this.field = field;
  }
}

/**
 * A working-day sum fell outside the years the bank-holiday source covers.
 * Counting on would silently treat unknown bank holidays as working days,
 * so a statutory clock could fall due a day early.
 */
export class CalendarRangeError extends DomainError {
  readonly date: string;

  constructor(date: string, covered: { from: string; to: string }) {
    super(
      'CALENDAR.OUT_OF_RANGE',
      `${date} is outside the bank-holiday data (${covered.from} to ${covered.to})`,
    );
    this.date = date;
  }
}

/** A policy breaks an invariant the engine relies on (not a Code departure). */
export class InvalidPolicyError extends DomainError {
  readonly policyId: string;

  constructor(policyId: string, message: string) {
    super('POLICY.INVALID', `${policyId}: ${message}`);
    this.policyId = policyId;
  }
}

/**
 * A save lost a race: the complaint changed since it was read. Never a
 * silent overwrite; the caller reloads and decides again, or tells the user
 * (HTTP 412).
 */
export class VersionConflictError extends DomainError {
  readonly complaintId: string;
  readonly expectedVersion: number;

  constructor(
    complaintId: string,
    expectedVersion: number,
    options?: ErrorOptions,
  ) {
    super(
      'COMPLAINT.VERSION_CONFLICT',
      `${complaintId} changed after version ${expectedVersion} was read`,
      options,
    );
    this.complaintId = complaintId;
    this.expectedVersion = expectedVersion;
  }
}
