/**
 * The local API Gateway: an HTTP server that does what an HTTP API with
 * Lambda proxy integrations (payload format 2.0) does, with CloudFront's
 * one job in front of it: `/assets/*` is answered from the built assets
 * folder, as the distribution answers it from the assets bucket
 * (./static-assets.ts), before any route is matched. It selects the route
 * from the one route table, runs the JWT authorizer on staff routes, builds
 * the same event the Lambdas get in AWS, invokes the function through the
 * local runtime and writes the result back by the 2.0 response rules.
 * API Gateway's own answers are reproduced: 404 for no route, 401 without
 * a valid token, 413 over the 10 MB payload limit, 500 when the function
 * fails, 503 when it runs past the 30 s integration timeout.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { routes as routeTable } from '../routes.js';
import {
  type ArrivedRequest,
  httpApiEvent,
  type JwtClaims,
  newRequestId,
  newTraceId,
  sourceIpOf,
  splitTarget,
} from './http-event.js';
import { type HttpResponse, httpResponseOf } from './http-result.js';
import {
  baseUrl,
  closeHttpServer,
  defaultHost,
  listen,
  readBody,
} from './listen.js';
import { type ApiRoute, matchRoute } from './route-match.js';
import { assetResponse, type StaticAssets } from './static-assets.js';

/** What the gateway needs of the local Lambda runtime. */
export interface LambdaInvoker {
  invoke(functionName: string, event: unknown): Promise<unknown>;
}

/** The request as the authorizer sees it (it reads the bearer token). */
export interface AuthorizeRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-cased names, repeated headers joined with `,`. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The JWT authorizer: the verified token's claims, or undefined to refuse
 * the request with 401 as API Gateway does.
 */
export type Authorize = (
  request: AuthorizeRequest,
) => Promise<JwtClaims | undefined>;

export interface ApiGatewayOptions {
  /** 0 for any free port. */
  readonly port: number;
  /** Defaults to loopback. */
  readonly host?: string;
  /** Defaults to the route table in infra/routes.ts. */
  readonly routes?: readonly ApiRoute[];
  readonly lambdas: LambdaInvoker;
  /** Checks staff routes' tokens; without one every staff request is refused. */
  readonly authorize?: Authorize;
  readonly stage?: '$default';
  readonly apiId?: string;
  /** HTTP APIs give up on an integration after 30 s. */
  readonly integrationTimeoutMs?: number;
  /** Serves `/assets/*` from this folder as CloudFront would; none by default. */
  readonly assets?: StaticAssets;
}

export interface RunningApiGateway {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** HTTP APIs refuse request payloads over 10 MB. */
export const payloadLimitBytes = 10 * 1024 * 1024;

const denyAll: Authorize = async () => undefined;

/**
 * Starts the local API Gateway.
 *
 * @example
 * const api = await startApiGateway({ port: 3000, lambdas: new LocalLambdas({ root }) });
 * // … fetch(`${api.url}/complaints`, { method: 'POST', body })
 * await api.stop();
 */
export async function startApiGateway(
  options: ApiGatewayOptions,
): Promise<RunningApiGateway> {
  const host = options.host ?? defaultHost;
  const gateway: Gateway = {
    routes: options.routes ?? routeTable,
    lambdas: options.lambdas,
    authorize: options.authorize ?? denyAll,
    stage: options.stage ?? '$default',
    apiId: options.apiId ?? 'local',
    timeoutMs: options.integrationTimeoutMs ?? 30_000,
    assets: options.assets,
  };
  const server: Server = createServer((request, response) => {
    handle(gateway, request, response).catch((error: unknown) => {
      console.error('[api-gateway] request failed', error);
      if (!response.headersSent) {
        send(response, newRequestId(), message(500, 'Internal Server Error'));
      }
    });
  });
  const port = await listen(server, options.port, host);
  return {
    url: baseUrl(host, port),
    port,
    stop: () => closeHttpServer(server),
  };
}

interface Gateway {
  readonly routes: readonly ApiRoute[];
  readonly lambdas: LambdaInvoker;
  readonly authorize: Authorize;
  readonly stage: string;
  readonly apiId: string;
  readonly timeoutMs: number;
  readonly assets: StaticAssets | undefined;
}

async function handle(
  gateway: Gateway,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (gateway.assets !== undefined) {
    const asset = await assetResponse(
      gateway.assets,
      request.method ?? 'GET',
      request.url ?? '/',
      request.headers['if-none-match'],
    );
    if (asset !== undefined) {
      for (const [name, value] of Object.entries(asset.headers)) {
        response.setHeader(name, value);
      }
      response.writeHead(asset.status);
      response.end(request.method === 'HEAD' ? undefined : asset.body);
      return;
    }
  }
  const received = new Date();
  const requestId = newRequestId();
  const body = await readBody(request, payloadLimitBytes);
  if (body === undefined) {
    send(response, requestId, message(413, 'Request Entity Too Large'));
    return;
  }
  const method = request.method ?? 'GET';
  const target = request.url ?? '/';
  const { path } = splitTarget(target);
  const match = matchRoute(gateway.routes, method, path);
  if (match === undefined) {
    send(response, requestId, message(404, 'Not Found'));
    return;
  }
  let claims: JwtClaims | undefined;
  if (match.route.auth === 'staff') {
    claims = await gateway.authorize({
      method,
      path,
      headers: joinedHeaders(request.rawHeaders),
    });
    if (claims === undefined) {
      send(response, requestId, {
        ...message(401, 'Unauthorized'),
        headers: [
          ['content-type', 'application/json'],
          ['www-authenticate', 'Bearer'],
        ],
      });
      return;
    }
  }
  const arrived: ArrivedRequest = {
    method,
    target,
    rawHeaders: request.rawHeaders,
    body,
    httpVersion: request.httpVersion,
    sourceIp: sourceIpOf(request.socket.remoteAddress),
    localPort: request.socket.localPort ?? 0,
  };
  const event = httpApiEvent(arrived, {
    match,
    apiId: gateway.apiId,
    stage: gateway.stage,
    requestId,
    traceId: newTraceId(received),
    received,
    ...(claims !== undefined && { claims }),
  });
  const outcome = await invokeWithin(
    gateway.lambdas.invoke(match.route.function, event),
    gateway.timeoutMs,
  );
  if (outcome.kind === 'failed') {
    console.error(
      `[api-gateway] ${match.routeKey} → ${match.route.function} threw`,
      outcome.error,
    );
    send(response, requestId, message(500, 'Internal Server Error'));
    return;
  }
  if (outcome.kind === 'timed-out') {
    console.error(
      `[api-gateway] ${match.routeKey} → ${match.route.function} ran past ${gateway.timeoutMs} ms`,
    );
    send(response, requestId, message(503, 'Service Unavailable'));
    return;
  }
  const mapped = httpResponseOf(outcome.result);
  if (!mapped.ok) {
    console.error(
      `[api-gateway] ${match.routeKey} → ${match.route.function} returned a malformed response: ${mapped.problem}`,
    );
    send(response, requestId, message(500, 'Internal Server Error'));
    return;
  }
  for (const warning of mapped.warnings) {
    console.error(`[api-gateway] ${match.route.function}: ${warning}`);
  }
  send(response, requestId, mapped.response);
}

function joinedHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    const value = rawHeaders[i + 1] ?? '';
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return headers;
}

type Outcome =
  | { readonly kind: 'returned'; readonly result: unknown }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'timed-out' };

async function invokeWithin(
  invocation: Promise<unknown>,
  timeoutMs: number,
): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timed-out' }), timeoutMs);
  });
  try {
    return await Promise.race([
      invocation.then(
        (result): Outcome => ({ kind: 'returned', result }),
        (error: unknown): Outcome => ({ kind: 'failed', error }),
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** One of API Gateway's own JSON answers: `{"message":"Not Found"}`. */
function message(statusCode: number, text: string): HttpResponse {
  return {
    statusCode,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ message: text })),
  };
}

function send(
  response: ServerResponse,
  requestId: string,
  { statusCode, headers, body }: HttpResponse,
): void {
  // Node's header names are case-insensitive: group so none overwrites another.
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of headers) {
    const entry = grouped.get(name.toLowerCase());
    if (entry === undefined)
      grouped.set(name.toLowerCase(), { name, values: [value] });
    else entry.values.push(value);
  }
  for (const { name, values } of grouped.values()) {
    response.setHeader(name, values.length === 1 ? (values[0] ?? '') : values);
  }
  response.setHeader('apigw-requestid', requestId);
  response.setHeader('content-length', body.length);
  response.writeHead(statusCode);
  response.end(body);
}
