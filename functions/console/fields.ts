/**
 * Form fields described once, as data, and turned into the parameters of
 * the GOV.UK Design System's own macros (govukInput, govukRadios,
 * govukDateInput…), with each field's value and error in place. Field
 * names are the command's field paths (`definition.issues.0.summary`), so
 * a problem the schema or the domain names lands on its field; ids are
 * prefixed with the form's name, so many forms share one page.
 */
import { type FieldError, fieldId } from '../shared/pages/http.js';

interface Base {
  /** The command field path; also the form field's name. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
}

export interface Option {
  readonly value: string;
  readonly text: string;
  readonly hint?: string;
}

export type Field =
  | (Base & {
      readonly kind: 'text';
      readonly width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
      readonly prefix?: string;
      readonly inputmode?: 'numeric' | 'decimal' | 'email' | 'tel';
      readonly autocomplete?: string;
    })
  | (Base & { readonly kind: 'textarea'; readonly rows?: number })
  | (Base & { readonly kind: 'select'; readonly options: readonly Option[] })
  | (Base & {
      readonly kind: 'radios';
      readonly options: readonly Option[];
      readonly inline?: boolean;
    })
  | (Base & {
      readonly kind: 'checkboxes';
      readonly options: readonly Option[];
    })
  | (Base & { readonly kind: 'date' })
  /** A date and a time of day in London: `<name>.day|month|year|time`. */
  | (Base & { readonly kind: 'datetime' })
  | { readonly kind: 'hidden'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'group';
      readonly legend: string;
      readonly hint?: string;
      readonly fields: readonly Field[];
    };

/** A nested value at a dotted path: `issues.0.summary`. */
export function valueAt(values: unknown, path: string): unknown {
  let at: unknown = values;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : undefined;

/** Every field's name, groups flattened, in the order the form shows them. */
export function fieldNames(fields: readonly Field[]): string[] {
  return fields.flatMap((f) =>
    f.kind === 'group' ? fieldNames(f.fields) : [f.name],
  );
}

/** The field of that name (groups searched), if the form has one. */
export function findField(
  fields: readonly Field[],
  name: string,
): Exclude<Field, { kind: 'group' }> | undefined {
  for (const f of fields) {
    if (f.kind === 'group') {
      const found = findField(f.fields, name);
      if (found !== undefined) return found;
    } else if (f.name === name) {
      return f;
    }
  }
  return undefined;
}

/**
 * The form field a problem belongs to: the field of that name, or the
 * field whose name starts the problem's path (`newDueOn` for
 * `newDueOn.day`); undefined when the form has no such field.
 */
export function fieldFor(
  fields: readonly Field[],
  path: string,
): string | undefined {
  const names = fieldNames(fields);
  if (names.includes(path)) return path;
  return names
    .filter((n) => path.startsWith(`${n}.`))
    .sort((a, b) => b.length - a.length)[0];
}

/** A field problem on the page: its anchor is the prefixed field id. */
export function anchorOf(form: string, field: string): string {
  return `${form}-${fieldId(field)}`;
}

/**
 * The error summary of a refused form: the problem naming no field first
 * (linked to the form), then each field's, linked to its field.
 */
export function errorSummary(
  form: string,
  errors: readonly { readonly field: string; readonly message: string }[],
  formError?: string,
) {
  if (errors.length === 0 && formError === undefined) return undefined;
  return {
    list: [
      ...(formError === undefined
        ? []
        : [{ text: formError, href: `#${form}-form` }]),
      ...errors.map((e) => ({
        text: e.message,
        href: `#${anchorOf(form, e.field)}`,
      })),
    ],
  };
}

export interface RenderedField {
  readonly kind: Field['kind'];
  readonly params: Record<string, unknown>;
  readonly time?: Record<string, unknown>;
  readonly fields?: readonly RenderedField[];
}

/**
 * The macro parameters of each field of one form, with the values to
 * show (as sent, or the form's defaults) and each field's error.
 */
export function renderFields(
  form: string,
  fields: readonly Field[],
  values: unknown,
  errors: readonly FieldError[],
): RenderedField[] {
  return fields.map((f) => renderField(form, f, values, errors));
}

function renderField(
  form: string,
  f: Field,
  values: unknown,
  errors: readonly FieldError[],
): RenderedField {
  const errorOf = (name: string) => {
    const found = errors.find(
      (e) => e.field === name || e.field.startsWith(`${name}.`),
    );
    return found === undefined ? undefined : { text: found.message };
  };
  if (f.kind === 'hidden') {
    return { kind: 'hidden', params: { name: f.name, value: f.value } };
  }
  if (f.kind === 'group') {
    return {
      kind: 'group',
      params: {
        legend: { text: f.legend, classes: 'govuk-fieldset__legend--s' },
        ...(f.hint === undefined ? {} : { hint: f.hint }),
      },
      fields: renderFields(form, f.fields, values, errors),
    };
  }
  const id = anchorOf(form, f.name);
  const value = valueAt(values, f.name);
  const common = {
    ...(f.hint === undefined ? {} : { hint: { text: f.hint } }),
    ...(errorOf(f.name) === undefined ? {} : { errorMessage: errorOf(f.name) }),
  };
  const legend = { text: f.label, classes: 'govuk-fieldset__legend--s' };
  switch (f.kind) {
    case 'text':
      return {
        kind: 'text',
        params: {
          id,
          name: f.name,
          label: { text: f.label },
          value: text(value),
          classes: f.width === undefined ? '' : `govuk-input--width-${f.width}`,
          spellcheck: false,
          ...(f.prefix === undefined ? {} : { prefix: { text: f.prefix } }),
          ...(f.inputmode === undefined ? {} : { inputmode: f.inputmode }),
          ...(f.autocomplete === undefined
            ? { autocomplete: 'off' }
            : { autocomplete: f.autocomplete }),
          ...common,
        },
      };
    case 'textarea':
      return {
        kind: 'textarea',
        params: {
          id,
          name: f.name,
          label: { text: f.label },
          value: text(value),
          rows: f.rows ?? 4,
          ...common,
        },
      };
    case 'select':
      return {
        kind: 'select',
        params: {
          id,
          name: f.name,
          label: { text: f.label },
          items: [
            { value: '', text: 'Choose…' },
            ...f.options.map((o) => ({
              value: o.value,
              text: o.text,
              selected: text(value) === o.value,
            })),
          ],
          ...common,
        },
      };
    case 'radios':
    case 'checkboxes': {
      const chosen = Array.isArray(value) ? value.map(text) : [text(value)];
      return {
        kind: f.kind,
        params: {
          idPrefix: id,
          name: f.name,
          fieldset: { legend },
          classes:
            f.kind === 'radios' && f.inline === true
              ? 'govuk-radios--inline'
              : '',
          items: f.options.map((o) => ({
            value: o.value,
            text: o.text,
            ...(o.hint === undefined ? {} : { hint: { text: o.hint } }),
            checked: chosen.includes(o.value),
          })),
          ...common,
        },
      };
    }
    case 'date':
    case 'datetime': {
      const part = (p: string) => text(valueAt(value, p));
      const error = errorOf(f.name);
      const item = (p: 'day' | 'month' | 'year', label: string) => ({
        ...(p === 'day' ? { id } : { id: `${id}-${p}` }),
        name: `${f.name}.${p}`,
        label,
        value: part(p),
        inputmode: 'numeric',
        classes: `govuk-input--width-${p === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`,
      });
      return {
        kind: f.kind,
        params: {
          id: `${id}-date`,
          fieldset: { legend },
          hint: { text: f.hint ?? 'For example, 27 3 2026' },
          items: [
            item('day', 'Day'),
            item('month', 'Month'),
            item('year', 'Year'),
          ],
          ...(error === undefined ? {} : { errorMessage: error }),
        },
        ...(f.kind === 'datetime'
          ? {
              time: {
                id: `${id}-time`,
                name: `${f.name}.time`,
                label: { text: 'Time (London)' },
                hint: { text: 'For example, 14:30 or 2:30pm' },
                value: part('time'),
                classes: 'govuk-input--width-5',
                autocomplete: 'off',
                spellcheck: false,
              },
            }
          : {}),
      };
    }
  }
}
