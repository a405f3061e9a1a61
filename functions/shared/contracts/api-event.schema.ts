/**
 * An API Gateway HTTP API (payload 2.0) event, as far as Hearth reads it,
 * and a JSON body parsed by a schema. Powertools' own event schemas and
 * `JSONStringified` import zod's `z` namespace object, which keeps every
 * locale of zod in each bundle (~450 KB); these are the same checks
 * (Powertools' field names and its "Invalid JSON - …" issue) from
 * tree-shaken imports.
 */
import * as z from 'zod';

const stringRecord = z.record(z.string(), z.string());

export const apiEventSchema = z.object({
  version: z.string(),
  routeKey: z.string(),
  rawPath: z.string(),
  rawQueryString: z.string(),
  cookies: z.array(z.string()).optional(),
  headers: stringRecord,
  queryStringParameters: stringRecord.optional(),
  requestContext: z.object({
    accountId: z.string(),
    apiId: z.string(),
    // Verified by the authorizer; read by staffOf with its own schema.
    authorizer: z.unknown().optional(),
    domainName: z.string(),
    http: z.object({
      method: z.string(),
      path: z.string(),
      protocol: z.string(),
      sourceIp: z.string(),
      userAgent: z.string(),
    }),
    requestId: z.string(),
    routeKey: z.string(),
    stage: z.string(),
    time: z.string(),
    timeEpoch: z.number(),
  }),
  body: z.string().optional(),
  pathParameters: stringRecord.nullish(),
  isBase64Encoded: z.boolean(),
  stageVariables: stringRecord.nullish(),
});

/** A JSON string parsed, then checked by `schema` (issues keep its path). */
export function jsonString<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, context): unknown => {
      try {
        return JSON.parse(text);
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: `Invalid JSON - ${(error as Error).message}`,
          fatal: true,
        });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
