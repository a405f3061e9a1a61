import { describe, expect, it } from 'vitest';
import { intakeBodySchema } from '../../../../functions/shared/intake/schema.js';
import { formOf } from '../../../../functions/shared/pages/http.js';
import {
  complaintBodyOf,
  complaintFormView,
  dateOf,
  fieldErrorsOf,
} from '../../../../functions/web/complaint-form.js';

/** A browser's post, through the same parser the handler uses. */
function form(fields: [string, string][]) {
  return formOf({
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('dateOf', () => {
  it('turns day, month and year boxes into an ISO date, padding single digits', () => {
    expect(dateOf({ day: '7', month: '3', year: '2026' })).toBe('2026-03-07');
    expect(dateOf({ day: ' 27 ', month: '11', year: '2026' })).toBe(
      '2026-11-27',
    );
  });

  it.each([
    ['a missing day', { month: '3', year: '2026' }],
    ['a two-digit year', { day: '7', month: '3', year: '26' }],
    ['a month in words', { day: '7', month: 'March', year: '2026' }],
  ])('gives the schema something it refuses for %s', (_, parts) => {
    expect(
      intakeBodySchema.shape.issueDate.safeParse(dateOf(parts)).success,
    ).toBe(false);
  });

  it('leaves a date that does not exist for the schema to refuse', () => {
    const iso = dateOf({ day: '30', month: '2', year: '2026' });
    expect(iso).toBe('2026-02-30');
    expect(intakeBodySchema.shape.issueDate.safeParse(iso).success).toBe(false);
  });

  it('passes a typed ISO date through', () => {
    expect(dateOf('2026-10-01')).toBe('2026-10-01');
  });
});

describe('complaintBodyOf', () => {
  const complete: [string, string][] = [
    ['idempotencyKey', '9b2f7a3e-1c4d-4e5f-8a6b-7c8d9e0f1a2b'],
    ['summary', 'The boiler has broken down three times since October.'],
    ['issueDate.day', '1'],
    ['issueDate.month', '10'],
    ['issueDate.year', '2026'],
    ['awareDate.day', ''],
    ['awareDate.month', ''],
    ['awareDate.year', ''],
    ['resident.name', 'Sam Resident'],
    ['resident.address[0]', 'Flat 2'],
    ['resident.address[1]', ''],
    ['resident.address[2]', 'Anytown'],
    ['resident.email', 'sam@example.org'],
    ['resident.preferredContact', 'post'],
    ['resident.formats', 'large-print'],
    ['representative.name', 'Kit Helper'],
    ['representative.relationship', 'Daughter'],
    ['representative.email', ''],
    ['representative.address[0]', ''],
    ['representative.address[1]', ''],
    ['representative.consent', 'true'],
    ['adjustments[0]', 'Phone after 2pm'],
    ['website', ''],
  ];

  it("maps the form to the JSON API's body, which the shared schema accepts", () => {
    const body = complaintBodyOf(form(complete));

    expect(body).toEqual({
      summary: 'The boiler has broken down three times since October.',
      issueDate: '2026-10-01',
      resident: {
        name: 'Sam Resident',
        address: ['Flat 2', 'Anytown'],
        email: 'sam@example.org',
        preferredContact: 'post',
        formats: ['large-print'],
      },
      representative: {
        name: 'Kit Helper',
        relationship: 'Daughter',
        consent: true,
      },
      adjustments: ['Phone after 2pm'],
    });
    expect(intakeBodySchema.safeParse(body).success).toBe(true);
  });

  it("refuses a resident's name on two lines, naming the field", () => {
    const body = complaintBodyOf(form(complete)) as {
      resident: Record<string, unknown>;
    };
    const result = intakeBodySchema.safeParse({
      ...body,
      resident: { ...body.resident, name: 'Sam\nResident' },
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['resident', 'name'],
        message: 'A name must be on one line, without tabs or line breaks',
      }),
    ]);
  });

  it('keeps several ticked formats as a list', () => {
    const body = complaintBodyOf(
      form([
        ['resident.formats', 'large-print'],
        ['resident.formats', 'braille'],
      ]),
    );
    expect(body.resident).toEqual({ formats: ['large-print', 'braille'] });
  });

  it('reads an unticked consent box as no, and refuses anything but true by name', () => {
    const unticked = complaintBodyOf(form([['representative.name', 'Kit']]));
    const odd = complaintBodyOf(
      form([['representative.consent', 'yes please']]),
    );

    expect(unticked.representative).toEqual({ name: 'Kit', consent: false });
    const parsed = intakeBodySchema.safeParse(odd);
    expect(parsed.success).toBe(false);
    expect(
      fieldErrorsOf(parsed.error?.issues ?? []).map((e) => e.field),
    ).toContain('representative.consent');
  });

  it('reads a form a browser sends with every box blank as nothing given', () => {
    const blank = complaintBodyOf(
      form([
        ['idempotencyKey', '9b2f7a3e-1c4d-4e5f-8a6b-7c8d9e0f1a2b'],
        ['summary', 'The lift has been broken for a month now.'],
        ['issueDate.day', ''],
        ['issueDate.month', ''],
        ['issueDate.year', ''],
        ['resident.name', 'Pat'],
        ['resident.address[0]', ''],
        ['resident.address[1]', ''],
        ['resident.email', 'pat@example.org'],
        ['resident.preferredContact', 'email'],
        ['representative.name', ''],
        ['representative.address[0]', ''],
        ['adjustments[0]', ''],
        ['website', ''],
      ]),
    );

    expect(blank).toEqual({
      summary: 'The lift has been broken for a month now.',
      resident: {
        name: 'Pat',
        email: 'pat@example.org',
        preferredContact: 'email',
      },
    });
    expect(intakeBodySchema.safeParse(blank).success).toBe(true);
  });

  it('names each missing field of a blank form, not whole groups', () => {
    const parsed = intakeBodySchema.safeParse(
      complaintBodyOf(form([['representative.consent', 'true']])),
    );

    expect(fieldErrorsOf(parsed.error?.issues ?? [])).toEqual([
      { field: 'summary', message: 'Tell us what happened' },
      { field: 'resident.name', message: "Enter the resident's name" },
      {
        field: 'resident.preferredContact',
        message:
          'Select how we should contact the resident: email, post or phone',
      },
      {
        field: 'representative.name',
        message: "Enter the representative's name",
      },
      {
        field: 'representative.relationship',
        message: "Enter the representative's relationship to the resident",
      },
    ]);
  });

  it('names the whole form for a field the form does not have', () => {
    const parsed = intakeBodySchema.safeParse(
      complaintBodyOf(form([['surprise', 'x']])),
    );
    expect(fieldErrorsOf(parsed.error?.issues ?? [])).toContainEqual({
      field: 'body',
      message: 'Unrecognized key: "surprise"',
    });
  });
});

describe('complaintFormView', () => {
  it('gives each field its API name, its id and what was typed', () => {
    const view = complaintFormView(
      form([
        ['resident.address[0]', '1 High Street'],
        ['resident.formats', 'braille'],
        ['issueDate.day', '3'],
      ]),
      [],
      'key',
    );

    expect(view.fields['resident.address.0']).toEqual({
      name: 'resident.address[0]',
      id: 'resident-address-0',
      value: '1 High Street',
      error: undefined,
    });
    expect(view.fields['resident.formats'].value).toEqual(['braille']);
    expect(view.fields.issueDate.value).toEqual({ day: '3' });
    expect(view.errors.list).toEqual([]);
  });

  it('links each error to an input that exists, keeping the API field name', () => {
    const view = complaintFormView(
      {},
      [
        { field: 'resident.address', message: 'No address' },
        { field: 'resident.formats.1', message: 'Not a format' },
        { field: 'issueDate', message: 'Not a date' },
        { field: 'body', message: 'Unrecognized key' },
      ],
      'key',
    );

    expect(view.errors.list).toEqual([
      {
        text: 'No address',
        href: '#resident-address-0',
        attributes: { 'data-field': 'resident.address' },
      },
      {
        text: 'Not a format',
        href: '#resident-formats',
        attributes: { 'data-field': 'resident.formats.1' },
      },
      {
        text: 'Not a date',
        href: '#issueDate',
        attributes: { 'data-field': 'issueDate' },
      },
      {
        text: 'Unrecognized key',
        href: '#main-content',
        attributes: { 'data-field': 'body' },
      },
    ]);
    expect(view.fields['resident.address.0'].error).toEqual({
      text: 'No address',
      attributes: { 'data-field': 'resident.address' },
    });
    expect(view.fields['resident.address.1'].error).toBeUndefined();
  });
});
