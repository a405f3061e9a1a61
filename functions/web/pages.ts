/**
 * What every resident page shares: the landlord's name and the service's
 * navigation, rendering with the response's nonce, and the error pages
 * (never a stack trace: anything unexpected is a bare 500 and is logged).
 */

import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { TooManyRequestsError } from '../shared/adapters/dynamodb/rate-limiter.js';
import { FormError, htmlResponse } from '../shared/pages/http.js';
import { render } from '../shared/pages/render.js';
import { config } from './config.js';

/** A page to render: its template, what it shows and its status. */
export interface Page {
  readonly status: number;
  readonly template: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

const navigation = [
  { href: '/complaint', text: 'Make a complaint' },
  { href: '/track', text: 'Track a complaint' },
  { href: '/policy', text: 'Complaints policy' },
] as const;

export function page(
  template: string,
  context: Record<string, unknown>,
  status = 200,
): Page {
  return { status, template, context };
}

/** Renders a page with the context every page needs. */
export function respond(
  result: Page,
  path: string,
  nonce: string,
): APIGatewayProxyStructuredResultV2 {
  const html = render(result.template, {
    cspNonce: nonce,
    landlordName: config.landlord.name,
    landlord: config.landlord,
    serviceName: 'Complaints',
    serviceUrl: '/',
    navigation: navigation.map((item) => ({
      ...item,
      active: path === item.href || path.startsWith(`${item.href}/`),
    })),
    ...result.context,
  });
  const response = htmlResponse(result.status, html, { nonce });
  return {
    ...response,
    headers: { ...response.headers, ...result.headers },
  };
}

function errorPage(
  status: number,
  title: string,
  message: string,
  next?: { href: string; text: string },
  headers?: Record<string, string>,
): Page {
  return {
    status,
    template: 'error.njk',
    context: { title, message, ...(next === undefined ? {} : { next }) },
    ...(headers === undefined ? {} : { headers }),
  };
}

export function notFoundPage(): Page {
  return errorPage(
    404,
    'Page not found',
    'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.',
    { href: '/', text: 'Go to the start page' },
  );
}

/** Too many requests from one address (the rate limit), with Retry-After. */
export function tooManyPage(error: TooManyRequestsError): Page {
  const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
  return errorPage(
    429,
    'Too many attempts',
    `We have had too many requests from your connection in the last hour. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, or call us on ${config.landlord.phone}.`,
    undefined,
    { 'retry-after': String(error.retryAfterSeconds) },
  );
}

/** The page for an error a route did not turn into a page itself. */
export function pageForError(error: unknown, logger: Logger): Page {
  if (error instanceof TooManyRequestsError) return tooManyPage(error);
  if (error instanceof FormError) {
    return errorPage(
      400,
      'There is a problem with the form',
      `${error.message}. Go back and try again, or call us on ${config.landlord.phone}.`,
    );
  }
  if (error instanceof IdempotencyValidationError) {
    return errorPage(
      422,
      'You have already sent this form',
      'We already have the complaint you sent from this form. To tell us something new, start a new complaint, or call us quoting your reference.',
      { href: '/complaint', text: 'Start a new complaint' },
    );
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return errorPage(
      409,
      'We are still sending your complaint',
      'Wait a moment, then refresh the page to see your reference. Refreshing will not send your complaint twice.',
    );
  }
  logger.error('Unhandled error', error as Error);
  return errorPage(
    500,
    'Sorry, there is a problem with the service',
    `Try again later. If you need to complain now, call us on ${config.landlord.phone} or email ${config.landlord.email}.`,
  );
}
