import { Logger } from '@aws-lambda-powertools/logger';
import { ParseError } from '@aws-lambda-powertools/parser';
import { InvalidInputError, VersionConflictError } from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import {
  problemFor,
  problemJson,
  RejectedError,
} from '../../../functions/shared/middleware/problem-json.js';

const silent = new Logger({ logLevel: 'SILENT' });

async function respond(error: unknown) {
  const request = { error, response: undefined } as never as {
    error: unknown;
    response:
      | { statusCode: number; headers: Record<string, string>; body: string }
      | undefined;
  };
  await problemJson(silent).onError?.(request as never);
  return request.response;
}

describe('the problem+json error mapping', () => {
  it('names every field of a parse failure, without the body prefix', () => {
    const error = new ParseError('Failed to parse schema', {
      cause: [
        { message: 'Required', path: ['body', 'resident', 'name'] },
        { message: 'Too short', path: [{ key: 'body' }, { key: 'summary' }] },
      ],
    });

    expect(problemFor(error)).toMatchObject({
      status: 400,
      errors: [
        { field: 'resident.name', message: 'Required' },
        { field: 'summary', message: 'Too short' },
      ],
    });
  });

  it('makes a domain refusal with a field a 400, and one without a 409', () => {
    const field = new RejectedError({
      code: 'STAGE1.EXTENSION_EXCEEDS_CAP',
      message: 'Too far',
      field: 'newDueOn',
    });
    const state = new RejectedError({
      code: 'CLOSURE.NOT_CLOSABLE',
      message: 'Respond first',
    });

    expect(problemFor(field)).toMatchObject({
      status: 400,
      type: '/problems/stage1-extension-exceeds-cap',
      errors: [{ field: 'newDueOn', code: 'STAGE1.EXTENSION_EXCEEDS_CAP' }],
    });
    expect(problemFor(state)).toMatchObject({
      status: 409,
      code: 'CLOSURE.NOT_CLOSABLE',
      title: 'Respond first',
    });
  });

  it('makes a lost race a 412 and bad domain input a 400 naming the field', () => {
    expect(
      problemFor(new VersionConflictError('HTH-2026-000001', 3)),
    ).toMatchObject({
      status: 412,
      code: 'COMPLAINT.VERSION_CONFLICT',
    });
    expect(
      problemFor(new InvalidInputError('newDueOn', 'not a date')),
    ).toMatchObject({
      status: 400,
      errors: [{ field: 'newDueOn' }],
    });
  });

  it('answers anything else with a bare 500 that reveals nothing', async () => {
    const response = await respond(
      new Error('connect ECONNREFUSED 10.0.0.1: secret detail'),
    );

    expect(response?.statusCode).toBe(500);
    expect(response?.headers['content-type']).toBe('application/problem+json');
    expect(response?.body).not.toContain('secret');
    expect(JSON.parse(String(response?.body))).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
  });

  it('maps idempotency errors by name: 422 for a reused key, 409 while in progress', async () => {
    const reused = Object.assign(new Error('x'), {
      name: 'IdempotencyValidationError',
    });
    const busy = Object.assign(new Error('x'), {
      name: 'IdempotencyAlreadyInProgressError',
    });

    expect((await respond(reused))?.statusCode).toBe(422);
    expect((await respond(busy))?.statusCode).toBe(409);
  });
});
