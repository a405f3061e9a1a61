/**
 * The resident's pages (Code 3.1, 3.4–3.5, 6.10–6.12): what a complaint
 * is, the complaint form, tracking and the stage 2 request, and the
 * policy. Server-rendered with the GOV.UK Design System, so nothing needs
 * JavaScript. Each route returns a page; errors become pages too.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { functionLogger } from '../shared/logger.js';
import { newNonce } from '../shared/pages/http.js';
import { complaintRoutes } from './complaint.js';
import { config } from './config.js';
import {
  notFoundPage,
  type Page,
  page,
  pageForError,
  respond,
} from './pages.js';
import { channelsText, policyView } from './policy-view.js';
import { trackRoutes } from './track.js';

const logger = functionLogger('web');
const complaint = complaintRoutes(logger);
const track = trackRoutes(logger);

function route(
  event: APIGatewayProxyEventV2,
  context: Context,
): Page | Promise<Page> {
  switch (event.routeKey) {
    case 'GET /':
      return page('web/start.njk', {
        title: 'Make a complaint',
        definition: config.policy.definition.text,
        // The start page is the web form's: the other ways are the rest.
        ways: channelsText(config.policy, config.landlord, ['web']),
      });
    case 'GET /complaint':
      return complaint.show();
    case 'POST /complaint':
      return complaint.submit(event, context);
    case 'GET /track':
      return track.show();
    case 'POST /track':
      return track.lookup(event);
    case 'POST /track/escalation':
      return track.escalate(event);
    case 'GET /policy': {
      const print = event.queryStringParameters?.format === 'print';
      const view = policyView(config.policy, config.landlord);
      return page(print ? 'web/policy-print.njk' : 'web/policy.njk', view);
    }
    default:
      return notFoundPage();
  }
}

export const handler = middy<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
>()
  .use(
    injectLambdaContext(logger, {
      correlationIdPath: 'requestContext.requestId',
    }),
  )
  .handler(
    async (
      event: APIGatewayProxyEventV2,
      context: Context,
    ): Promise<APIGatewayProxyStructuredResultV2> => {
      const nonce = newNonce();
      let result: Page;
      try {
        result = await route(event, context);
      } catch (error) {
        result = pageForError(error, logger);
      }
      return respond(result, event.rawPath ?? '/', nonce);
    },
  );
