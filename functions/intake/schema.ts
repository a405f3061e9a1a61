/**
 * The POST /complaints event: API Gateway's, with the JSON body parsed by
 * the web form's own schema (shared with the HTML form at POST /complaint).
 */
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import type { z } from 'zod';
import { intakeBodySchema } from '../shared/intake/schema.js';

export const intakeEventSchema = APIGatewayProxyEventV2Schema.extend({
  body: JSONStringified(intakeBodySchema),
});

export type IntakeEvent = z.infer<typeof intakeEventSchema>;
