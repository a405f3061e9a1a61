/**
 * Builds the event an HTTP API (payload format 2.0) sends a Lambda
 * integration, from an HTTP request as it arrived. Pure: the clock, ids and
 * claims come in as arguments, so a test can compare the whole event with a
 * fixture in AWS's shape.
 *
 * Sources: the documented 2.0 format
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html)
 * and events captured from real HTTP APIs where the documentation is silent
 * (which fields are omitted when empty, the headers API Gateway adds, which
 * bodies arrive base64-encoded, how JWT claims are rendered).
 */
import { randomBytes } from 'node:crypto';
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from 'aws-lambda';
import type { RouteMatch } from './route-match.js';

/** The local stand-in's account, as in every other local ARN. */
export const localAccountId = '000000000000';

/** A JWT's payload as the token issuer decoded and verified it. */
export type JwtClaims = Readonly<Record<string, unknown>>;

/** An HTTP request as it arrived, before API Gateway touches it. */
export interface ArrivedRequest {
  readonly method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  readonly target: string;
  /** Header names and values in arrival order, as Node's `rawHeaders`. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** `1.1`, as Node's `httpVersion`. */
  readonly httpVersion: string;
  readonly sourceIp: string;
  /** The port the client connected to (`x-forwarded-port`). */
  readonly localPort: number;
}

export interface EventContext {
  readonly match: RouteMatch;
  readonly apiId: string;
  readonly stage: string;
  readonly requestId: string;
  /** The `x-amzn-trace-id` value API Gateway adds. */
  readonly traceId: string;
  readonly received: Date;
  /** Present on routes behind the JWT authorizer, once it has let the request through. */
  readonly claims?: JwtClaims;
}

export type HttpApiEvent =
  | APIGatewayProxyEventV2
  | APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * The payload 2.0 event for one request on a matched route.
 *
 * @example
 * const event = httpApiEvent(arrived, { match, apiId: 'local', stage: '$default',
 *   requestId: newRequestId(), traceId: newTraceId(now), received: now });
 */
export function httpApiEvent(
  request: ArrivedRequest,
  context: EventContext,
): HttpApiEvent {
  const { path, query } = splitTarget(request.target);
  const headers = eventHeaders(request, context.traceId);
  const cookies = cookiesOf(request.rawHeaders);
  const queryStringParameters = queryParameters(query);
  const host = headers.host ?? `127.0.0.1:${request.localPort}`;
  const requestContext: APIGatewayEventRequestContextV2 = {
    accountId: localAccountId,
    apiId: context.apiId,
    domainName: host,
    domainPrefix: host.split(/[.:]/)[0] ?? host,
    http: {
      method: request.method.toUpperCase(),
      path,
      protocol: `HTTP/${request.httpVersion}`,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: context.requestId,
    routeKey: context.match.routeKey,
    stage: context.stage,
    time: apiGatewayTime(context.received),
    timeEpoch: context.received.getTime(),
  };
  const pathParameters = context.match.pathParameters;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: context.match.routeKey,
    rawPath: path,
    rawQueryString: query,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(queryStringParameters !== undefined && { queryStringParameters }),
    requestContext,
    ...(Object.keys(pathParameters).length > 0 && {
      pathParameters: { ...pathParameters },
    }),
    ...eventBody(request.body, headers['content-type']),
  };
  if (context.claims === undefined) return event;
  return {
    ...event,
    requestContext: {
      ...requestContext,
      authorizer: jwtAuthorizer(context.claims),
    },
  };
}

/**
 * Splits a request target into the path API Gateway reports (HTTP APIs
 * percent-decode it, in `rawPath` too) and the raw query string.
 */
export function splitTarget(target: string): { path: string; query: string } {
  const at = target.indexOf('?');
  const rawPath = at === -1 ? target : target.slice(0, at);
  const query = at === -1 ? '' : target.slice(at + 1);
  return { path: decodePath(rawPath), query };
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

/** Connection-level headers a proxy consumes rather than forwards. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The event's headers: names lower-cased, repeats joined with `,`, the
 * cookie header moved to `cookies`, and the headers API Gateway adds
 * (`content-length`, `x-amzn-trace-id`, `x-forwarded-*`).
 */
export function eventHeaders(
  request: Pick<
    ArrivedRequest,
    'rawHeaders' | 'body' | 'sourceIp' | 'localPort'
  >,
  traceId: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of headerPairs(request.rawHeaders)) {
    if (name === 'cookie' || hopByHop.has(name)) continue;
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing},${value}`;
  }
  const forwardedFor = headers['x-forwarded-for'];
  return {
    ...headers,
    'content-length': String(request.body.length),
    'x-amzn-trace-id': headers['x-amzn-trace-id'] ?? traceId,
    'x-forwarded-for':
      forwardedFor === undefined
        ? request.sourceIp
        : `${forwardedFor}, ${request.sourceIp}`,
    'x-forwarded-port': String(request.localPort),
    'x-forwarded-proto': 'http',
  };
}

/** Every cookie of every `Cookie` header, one `name=value` per entry. */
export function cookiesOf(rawHeaders: readonly string[]): string[] {
  return headerPairs(rawHeaders)
    .filter(([name]) => name === 'cookie')
    .flatMap(([, value]) => value.split(';'))
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '');
}

function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    pairs.push([
      (rawHeaders[i] ?? '').toLowerCase(),
      (rawHeaders[i + 1] ?? '').trim(),
    ]);
  }
  return pairs;
}

/**
 * Decoded query parameters with repeats joined by `,`; undefined when
 * there are none (API Gateway then omits the field).
 */
export function queryParameters(
  query: string,
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const existing = parameters[name];
    parameters[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/**
 * Whether an HTTP API hands a body of this content type to Lambda as UTF-8
 * text. Measured against real HTTP APIs (the documentation lists no types):
 * only `text/*`, `application/json`, `application/xml` and
 * `application/javascript` are text; everything else, a missing type and
 * `application/x-www-form-urlencoded` included, arrives base64-encoded.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'application/javascript'
  );
}

function eventBody(
  body: Buffer,
  contentType: string | undefined,
): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  return isTextContentType(contentType)
    ? { body: body.toString('utf8'), isBase64Encoded: false }
    : { body: body.toString('base64'), isBase64Encoded: true };
}

/**
 * The authorizer block of a JWT-authorized route. Claims are rendered as
 * API Gateway renders them (every value a string: numbers and booleans
 * stringified, arrays as `[a b]`, objects as JSON, null claims dropped);
 * `scopes` is null because no route declares authorization scopes.
 */
export function jwtAuthorizer(
  claims: JwtClaims,
): APIGatewayEventRequestContextJWTAuthorizer {
  const rendered: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === null || value === undefined) continue;
    rendered[name] = Array.isArray(value)
      ? `[${value.map(claimText).join(' ')}]`
      : claimText(value);
  }
  return { jwt: { claims: rendered, scopes: null } };
}

function claimText(value: unknown): string {
  return typeof value === 'object' && value !== null
    ? JSON.stringify(value)
    : String(value);
}

const months = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** `requestContext.time`: `12/Mar/2020:19:03:58 +0000`, always UTC. */
export function apiGatewayTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}` +
    `:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** A request id in API Gateway's style (`LV7fzho-PHcEJPw=`). */
export function newRequestId(): string {
  return `${randomBytes(11).toString('base64url')}=`;
}

/** An X-Ray trace header for a request received at `date`. */
export function newTraceId(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')}`;
}

/** A client address as API Gateway reports it: IPv4 without the IPv6 mapping. */
export function sourceIpOf(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return '127.0.0.1';
  return remoteAddress.startsWith('::ffff:')
    ? remoteAddress.slice('::ffff:'.length)
    : remoteAddress;
}
