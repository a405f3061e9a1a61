/**
 * What every staff route shares: who is calling (from the JWT the API
 * Gateway authorizer verified: Cognito in AWS, the local user pool
 * locally), what they may do, and the one handler shape of a staff
 * command: a group of the domain's commands on one complaint, with
 * If-Match for concurrent edits.
 */
import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import {
  type ComplaintState,
  type Policy,
  runningClocks,
} from '@hearth/domain';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { baseConfig } from './config.js';
import {
  apiEventSchema,
  type CommandGroup,
  commandSchema,
  commandTypesFor,
  jsonString,
} from './contracts/index.js';
import { functionLogger } from './logger.js';
import {
  ForbiddenError,
  problemJson,
  RejectedError,
} from './middleware/problem-json.js';
import { allocateReference, calendarFor, execute } from './service.js';
import { repositoryFor } from './wiring.js';

export type StaffRole = 'officer' | 'manager' | 'mrc';

export interface Staff {
  readonly username: string;
  readonly organisationId: string;
  readonly roles: readonly StaffRole[];
}

const claimsSchema = z.object({
  'cognito:username': z.string().min(1).optional(),
  sub: z.string().min(1),
  'custom:organisation': z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  'cognito:groups': z.union([z.string(), z.array(z.string())]).optional(),
});

/** The caller, from the authorizer's verified claims. */
export function staffOf(event: {
  requestContext: { authorizer?: unknown };
}): Staff {
  const claims = claimsSchema.safeParse(
    (
      event.requestContext.authorizer as
        | { jwt?: { claims?: unknown } }
        | undefined
    )?.jwt?.claims,
  );
  if (!claims.success) throw new ForbiddenError('Not a Hearth staff user');
  const raw = claims.data['cognito:groups'] ?? [];
  // API Gateway renders a claim array as the string "[a b]".
  const groups = Array.isArray(raw)
    ? raw
    : raw
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/)
        .filter(Boolean);
  return {
    username: claims.data['cognito:username'] ?? claims.data.sub,
    organisationId: claims.data['custom:organisation'],
    roles: groups.filter((g): g is StaffRole =>
      ['officer', 'manager', 'mrc'].includes(g),
    ),
  };
}

/** Refuses a caller with none of the roles (the MRC reads but never acts). */
export function requireRole(staff: Staff, allowed: readonly StaffRole[]): void {
  if (!staff.roles.some((r) => allowed.includes(r))) {
    throw new ForbiddenError(`This needs the ${allowed.join(' or ')} role`);
  }
}

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → undefined. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (match?.[1] === undefined) {
    throw new RejectedError({
      code: 'REQUEST.BAD_IF_MATCH',
      message:
        'If-Match must be the version the complaint was read at, e.g. "3"',
      field: 'If-Match',
    });
  }
  return Number(match[1]);
}

/** What a staff command answers: where the case now stands. */
export function caseSummary(state: ComplaintState, policy: Policy) {
  return {
    reference: state.reference,
    version: state.version,
    status: state.status,
    clocks: runningClocks(state, policy, calendarFor(policy)).map((c) => ({
      clock: c.id,
      label: c.label,
      dueOn: c.dueOn,
      breachOn: c.breachOn,
    })),
  };
}

export function json(
  statusCode: number,
  body: unknown,
  version?: number,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json',
      ...(version === undefined ? {} : { etag: `"${version}"` }),
    },
    body: JSON.stringify(body),
  };
}

const commandEventSchema = apiEventSchema.extend({
  pathParameters: z.object({
    reference: z.string().regex(/^HTH-\d{4}-\d{6,}$/),
  }),
  body: jsonString(commandSchema),
});

type CommandEvent = z.infer<typeof commandEventSchema>;

/**
 * A staff command function: POST /staff/complaints/{reference}/<group>
 * with a command of that group as the body.
 */
export function staffCommandHandler(group: CommandGroup) {
  const logger = functionLogger(group);
  const config = baseConfig();
  const repository = repositoryFor(config.tableName);
  const allowed: readonly string[] = commandTypesFor(group);

  const main = async (event: CommandEvent) => {
    const staff = staffOf(event);
    requireRole(staff, ['officer', 'manager']);
    const command = event.body;
    if (!allowed.includes(command.type)) {
      throw new RejectedError({
        code: 'REQUEST.WRONG_ROUTE',
        message: `${command.type} is not a ${group} command`,
        field: 'type',
      });
    }
    const reference = event.pathParameters.reference;
    const expected = ifMatchVersion(event.headers['if-match']);
    const now = new Date().toISOString();
    // An issue raised after the response becomes a linked complaint with a
    // reference of its own, allocated here (the domain reads no counters).
    const linked =
      command.type === 'add-issue'
        ? await allocateReference(repository, staff.organisationId, now)
        : undefined;
    const { state } = await execute({
      repository,
      organisationId: staff.organisationId,
      policy: config.policy,
      actor: { kind: 'staff', id: staff.username },
      now,
      newId: randomUUID,
      complaintId: reference,
      command,
      ...(linked === undefined ? {} : { newComplaintId: () => linked }),
      ...(expected === undefined ? {} : { expectedVersion: expected }),
    });
    logger.info('Command', {
      reference,
      command: command.type,
      version: state.version,
    });
    return json(200, caseSummary(state, config.policy), state.version);
  };

  return middy()
    .use(problemJson(logger))
    .use(
      injectLambdaContext(logger, {
        correlationIdPath: 'requestContext.requestId',
      }),
    )
    .use(parser({ schema: commandEventSchema }))
    .handler(main);
}
