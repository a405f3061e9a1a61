/**
 * A resident's complaint as the public web form sends it, as JSON to
 * POST /complaints or url-encoded to POST /complaint (STYLE rec. 2: zod at
 * the edge). It mirrors the domain's `receive` command, so a field named in
 * an error is the same path here, in the domain's own checks and on the
 * form (`resident.email`). The messages are written for the resident: the
 * form shows them as they are, beside the field, and so does the API.
 */
import * as z from 'zod';

/** Required text: trimmed, not blank, at most `max` characters. */
const text = (max: number, required: string, tooLong: string) =>
  z.string({ error: required }).trim().min(1, required).max(max, tooLong);

/**
 * A person's name: one line. A line break typed into a name would put
 * lines of the submitter's choosing into the landlord's letters.
 */
const personName = (required: string, tooLong: string) =>
  text(200, required, tooLong).regex(
    /^\P{Cc}*$/u,
    'A name must be on one line, without tabs or line breaks',
  );

const date = (what: string) =>
  z.iso.date({ error: `${what} must be a real date` });

const contact = {
  email: z
    .email({
      error:
        'Enter an email address in the correct format, like name@example.com',
    })
    .max(254, 'The email address must be 254 characters or fewer')
    .exactOptional(),
  phone: z
    .string({ error: 'Enter a phone number' })
    .trim()
    .regex(
      /^\+?[0-9 ()-]{7,20}$/,
      'Enter a phone number, like 01632 960 001 or 07700 900 982',
    )
    .exactOptional(),
  address: z
    .array(
      text(
        200,
        'Address lines cannot be blank',
        'Each address line must be 200 characters or fewer',
      ),
      { error: 'Enter the address as lines of text' },
    )
    .min(1, 'Enter the address')
    .max(8, 'Enter the address in 8 lines or fewer')
    .exactOptional(),
};

export const contactMethods = ['email', 'post', 'phone'] as const;

export const accessibleFormats = [
  'large-print',
  'easy-read',
  'braille',
  'audio',
  'translation',
] as const;

export const intakeBodySchema = z.strictObject({
  summary: z
    .string({ error: 'Tell us what happened' })
    .trim()
    .min(10, 'Tell us what happened, in at least 10 characters')
    .max(20_000, 'What happened must be 20,000 characters or fewer'),
  issueDate: date('The date it happened').exactOptional(),
  awareDate: date('The date you found out').exactOptional(),
  outcomeSought: text(
    5_000,
    'Tell us what you would like us to do',
    'What you would like us to do must be 5,000 characters or fewer',
  ).exactOptional(),
  category: text(
    100,
    'Enter a category',
    'The category must be 100 characters or fewer',
  ).exactOptional(),
  resident: z.strictObject(
    {
      name: personName(
        "Enter the resident's name",
        "The resident's name must be 200 characters or fewer",
      ),
      ...contact,
      preferredContact: z.enum(contactMethods, {
        error:
          'Select how we should contact the resident: email, post or phone',
      }),
      formats: z
        .array(
          z.enum(accessibleFormats, {
            error:
              'Select formats from the list: large print, easy read, braille, audio or translation',
          }),
          { error: 'Select formats from the list' },
        )
        .max(5, 'Select at most 5 formats')
        .default([]),
      language: text(
        50,
        'Enter the language',
        'The language must be 50 characters or fewer',
      ).exactOptional(),
      tenure: z
        .enum(['LCRA', 'LCHO', 'leaseholder', 'other'], {
          error: 'Select a tenure: LCRA, LCHO, leaseholder or other',
        })
        .exactOptional(),
    },
    { error: "Enter the resident's details" },
  ),
  representative: z
    .strictObject(
      {
        name: personName(
          "Enter the representative's name",
          "The representative's name must be 200 characters or fewer",
        ),
        ...contact,
        relationship: text(
          100,
          "Enter the representative's relationship to the resident",
          'The relationship must be 100 characters or fewer',
        ),
        /** The resident agrees the representative acts for them (Code 1.3). */
        consent: z.boolean({
          error:
            'Say whether the resident agrees to the representative acting for them',
        }),
      },
      { error: "Enter the representative's details" },
    )
    .exactOptional(),
  adjustments: z
    .array(
      text(
        2_000,
        'Describe the adjustment',
        'Each adjustment must be 2,000 characters or fewer',
      ),
      { error: 'List the adjustments as text' },
    )
    .max(10, 'List at most 10 adjustments')
    .exactOptional(),
  vulnerability: text(
    2_000,
    'Tell us about the circumstances',
    'The circumstances must be 2,000 characters or fewer',
  ).exactOptional(),
  /** A honeypot: hidden from people, filled in by bots. */
  website: z.string().max(0, 'Leave the website field empty').exactOptional(),
});

export type IntakeBody = z.infer<typeof intakeBodySchema>;
