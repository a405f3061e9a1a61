/**
 * The web form's POST /complaints body (STYLE rec. 2: zod at the edge). It
 * mirrors the domain's `receive` command, so a field named in an error is
 * the same path here and in the domain's own checks (`resident.email`).
 */

import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });

const contact = {
  name: text(200),
  email: z
    .email({ message: 'must be an email address' })
    .max(254)
    .exactOptional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, 'must be a phone number')
    .exactOptional(),
  address: z.array(text(200)).min(1).max(8).exactOptional(),
};

export const intakeBodySchema = z.strictObject({
  summary: z
    .string()
    .trim()
    .min(10, 'tell us what happened, in at least 10 characters')
    .max(20_000),
  issueDate: isoDate.exactOptional(),
  awareDate: isoDate.exactOptional(),
  outcomeSought: text(5_000).exactOptional(),
  category: text(100).exactOptional(),
  resident: z.strictObject({
    ...contact,
    preferredContact: z.enum(['email', 'post', 'phone']),
    formats: z
      .array(
        z.enum(['large-print', 'easy-read', 'braille', 'audio', 'translation']),
      )
      .max(5)
      .default([]),
    language: text(50).exactOptional(),
    tenure: z.enum(['LCRA', 'LCHO', 'leaseholder', 'other']).exactOptional(),
  }),
  representative: z
    .strictObject({
      ...contact,
      relationship: text(100),
      /** The resident agrees the representative acts for them (Code 1.3). */
      consent: z.boolean(),
    })
    .exactOptional(),
  adjustments: z.array(text(2_000)).max(10).exactOptional(),
  vulnerability: text(2_000).exactOptional(),
  /** A honeypot: hidden from people, filled in by bots. */
  website: z.string().max(0, 'must be empty').exactOptional(),
});

export type IntakeBody = z.infer<typeof intakeBodySchema>;

export const intakeEventSchema = APIGatewayProxyEventV2Schema.extend({
  body: JSONStringified(intakeBodySchema),
});

export type IntakeEvent = z.infer<typeof intakeEventSchema>;
