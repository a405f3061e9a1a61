import type { z } from 'zod';

/**
 * A row read back from storage does not match its contract: written by a
 * bug, edited by hand, or left behind by an incompatible version. Never a
 * user's fault, so never exposed (the error mapping makes it a 500).
 *
 * The message names the row and the first bad path, never the bad value
 * (zod keeps inputs out of its issues by default), so it is safe to log.
 *
 * @example
 * // complaint state HTH-2026-000001: stage1.receivedOn: Invalid date
 */
export class StoredRowError extends Error {
  readonly code = 'STORAGE.INVALID_ROW';
  /** What was read, e.g. `complaint state HTH-2026-000001`. */
  readonly row: string;
  /** Every problem zod found, each with its path into the row. */
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(row: string, error: z.ZodError, options?: ErrorOptions) {
    const [first] = error.issues;
    const more =
      error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
    super(`${row}: ${describeIssue(first)}${more}`, {
      cause: error,
      ...options,
    });
    this.name = 'StoredRowError';
    this.row = row;
    this.issues = error.issues;
  }
}

/**
 * Validates a row read back from storage (STYLE rec. 2: zod also validates
 * rows read back), returning the parsed value.
 *
 * @param what - names the row in the error, e.g. `complaint state c-1`
 * @throws StoredRowError naming the row and the first bad path
 * @example
 * const state = parseRow(complaintStateSchema, item.state, `complaint state ${id}`);
 */
export function parseRow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new StoredRowError(what, result.error);
}

/** `stage1.extensions[0].toDueOn`: dotted keys, bracketed indices. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'invalid';
  const path = formatPath(issue.path);
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
