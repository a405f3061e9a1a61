/**
 * GET /staff/subject-access?email=…|phone=…|name=…&postcode=…[&format=pdf]:
 * everything held about one resident (UK GDPR Art. 15), as JSON or as a
 * readable PDF. Managers only: officers and the Member Responsible for
 * Complaints get 403. Logs say how many complaints and which references,
 * never who was searched for.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayProxyStructuredResultV2,
  APIGatewayProxyEventV2WithJWTAuthorizer as StaffEvent,
} from 'aws-lambda';
import { functionLogger } from '../shared/logger.js';
import { problemJson } from '../shared/middleware/problem-json.js';
import { requireRole, staffOf } from '../shared/staff.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { subjectAccessExport } from './export.js';
import { renderExportPdf } from './pdf.js';
import { subjectAccessQuery } from './schema.js';

const logger = functionLogger('subject-access');
const deps = {
  repository: repositoryFor(config.tableName),
  policy: config.policy,
  landlord: config.landlord,
};

export async function main(
  event: StaffEvent,
  now = new Date().toISOString(),
): Promise<APIGatewayProxyStructuredResultV2> {
  const staff = staffOf(event);
  requireRole(staff, ['manager']);
  const { search, format } = subjectAccessQuery(event.queryStringParameters);
  const found = await subjectAccessExport(
    deps,
    staff.organisationId,
    search,
    now,
  );
  logger.info('Subject access export', {
    format,
    searchedBy: found.searchedBy,
    complaints: found.complaints.length,
    references: found.complaints.map((c) => c.reference),
  });
  // Personal data: never kept by a browser or a cache on the way.
  const headers = {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (format === 'json') {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(found),
    };
  }
  const pdf = Buffer.from(await renderExportPdf(found));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="subject-access-${now.slice(0, 10)}.pdf"`,
      ...headers,
    },
    isBase64Encoded: true,
    body: pdf.toString('base64'),
  };
}

export const handler = middy<StaffEvent>()
  .use(problemJson(logger))
  .use(
    injectLambdaContext(logger, {
      correlationIdPath: 'requestContext.requestId',
    }),
  )
  .handler((event: StaffEvent) => main(event));
