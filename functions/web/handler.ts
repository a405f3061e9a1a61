/**
 * The resident's pages (Code 3.1, 5.x): what a complaint is and how to
 * make one. Server-rendered with the GOV.UK Design System, so nothing
 * needs JavaScript.
 */
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { htmlResponse, newNonce } from '../shared/pages/http.js';
import { render } from '../shared/pages/render.js';
import { config } from './config.js';

export async function handler(
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const nonce = newNonce();
  const context = {
    cspNonce: nonce,
    landlordName: config.landlord.name,
    serviceName: 'Complaints',
    serviceUrl: '/',
  };
  if (event.routeKey === 'GET /') {
    return htmlResponse(200, render('web/start.njk', context), { nonce });
  }
  return htmlResponse(
    404,
    render('error.njk', {
      ...context,
      title: 'Page not found',
      message: 'If you typed the web address, check it is correct.',
      next: { href: '/', text: 'Go to the start page' },
    }),
    { nonce },
  );
}
