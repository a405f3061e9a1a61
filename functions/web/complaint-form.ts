/**
 * The complaint form as a page sees it: from the url-encoded form (parsed
 * by `formOf`) to the body the JSON API takes, and from zod's issues to
 * the same field problems problem+json names. Pure, so it is unit-tested.
 *
 * The form's inputs are named by the API's field paths (`resident.email`,
 * `resident.address[0]`); what a browser sends differs in four ways, each
 * mapped here: dates come as day, month and year boxes (`issueDate.day`);
 * a ticked box comes as a string (consent is `true`), an unticked one not
 * at all; one ticked checkbox comes as a string rather than a list; and a
 * list of blank inputs (an address left empty) comes as an empty list.
 * The idempotency key is the form's own and never reaches the schema.
 */
import type { z } from 'zod';
import { errorsFor, type FieldError, fieldId } from '../shared/pages/http.js';

/** Hidden field: one fresh UUID per GET of the form. */
export const keyField = 'idempotencyKey';

type Form = Record<string, unknown>;

const isRecord = (value: unknown): value is Form =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Day, month and year boxes → `YYYY-MM-DD`. Anything that is not three
 * whole numbers (a box left empty, `Feb`, a two-digit year) becomes a
 * string the schema refuses, so the error names the date field; a date
 * that does not exist (30 February) is refused by the schema as well.
 */
export function dateOf(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const part = (name: string) =>
    typeof value[name] === 'string' ? (value[name] as string).trim() : '';
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (
    /^\d{1,2}$/.test(day) &&
    /^\d{1,2}$/.test(month) &&
    /^\d{4}$/.test(year)
  ) {
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return `${year}-${month}-${day}`;
}

/**
 * One ticked checkbox arrives as a string, several as a list; inputs all
 * left blank arrive as an empty list, which is nothing given.
 */
function listOf(value: unknown): unknown {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.length === 0 ? undefined : value;
}

/** An object's fields with the lists mapped by `listOf`, blanks dropped. */
function withLists(value: Form, lists: readonly string[]): Form {
  return Object.fromEntries(
    Object.entries(value)
      .map(([k, v]) => [k, lists.includes(k) ? listOf(v) : v] as const)
      .filter(([, v]) => v !== undefined),
  );
}

/**
 * A ticked box sends `true`; an unticked one sends nothing, which is a
 * "no". Anything else is left for the schema to refuse by name.
 */
function consentOf(value: unknown): unknown {
  if (value === undefined) return false;
  return value === 'true' ? true : value;
}

/**
 * The form's fields as the JSON API's body, for `intakeBodySchema`. The
 * resident's details are always an object, so a blank form names each
 * missing field (`resident.name`) rather than the whole group. The
 * representative is there when anything about them is filled in (the
 * consent box included), and then each missing detail is named.
 */
export function complaintBodyOf(form: Form): Form {
  const {
    [keyField]: _key,
    issueDate,
    awareDate,
    resident,
    representative,
    adjustments,
    ...rest
  } = form;
  const body: Form = { ...rest };
  if (issueDate !== undefined) body.issueDate = dateOf(issueDate);
  if (awareDate !== undefined) body.awareDate = dateOf(awareDate);
  body.resident = isRecord(resident)
    ? withLists(resident, ['formats', 'address'])
    : (resident ?? {});
  if (isRecord(representative)) {
    const { consent, ...person } = withLists(representative, ['address']);
    if (Object.keys(person).length > 0 || consent !== undefined) {
      body.representative = { ...person, consent: consentOf(consent) };
    }
  } else if (representative !== undefined) {
    body.representative = representative;
  }
  const list = listOf(adjustments);
  if (list !== undefined) body.adjustments = list;
  return body;
}

/**
 * zod's issues as the field problems problem+json lists: the issue's path
 * dotted, the schema's message, `body` for a problem with the whole form.
 */
export function fieldErrorsOf(
  issues: readonly z.core.$ZodIssue[],
): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    message: issue.message,
  }));
}

/** A form field: its path, the name and id it is rendered with, its value and error. */
export interface FormField {
  readonly name: string;
  readonly id: string;
  readonly value: unknown;
  readonly error:
    | {
        readonly text: string;
        readonly attributes: { readonly 'data-field': string };
      }
    | undefined;
}

/** `resident.address.0` → `resident.address[0]` (what qs reads back). */
function nameOf(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

function valueAt(values: Form, path: string): unknown {
  let at: unknown = values;
  for (const key of path.split('.')) {
    if (Array.isArray(at)) at = at[Number(key)];
    else if (isRecord(at)) at = at[key];
    else return undefined;
  }
  return at;
}

/** Every field the form renders, by its API path. */
export const formFields = [
  'summary',
  'issueDate',
  'awareDate',
  'outcomeSought',
  'resident.name',
  'resident.address.0',
  'resident.address.1',
  'resident.address.2',
  'resident.address.3',
  'resident.email',
  'resident.phone',
  'resident.preferredContact',
  'resident.formats',
  'resident.language',
  'representative.name',
  'representative.relationship',
  'representative.email',
  'representative.phone',
  'representative.address.0',
  'representative.address.1',
  'representative.address.2',
  'representative.address.3',
  'representative.consent',
  'adjustments.0',
  'vulnerability',
  'website',
] as const;

export type FormFieldPath = (typeof formFields)[number];

/**
 * Where an error for a field that has no input of its own is shown and
 * linked from the summary: the group it belongs to (the address's first
 * line for `resident.address`, the checkboxes for `resident.formats.1`),
 * or, for a problem with the whole form, the top of the page.
 */
function fieldFor(field: string): FormFieldPath | undefined {
  const known = new Set<string>(formFields);
  for (let path = field; path !== ''; ) {
    if (known.has(path)) return path as FormFieldPath;
    if (known.has(`${path}.0`)) return `${path}.0` as FormFieldPath;
    const dot = path.lastIndexOf('.');
    path = dot < 0 ? '' : path.slice(0, dot);
  }
  return undefined;
}

/**
 * What the form template needs: each field's name, id, value and inline
 * error, and the error summary, whose links go to the field each error
 * names. Messages are the schema's (or the domain's) own, unchanged, and
 * each carries the API's field name (`data-field`).
 */
export function complaintFormView(
  values: Form,
  errors: readonly FieldError[],
  key: string,
) {
  const placed = errors.map((e) => ({ ...e, at: fieldFor(e.field) }));
  const summary = errorsFor(errors);
  const fields = Object.fromEntries(
    formFields.map((path) => {
      const error = placed.find((e) => e.at === path);
      const value = valueAt(values, path);
      const field: FormField = {
        name: nameOf(path),
        id: fieldId(path),
        // The checkboxes want a list, even of one.
        value: path === 'resident.formats' ? listOf(value) : value,
        error:
          error === undefined
            ? undefined
            : {
                text: error.message,
                attributes: { 'data-field': error.field },
              },
      };
      return [path, field];
    }),
  ) as Record<FormFieldPath, FormField>;
  return {
    key,
    fields,
    errors: {
      ...summary,
      // `data-field` names the API field, as problem+json does.
      list: placed.map((e) => ({
        text: e.message,
        href: `#${e.at === undefined ? 'main-content' : fieldId(e.at)}`,
        attributes: { 'data-field': e.field },
      })),
    },
  };
}
