/**
 * The local user pool's HTTP face. As a Cognito user pool does, it serves
 * its public keys at `<issuer>/.well-known/jwks.json` and its discovery
 * document at `<issuer>/.well-known/openid-configuration` (also at the
 * server's root). Local only, `POST /token` signs in a local user without a
 * password: `{ username, groups, organisationId }` → `{ idToken, expiresIn }`,
 * for the staff console and curl. Nothing here logs a token.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Authorize } from '../api-gateway.js';
import {
  baseUrl,
  closeHttpServer,
  defaultHost,
  listen,
  readBody,
} from '../listen.js';
import {
  createLocalIssuer,
  defaultTokenTtlSeconds,
  type LocalIssuer,
  localAudience,
  localUserSchema,
  userPoolPath,
  writeIssuerFile,
} from './issuer.js';
import { signingAlgorithm } from './keys.js';

export interface IssuerServerOptions {
  /** 0 for any free port. */
  readonly port: number;
  /** Defaults to loopback. */
  readonly host?: string;
  /**
   * The pool to serve, or a function that makes it once the server's own
   * URL is known (its issuer URL usually contains the port).
   */
  readonly issuer:
    | LocalIssuer
    | ((serverUrl: string) => LocalIssuer | Promise<LocalIssuer>);
}

export interface RunningIssuerServer {
  /** The server's base URL, e.g. `http://127.0.0.1:8015`. */
  readonly url: string;
  readonly port: number;
  /** The tokens' `iss`, e.g. `http://127.0.0.1:8015/local-user-pool`. */
  readonly issuerUrl: string;
  readonly issuer: LocalIssuer;
  /** The JWT authorizer for the local API Gateway. */
  readonly authorize: Authorize;
  stop(): Promise<void>;
}

/** The largest `POST /token` body read. */
const tokenBodyLimitBytes = 16 * 1024;

/**
 * Serves a local user pool's keys, discovery document and token endpoint.
 *
 * @example
 * const server = await startIssuerServer({ port: 0,
 *   issuer: (url) => createLocalIssuer({ issuer: `${url}/local-user-pool`, audience }) });
 */
export async function startIssuerServer(
  options: IssuerServerOptions,
): Promise<RunningIssuerServer> {
  const host = options.host ?? defaultHost;
  let serving: LocalIssuer | undefined;
  const server: Server = createServer((request, response) => {
    // Requests arriving before the pool is made are refused, not queued.
    if (serving === undefined) {
      sendJson(response, 503, { message: 'Service Unavailable' });
      return;
    }
    handle(serving, request, response).catch((error: unknown) => {
      console.error('[user-pool] request failed', errorName(error));
      if (!response.headersSent) {
        sendJson(response, 500, { message: 'Internal Server Error' });
      }
    });
  });
  const port = await listen(server, options.port, host);
  const url = baseUrl(host, port);
  try {
    serving =
      typeof options.issuer === 'function'
        ? await options.issuer(url)
        : options.issuer;
  } catch (error) {
    await closeHttpServer(server);
    throw error;
  }
  const issuer = serving;
  return {
    url,
    port,
    issuerUrl: issuer.issuer,
    issuer,
    authorize: issuer.authorize,
    stop: () => closeHttpServer(server),
  };
}

export interface LocalUserPoolOptions {
  /** 0 for any free port. */
  readonly port: number;
  readonly host?: string;
  /** Keys are kept in `<dataDir>/auth/`; in memory without one. */
  readonly dataDir?: string;
  /** Defaults to `hearth-local-console`. */
  readonly audience?: string;
}

/**
 * The local user pool as `npm start` runs it: the issuer is
 * `<server url>/local-user-pool`, the keys are kept in the data folder, and
 * the issuer and audience are recorded there for `npm run token`.
 *
 * @example
 * const pool = await startLocalUserPool({ port: 8015, dataDir: '.hearth' });
 * const api = await startApiGateway({ port: 3000, lambdas, authorize: pool.authorize });
 */
export function startLocalUserPool(
  options: LocalUserPoolOptions,
): Promise<RunningIssuerServer> {
  const audience = options.audience ?? localAudience;
  return startIssuerServer({
    port: options.port,
    ...(options.host !== undefined && { host: options.host }),
    issuer: async (url) => {
      const issuer = `${url}${userPoolPath}`;
      const pool = await createLocalIssuer({
        issuer,
        audience,
        ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
      });
      if (options.dataDir !== undefined) {
        await writeIssuerFile(options.dataDir, { issuer, audience });
      }
      return pool;
    },
  });
}

/** The discovery document, with the fields Cognito's has that apply here. */
export function openIdConfiguration(issuer: string) {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: [signingAlgorithm],
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'profile'],
    subject_types_supported: ['public'],
  };
}

async function handle(
  pool: LocalIssuer,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? 'GET';
  const route = routeOf(pool.issuer, request.url ?? '/');
  corsHeaders(request, response);
  if (route === undefined) {
    sendJson(response, 404, { message: 'Not Found' });
    return;
  }
  const allowed = route === 'token' ? 'POST' : 'GET';
  if (method === 'OPTIONS') {
    response.setHeader('access-control-allow-methods', `${allowed}, OPTIONS`);
    response.setHeader('access-control-allow-headers', 'content-type');
    response.writeHead(204).end();
    return;
  }
  if (method !== allowed && !(allowed === 'GET' && method === 'HEAD')) {
    response.setHeader('allow', `${allowed}, OPTIONS`);
    sendJson(response, 405, { message: 'Method Not Allowed' });
    return;
  }
  if (route === 'jwks') {
    sendJson(response, 200, pool.jwks());
    return;
  }
  if (route === 'openid-configuration') {
    sendJson(response, 200, openIdConfiguration(pool.issuer));
    return;
  }
  await token(pool, request, response);
}

type Route = 'jwks' | 'openid-configuration' | 'token';

/** The route for a request target, at the root or under the issuer's path. */
function routeOf(issuer: string, target: string): Route | undefined {
  const path = target.split('?')[0] ?? '/';
  const prefix = new URL(issuer).pathname.replace(/\/+$/, '');
  const local =
    prefix !== '' && path.startsWith(`${prefix}/`)
      ? path.slice(prefix.length)
      : path;
  switch (local) {
    case '/.well-known/jwks.json':
      return 'jwks';
    case '/.well-known/openid-configuration':
      return 'openid-configuration';
    case '/token':
      return 'token';
    default:
      return undefined;
  }
}

async function token(
  pool: LocalIssuer,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request, tokenBodyLimitBytes);
  if (body === undefined) {
    sendJson(response, 413, { message: 'Request Entity Too Large' });
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    sendJson(response, 400, { message: 'The body is not JSON' });
    return;
  }
  const user = localUserSchema.safeParse(json);
  if (!user.success) {
    sendJson(response, 400, {
      message: 'Expected { username, groups, organisationId }',
      errors: user.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
      })),
    });
    return;
  }
  const idToken = await pool.issue(user.data);
  response.setHeader('cache-control', 'no-store');
  sendJson(response, 200, {
    idToken,
    expiresIn: user.data.ttlSeconds ?? defaultTokenTtlSeconds,
    tokenType: 'Bearer',
  });
}

/**
 * Lets a page served from this machine (the staff console on another
 * local port) call the pool; pages from anywhere else get no CORS headers,
 * so a web site cannot mint local tokens through the browser.
 */
function corsHeaders(request: IncomingMessage, response: ServerResponse) {
  const origin = request.headers.origin;
  if (origin === undefined || !isLoopbackOrigin(origin)) return;
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('vary', 'origin');
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && loopbackHosts.has(url.hostname);
  } catch {
    return false;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body));
  response.setHeader('content-type', 'application/json');
  response.setHeader('content-length', bytes.length);
  response.writeHead(status);
  response.end(bytes);
}

/** An error's name only: messages could quote a request body. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
