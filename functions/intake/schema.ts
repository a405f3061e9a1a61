/**
 * The POST /complaints event: API Gateway's, with the JSON body parsed by
 * the web form's own schema (shared with the HTML form at POST /complaint).
 */
import type { z } from 'zod';
import { apiEventSchema, jsonString } from '../shared/contracts/index.js';
import { intakeBodySchema } from '../shared/intake/schema.js';

export const intakeEventSchema = apiEventSchema.extend({
  body: jsonString(intakeBodySchema),
});

export type IntakeEvent = z.infer<typeof intakeEventSchema>;
