/**
 * Why a form was refused, in words for the person who filled it in: the
 * command schema's issues and the domain's rejections, each placed on the
 * field it names where the form has one.
 */
import {
  CalendarRangeError,
  InvalidInputError,
  type Rejection,
  VersionConflictError,
} from '@hearth/domain';
import type { z } from 'zod';
import { formatPath } from '../shared/contracts/index.js';
import { RejectedError } from '../shared/middleware/problem-json.js';
import type { FieldError } from '../shared/pages/http.js';
import { type Field, fieldFor, findField } from './fields.js';

/** A refusal as the page shows it. */
export interface Refusal {
  readonly status: 400 | 409;
  readonly errors: readonly FieldError[];
  readonly formError?: string;
}

const lowerFirst = (text: string) =>
  text.charAt(0).toLowerCase() + text.slice(1);

function friendly(issue: z.core.$ZodIssue, field: Field | undefined): string {
  if (
    field === undefined ||
    field.kind === 'group' ||
    field.kind === 'hidden'
  ) {
    return issue.message;
  }
  const name = field.label.replace(/ \((optional|if[^)]*)\)$/, '');
  const label = lowerFirst(name);
  if (field.kind === 'date') return `${name} must be a real date`;
  if (field.kind === 'datetime') {
    return `Enter a real date and time for ${label}`;
  }
  if (field.kind === 'text' && field.prefix === '£') {
    return issue.code === 'too_big'
      ? `${name} must be £100,000 or less`
      : `Enter ${label} in pounds, like 25 or 25.50`;
  }
  const choose =
    field.kind === 'select' ||
    field.kind === 'radios' ||
    field.kind === 'checkboxes';
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_value':
    case 'too_small':
      return choose ? `Select ${label}` : `Enter ${label}`;
    case 'too_big':
      return `${field.label} must be ${issue.maximum} characters or fewer`;
    case 'invalid_format':
      return `Enter ${label} in the right format`;
    default:
      return `${field.label}: ${issue.message}`;
  }
}

/** The schema's issues, each on its field (or the form when it has none). */
export function schemaRefusal(
  error: z.ZodError,
  fields: readonly Field[],
): Refusal {
  const errors: FieldError[] = [];
  let formError: string | undefined;
  for (const issue of error.issues) {
    const path = formatPath(issue.path).replace(/\[(\d+)\]/g, '.$1');
    const name = fieldFor(fields, path);
    const message = friendly(
      issue,
      name === undefined ? undefined : findField(fields, name),
    );
    if (name === undefined) formError ??= message;
    else if (!errors.some((e) => e.field === name)) {
      errors.push({ field: name, message });
    }
  }
  return {
    status: 400,
    errors,
    ...(formError === undefined ? {} : { formError }),
  };
}

/** The domain's refusal: 400 when it names a field, 409 when the state refuses. */
export function rejectionRefusal(
  rejection: Rejection,
  fields: readonly Field[],
): Refusal {
  const status = rejection.field === undefined ? 409 : 400;
  const name =
    rejection.field === undefined
      ? undefined
      : fieldFor(fields, rejection.field);
  return name === undefined
    ? { status, errors: [], formError: rejection.message }
    : { status, errors: [{ field: name, message: rejection.message }] };
}

export const conflictMessage =
  'Someone else changed this complaint while you were working on it. The page now shows it as it is: check it, then try again.';

/**
 * An error from deciding or saving a command as a refusal to show, or
 * undefined for anything that is not the user's to fix (rethrown).
 */
export function refusalOf(
  error: unknown,
  fields: readonly Field[],
): Refusal | 'conflict' | undefined {
  if (error instanceof VersionConflictError) return 'conflict';
  if (error instanceof RejectedError) {
    return rejectionRefusal(error.rejection, fields);
  }
  if (error instanceof InvalidInputError) {
    return rejectionRefusal(
      { code: error.code, message: error.message, field: error.field },
      fields,
    );
  }
  if (error instanceof CalendarRangeError) {
    return { status: 400, errors: [], formError: error.message };
  }
  return undefined;
}
