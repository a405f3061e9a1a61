/**
 * HTML over API Gateway: pages with the security headers every page
 * needs, forms read from url-encoded bodies (which API Gateway delivers
 * base64-encoded), and cookies. Field names in forms are the API's field
 * paths (`resident.email`), so a problem names the same field on a page
 * as in problem+json.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import qs from 'qs';

/** A per-response nonce for govuk-frontend's one inline script. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface PageOptions {
  readonly nonce: string;
  readonly cookies?: readonly string[];
  /** Origins a form may post or redirect to besides this one (sign-in). */
  readonly formAction?: readonly string[];
}

/** A rendered page: never cached (it may hold a case), never framed. */
export function htmlResponse(
  statusCode: number,
  html: string,
  options: PageOptions,
): APIGatewayProxyStructuredResultV2 {
  const formAction = ["'self'", ...(options.formAction ?? [])].join(' ');
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': [
        "default-src 'self'",
        `script-src 'self' 'nonce-${options.nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        `form-action ${formAction}`,
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join('; '),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
    },
    ...(options.cookies === undefined ? {} : { cookies: [...options.cookies] }),
    body: html,
  };
}

/** 303 See Other: after a POST, the browser GETs the result. */
export function redirect(
  location: string,
  cookies?: readonly string[],
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 303,
    headers: { location, 'cache-control': 'no-store' },
    ...(cookies === undefined ? {} : { cookies: [...cookies] }),
  };
}

/** The most a form body may be; a complaint's text fits many times over. */
export const maxFormBytes = 64 * 1024;

export interface FormEvent {
  readonly body?: string | undefined;
  readonly isBase64Encoded?: boolean | undefined;
  readonly headers?: Record<string, string | undefined> | undefined;
}

export class FormError extends Error {}

/**
 * A url-encoded form body as nested values: `resident.email=x` becomes
 * `{ resident: { email: 'x' } }`, `issues[0].summary` an array. Empty
 * fields are dropped, so an optional field left blank is absent.
 */
export function formOf(event: FormEvent): Record<string, unknown> {
  const type = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  if (!type?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new FormError('The form must be sent url-encoded');
  }
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  if (Buffer.byteLength(raw) > maxFormBytes) {
    throw new FormError('The form is too large');
  }
  // A form with no field filled in prunes to nothing: it is still a form
  // (an empty one), or every caller reading a field throws (a 500 found by
  // test/integration/hostile-routes.test.ts for an empty POST /complaint).
  return (pruneEmpty(
    qs.parse(raw, {
      allowDots: true,
      depth: 4,
      arrayLimit: 50,
      parameterLimit: 300,
      charset: 'utf-8',
    }),
  ) ?? {}) as Record<string, unknown>;
}

function pruneEmpty(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : value.replace(/\r\n/g, '\n');
  }
  if (Array.isArray(value)) {
    return value.map(pruneEmpty).filter((v) => v !== undefined);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, pruneEmpty(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** The request's cookies (HTTP API v2 puts them in `cookies`). */
export function cookiesOf(event: {
  readonly cookies?: readonly string[] | undefined;
}): Map<string, string> {
  const jar = new Map<string, string>();
  for (const cookie of event.cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at > 0) jar.set(cookie.slice(0, at).trim(), cookie.slice(at + 1));
  }
  return jar;
}

/** One field problem, as problem+json names it, placed on a form. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The element id of a form field: `resident.email` → `resident-email`. */
export function fieldId(field: string): string {
  return field.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '');
}

/**
 * What govuk-frontend's error summary and inline error messages need:
 * the summary's list (each linking to its field) and each field's
 * message by name.
 */
export function errorsFor(errors: readonly FieldError[]) {
  const byField: Record<string, { text: string }> = {};
  for (const e of errors) byField[e.field] ??= { text: e.message };
  return {
    list: errors.map((e) => ({
      text: e.message,
      href: `#${fieldId(e.field)}`,
    })),
    byField,
  };
}
