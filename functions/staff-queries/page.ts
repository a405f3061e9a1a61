import type { APIGatewayProxyEventV2WithJWTAuthorizer as StaffEvent } from 'aws-lambda';
import * as z from 'zod';
import { RejectedError } from '../shared/middleware/problem-json.js';

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2000}$/, 'must be the next token of a page')
    .optional(),
});

/** `?limit=&after=`, validated: a bad value is a 400 naming it. */
export function pageOf(event: StaffEvent): { limit: number; after?: string } {
  const parsed = pageSchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RejectedError({
      code: 'REQUEST.BAD_QUERY',
      message: issue?.message ?? 'is not valid',
      field: String(issue?.path[0] ?? 'query'),
    });
  }
  const { limit, after } = parsed.data;
  return after === undefined ? { limit } : { limit, after };
}
