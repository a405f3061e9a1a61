/**
 * The Scheduler API's errors as restJson1 carries them: the type in the
 * `x-amzn-ErrorType` header, `{ "Message": … }` in the body, and the HTTP
 * status the SDK's error schema declares (ConflictException 409,
 * ResourceNotFoundException 404, ValidationException 400, …). The SDK
 * turns each into its exception class by that type name.
 */

export class ApiError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, status: number, message: string) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

/** One broken constraint, as AWS words it inside a ValidationException. */
export interface Violation {
  /** The member path in AWS's spelling, e.g. `target.roleArn`. */
  readonly field: string;
  readonly value: unknown;
  readonly constraint: string;
}

/**
 * A ValidationException listing every violation, in AWS's wording:
 * `1 validation error detected: Value 'x' at 'name' failed to satisfy
 * constraint: …`.
 */
export function validationError(violations: readonly Violation[]): ApiError {
  const count = violations.length;
  const details = violations
    .map(
      (v) =>
        `Value ${show(v.value)} at '${v.field}' failed to satisfy constraint: ${v.constraint}`,
    )
    .join('; ');
  return new ApiError(
    'ValidationException',
    400,
    `${count} validation error${count === 1 ? '' : 's'} detected: ${details}`,
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function notFound(message: string): ApiError {
  return new ApiError('ResourceNotFoundException', 404, message);
}

export function conflict(message: string): ApiError {
  return new ApiError('ConflictException', 409, message);
}
