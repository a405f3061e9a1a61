/**
 * The one place errors become HTTP responses (STYLE rec. 3): RFC 9457
 * problem+json, naming the field at fault. Only validation and domain
 * errors are described; anything else is a bare 500 and is logged.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { ParseError } from '@aws-lambda-powertools/parser';
import {
  InvalidInputError,
  type Rejection,
  VersionConflictError,
} from '@hearth/domain';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { TooManyRequestsError } from '../adapters/dynamodb/rate-limiter.js';

/** An expected domain refusal carried to the edge as an error. */
export class RejectedError extends Error {
  readonly rejection: Rejection;

  constructor(rejection: Rejection) {
    super(rejection.message);
    this.name = 'RejectedError';
    this.rejection = rejection;
  }
}

/** The caller is signed in but may not do this (HTTP 403). */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The thing asked for does not exist for this caller (HTTP 404). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly code?: string;
}

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: readonly FieldProblem[];
}

/** A problem+json response. */
export function problemResponse(
  problem: ProblemDetails,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify(problem),
  };
}

/** Maps an error to problem details, or undefined when it must stay hidden. */
export function problemFor(error: unknown): ProblemDetails | undefined {
  if (error instanceof ParseError) {
    const errors = issuesOf(error.cause);
    return {
      type: '/problems/invalid-request',
      title: 'The request is not valid',
      status: 400,
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    };
  }
  if (error instanceof RejectedError) {
    const { code, message, field } = error.rejection;
    if (code === 'COMPLAINT.NOT_FOUND') {
      return {
        type: '/problems/not-found',
        title: 'No such complaint',
        status: 404,
        code,
      };
    }
    // A named field is bad input; otherwise the complaint's state refuses it.
    return field === undefined
      ? { type: `/problems/${slug(code)}`, title: message, status: 409, code }
      : {
          type: `/problems/${slug(code)}`,
          title: 'The request is not valid',
          status: 400,
          detail: `${field}: ${message}`,
          code,
          errors: [{ field, message, code }],
        };
  }
  if (error instanceof TooManyRequestsError) {
    return {
      type: '/problems/too-many-requests',
      title: error.message,
      status: 429,
      detail: `Try again in ${Math.ceil(error.retryAfterSeconds / 60)} minutes, or call us.`,
    };
  }
  if (error instanceof ForbiddenError) {
    return { type: '/problems/forbidden', title: error.message, status: 403 };
  }
  if (error instanceof NotFoundError) {
    return { type: '/problems/not-found', title: error.message, status: 404 };
  }
  if (error instanceof VersionConflictError) {
    return {
      type: '/problems/version-conflict',
      title: 'The complaint changed since you loaded it',
      status: 412,
      detail: 'Reload the complaint and try again.',
      code: error.code,
    };
  }
  if (error instanceof InvalidInputError) {
    return {
      type: '/problems/invalid-request',
      title: 'The request is not valid',
      status: 400,
      detail: error.message,
      code: error.code,
      errors: [
        { field: error.field, message: error.message, code: error.code },
      ],
    };
  }
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'IdempotencyValidationError') {
    return {
      type: '/problems/idempotency-key-reused',
      title: 'This Idempotency-Key was used with a different request',
      status: 422,
    };
  }
  if (name === 'IdempotencyAlreadyInProgressError') {
    return {
      type: '/problems/request-in-progress',
      title: 'The same request is still being processed',
      status: 409,
      detail: 'Retry shortly with the same Idempotency-Key.',
    };
  }
  return undefined;
}

/**
 * The onError middleware. Register it first, so it runs after every other
 * middleware's onError (idempotency cleanup included).
 */
export function problemJson(
  logger: Logger,
): MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      if (request.response !== undefined && request.response !== null) return;
      const problem = problemFor(request.error);
      if (problem === undefined) {
        logger.error('Unhandled error', request.error as Error);
        request.response = problemResponse({
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
        });
        return;
      }
      logger.info('Request refused', {
        status: problem.status,
        code: problem.code,
        fields: problem.errors?.map((e) => e.field),
      });
      request.response = problemResponse(
        problem,
        request.error instanceof TooManyRequestsError
          ? { 'retry-after': String(request.error.retryAfterSeconds) }
          : {},
      );
    },
  };
}

/** Standard Schema issues → field problems, with the body prefix dropped. */
function issuesOf(cause: unknown): FieldProblem[] {
  if (!Array.isArray(cause)) {
    return [{ field: 'body', message: 'could not be read' }];
  }
  return cause.map((issue: { message?: string; path?: unknown[] }) => {
    const path = (issue.path ?? []).map((p) =>
      typeof p === 'object' && p !== null && 'key' in p
        ? String((p as { key: unknown }).key)
        : String(p),
    );
    const field = (path[0] === 'body' ? path.slice(1) : path).join('.');
    return { field: field || 'body', message: issue.message ?? 'is not valid' };
  });
}

function slug(code: string): string {
  return code.toLowerCase().replaceAll('.', '-').replaceAll('_', '-');
}
