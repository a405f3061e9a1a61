/**
 * GET /staff/queue and GET /staff/complaints/{reference}: the work queue
 * (open cases by next due date, from its index, a page at a time) and
 * one case with its timeline. Officers, managers and the Member
 * Responsible for Complaints may read.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { londonDate } from '@hearth/domain';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer as StaffEvent } from 'aws-lambda';
import { caseView, queueView } from '../shared/case-views.js';
import { baseConfig } from '../shared/config.js';
import { functionLogger } from '../shared/logger.js';
import {
  NotFoundError,
  problemJson,
} from '../shared/middleware/problem-json.js';
import { json, requireRole, staffOf } from '../shared/staff.js';
import { repositoryFor } from '../shared/wiring.js';
import { pageOf } from './page.js';

const logger = functionLogger('staff-queries');
const config = baseConfig();
const repository = repositoryFor(config.tableName);

export async function main(event: StaffEvent, now = new Date().toISOString()) {
  const staff = staffOf(event);
  requireRole(staff, ['officer', 'manager', 'mrc']);
  const today = londonDate(now);
  const reference = event.pathParameters?.reference;
  if (reference === undefined) {
    const page = await repository.workQueue(
      staff.organisationId,
      pageOf(event),
    );
    return json(200, queueView(page, today, config.policy));
  }
  const found = await repository.loadWithHistory(
    staff.organisationId,
    reference,
  );
  if (found === undefined) throw new NotFoundError('No such complaint');
  const { state, history } = found;
  logger.info('Case read', { reference });
  return json(
    200,
    caseView(state, history, today, config.policy),
    state.version,
  );
}

export const handler = middy<StaffEvent>()
  .use(problemJson(logger))
  .use(
    injectLambdaContext(logger, {
      correlationIdPath: 'requestContext.requestId',
    }),
  )
  .handler((event: StaffEvent) => main(event));
