/**
 * Log a complaint made by phone, letter, in person or elsewhere, with the
 * TRUE date and time it was received (Code 3.2, 5.12), not the moment it
 * is typed in: the clocks run from then. The body is the staff API's
 * (`staffReceiveSchema`), built from the form.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  accessibleFormats,
  classifications,
  contactMethods,
  staffChannels,
  staffReceiveSchema,
  tenures,
} from '../shared/contracts/index.js';
import type { FieldError } from '../shared/pages/http.js';
import { redirect } from '../shared/pages/http.js';
import { type Received, receiveNew } from '../shared/service.js';
import { casePath } from './case-page.js';
import type { Caller, CaseDeps } from './case-routes.js';
import { errorSummary, type Field, renderFields } from './fields.js';
import {
  dateOf,
  defined,
  groupOf,
  instantOf,
  linesOf,
  textOf,
} from './input.js';
import { channelLabels } from './labels.js';
import { refusalOf, schemaRefusal } from './problems.js';
import { type PageKit, page } from './view.js';

const FORM = 'log';

/** Shown once on the new case: the resident's code to track it online. */
export const FLASH_COOKIE = 'hearth_console_flash';

const contactFields = (at: string, optional: boolean): Field[] => [
  {
    kind: 'text',
    name: `${at}.email`,
    label: `Email address${optional ? ' (optional)' : ''}`,
    inputmode: 'email',
    width: 30,
  },
  {
    kind: 'text',
    name: `${at}.phone`,
    label: `Phone number${optional ? ' (optional)' : ''}`,
    inputmode: 'tel',
    width: 20,
  },
  {
    kind: 'textarea',
    name: `${at}.address`,
    label: `Postal address${optional ? ' (optional)' : ''}`,
    hint: 'One line on each line, postcode last',
    rows: 4,
  },
];

const fields: readonly Field[] = [
  {
    kind: 'radios',
    name: 'channel',
    label: 'How the complaint was made',
    options: staffChannels.map((c) => ({ value: c, text: channelLabels[c] })),
  },
  {
    kind: 'datetime',
    name: 'receivedAt',
    label: 'When it was received',
    hint: 'The date and time the resident made it, not now. For example, 20 11 2026',
  },
  {
    kind: 'select',
    name: 'classification',
    label: 'What it is',
    hint: 'Leave as a complaint unless it is clearly something else (Code 1.2–1.5)',
    options: classifications.map((c) => ({
      value: c,
      text: c.charAt(0).toUpperCase() + c.slice(1).replace('-', ' '),
    })),
  },
  {
    kind: 'textarea',
    name: 'summary',
    label: 'What the resident is unhappy about',
    rows: 6,
  },
  {
    kind: 'textarea',
    name: 'outcomeSought',
    label: 'What they want to happen (optional)',
  },
  {
    kind: 'text',
    name: 'category',
    label: 'Category (optional)',
    hint: 'For example, repairs',
    width: 20,
  },
  {
    kind: 'date',
    name: 'issueDate',
    label: 'Date it happened (optional)',
  },
  {
    kind: 'date',
    name: 'awareDate',
    label: 'Date the resident became aware of it (optional)',
  },
  {
    kind: 'group',
    legend: 'The resident',
    fields: [
      {
        kind: 'text',
        name: 'resident.name',
        label: 'Full name',
        autocomplete: 'off',
      },
      ...contactFields('resident', true),
      {
        kind: 'radios',
        name: 'resident.preferredContact',
        label: 'How they want us to contact them',
        options: contactMethods.map((m) => ({
          value: m,
          text: { email: 'Email', post: 'Post', phone: 'Phone' }[m],
        })),
        inline: true,
      },
      {
        kind: 'checkboxes',
        name: 'resident.formats',
        label: 'Formats they need (optional)',
        options: accessibleFormats.map((f) => ({
          value: f,
          text: f.charAt(0).toUpperCase() + f.slice(1).replace('-', ' '),
        })),
      },
      {
        kind: 'text',
        name: 'resident.language',
        label: 'Language, if not English (optional)',
        width: 20,
      },
      {
        kind: 'select',
        name: 'resident.tenure',
        label: 'Tenure (optional)',
        options: tenures.map((t) => ({ value: t, text: t })),
      },
    ],
  },
  {
    kind: 'group',
    legend: 'Someone acting for the resident (optional)',
    fields: [
      { kind: 'text', name: 'representative.name', label: 'Full name' },
      {
        kind: 'text',
        name: 'representative.relationship',
        label: 'Relationship to the resident',
        width: 20,
      },
      ...contactFields('representative', true),
    ],
  },
  {
    kind: 'textarea',
    name: 'adjustments',
    label: 'Reasonable adjustments they need (optional)',
    hint: 'One on each line',
  },
  {
    kind: 'textarea',
    name: 'vulnerability',
    label: 'Vulnerability (optional)',
    hint: 'Anything staff should know to handle the complaint safely',
  },
];

function contactOf(group: Record<string, unknown>) {
  const address = linesOf(group.address);
  return defined({
    name: textOf(group, 'name'),
    email: textOf(group, 'email'),
    phone: textOf(group, 'phone'),
    address: address.length === 0 ? undefined : address,
  });
}

/** The staff API's body, from the form. */
export function receiveBody(form: Record<string, unknown>) {
  const resident = groupOf(form, 'resident');
  const representative = groupOf(form, 'representative');
  const formats = resident.formats;
  const adjustments = linesOf(form.adjustments).map((description) => ({
    description,
  }));
  return defined({
    channel: textOf(form, 'channel'),
    receivedAt: instantOf(form.receivedAt),
    summary: textOf(form, 'summary'),
    classification: textOf(form, 'classification'),
    issueDate: dateOf(form.issueDate),
    awareDate: dateOf(form.awareDate),
    outcomeSought: textOf(form, 'outcomeSought'),
    category: textOf(form, 'category'),
    resident: defined({
      ...contactOf(resident),
      name: textOf(resident, 'name') ?? '',
      preferredContact: textOf(resident, 'preferredContact'),
      formats: Array.isArray(formats)
        ? formats
        : formats === undefined
          ? []
          : [formats],
      language: textOf(resident, 'language'),
      tenure: textOf(resident, 'tenure'),
    }),
    representative:
      Object.keys(representative).length === 0
        ? undefined
        : defined({
            ...contactOf(representative),
            name: textOf(representative, 'name') ?? '',
            relationship: textOf(representative, 'relationship') ?? '',
          }),
    adjustments: adjustments.length === 0 ? undefined : adjustments,
    vulnerability: textOf(form, 'vulnerability'),
  });
}

export function logPage(
  kit: PageKit,
  status: number,
  values: Record<string, unknown>,
  errors: readonly FieldError[] = [],
  formError?: string,
): APIGatewayProxyStructuredResultV2 {
  return page(kit, status, 'console/log.njk', {
    title: 'Log a complaint',
    section: 'log',
    width: 'two-thirds',
    fields: renderFields(FORM, fields, values, errors),
    formError,
    errors: errorSummary(FORM, errors, formError),
  });
}

/**
 * Logs the complaint and goes to its page, where the resident's tracking
 * code is shown once (it is kept only as a hash).
 */
export async function logComplaint(
  deps: CaseDeps,
  caller: Caller,
  form: Record<string, unknown>,
  secure: boolean,
): Promise<APIGatewayProxyStructuredResultV2> {
  const parsed = staffReceiveSchema.safeParse(receiveBody(form));
  if (!parsed.success) {
    const refusal = schemaRefusal(parsed.error, fields);
    return logPage(caller.kit, 400, form, refusal.errors, refusal.formError);
  }
  const body = parsed.data;
  let received: Received;
  try {
    received = await receiveNew({
      repository: deps.repository,
      organisationId: caller.staff.organisationId,
      policy: deps.config.policy,
      actor: { kind: 'staff', id: caller.staff.username },
      now: caller.now,
      // Numbered in the London year it was received, not logged.
      receivedAt: body.receivedAt,
      newId: randomUUID,
      command: (reference) => ({
        ...body,
        type: 'receive',
        id: reference,
        reference,
      }),
    });
  } catch (error) {
    const refusal = refusalOf(error, fields);
    if (refusal === undefined || refusal === 'conflict') throw error;
    return logPage(
      caller.kit,
      refusal.status,
      form,
      refusal.errors,
      refusal.formError,
    );
  }
  const { token } = received;
  const reference = received.state.reference;
  const path = casePath(reference);
  return redirect(`${path}?done=logged`, [
    `${FLASH_COOKIE}=${token}; Path=${path}; Max-Age=600; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
  ]);
}
