/**
 * The local user pool's HTTP face. As a Cognito user pool does, it serves
 * its public keys at `<issuer>/.well-known/jwks.json` and its discovery
 * document at `<issuer>/.well-known/openid-configuration` (also at the
 * server's root). The server's root is also the pool's hosted UI domain
 * (`HEARTH_AUTH_URL`): `GET|POST /oauth2/authorize`, `POST /oauth2/token`
 * and `GET /logout`, as Cognito's (./hosted-ui.ts). Local only,
 * `POST /token` signs in a local user without a password:
 * `{ username, groups, organisationId }` → `{ idToken, expiresIn }`, for
 * tests and curl (`npm run token`). Nothing here logs a token.
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
  createHostedUi,
  type HostedUi,
  type HostedUiClient,
  type HostedUiResponse,
} from './hosted-ui.js';
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
  /** The organisation of users signed in by the hosted UI. Defaults to `local`. */
  readonly organisationId?: string;
  /** The app client's allowed redirects; none until configured. */
  readonly client?: HostedUiClient;
  /** How long an authorization code lasts; five minutes by default. */
  readonly codeTtlSeconds?: number;
  /** Defaults to the system clock (authorization codes' expiry). */
  readonly now?: () => Date;
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
  /**
   * Sets the app client's callback and sign-out URLs, as on a Cognito app
   * client (the console's are known once the API stand-in is listening).
   */
  configureClient(client: HostedUiClient): void;
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
  let serving: Serving | undefined;
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
  let issuer: LocalIssuer;
  try {
    issuer =
      typeof options.issuer === 'function'
        ? await options.issuer(url)
        : options.issuer;
  } catch (error) {
    await closeHttpServer(server);
    throw error;
  }
  const hostedUi = createHostedUi(issuer, {
    organisationId: options.organisationId ?? 'local',
    ...(options.codeTtlSeconds !== undefined && {
      codeTtlSeconds: options.codeTtlSeconds,
    }),
    ...(options.now !== undefined && { now: options.now }),
  });
  if (options.client !== undefined) hostedUi.configure(options.client);
  serving = { pool: issuer, hostedUi, url };
  return {
    url,
    port,
    issuerUrl: issuer.issuer,
    issuer,
    authorize: issuer.authorize,
    configureClient: (client) => hostedUi.configure(client),
    stop: () => closeHttpServer(server),
  };
}

interface Serving {
  readonly pool: LocalIssuer;
  readonly hostedUi: HostedUi;
  /** The server's base URL: the hosted UI's domain. */
  readonly url: string;
}

export interface LocalUserPoolOptions {
  /** 0 for any free port. */
  readonly port: number;
  readonly host?: string;
  /** Keys are kept in `<dataDir>/auth/`; in memory without one. */
  readonly dataDir?: string;
  /** Defaults to `hearth-local-console`. */
  readonly audience?: string;
  /** The organisation of users signed in by the hosted UI. Defaults to `local`. */
  readonly organisationId?: string;
  /** The console's callback and sign-out URLs, if known yet. */
  readonly client?: HostedUiClient;
  /** Defaults to the system clock. */
  readonly now?: () => Date;
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
    ...(options.organisationId !== undefined && {
      organisationId: options.organisationId,
    }),
    ...(options.client !== undefined && { client: options.client }),
    ...(options.now !== undefined && { now: options.now }),
    issuer: async (url) => {
      const issuer = `${url}${userPoolPath}`;
      const pool = await createLocalIssuer({
        issuer,
        audience,
        ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
        ...(options.now !== undefined && { now: options.now }),
      });
      if (options.dataDir !== undefined) {
        await writeIssuerFile(options.dataDir, { issuer, audience });
      }
      return pool;
    },
  });
}

/**
 * The discovery document, with the fields Cognito's has that apply here;
 * given the hosted UI's domain, its endpoints too.
 */
export function openIdConfiguration(issuer: string, hostedUiUrl?: string) {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    ...(hostedUiUrl !== undefined && {
      authorization_endpoint: `${hostedUiUrl}/oauth2/authorize`,
      token_endpoint: `${hostedUiUrl}/oauth2/token`,
      end_session_endpoint: `${hostedUiUrl}/logout`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code'],
    }),
    id_token_signing_alg_values_supported: [signingAlgorithm],
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'profile'],
    subject_types_supported: ['public'],
  };
}

type Route =
  | 'jwks'
  | 'openid-configuration'
  | 'token'
  | 'authorize'
  | 'oauth2-token'
  | 'logout';

/** The methods each route answers (HEAD goes with GET). */
const methods: Readonly<Record<Route, readonly string[]>> = {
  jwks: ['GET'],
  'openid-configuration': ['GET'],
  token: ['POST'],
  authorize: ['GET', 'POST'],
  'oauth2-token': ['POST'],
  logout: ['GET'],
};

async function handle(
  serving: Serving,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { pool, hostedUi } = serving;
  const method = request.method ?? 'GET';
  const target = request.url ?? '/';
  const route = routeOf(pool.issuer, target);
  corsHeaders(request, response);
  if (route === undefined) {
    sendJson(response, 404, { message: 'Not Found' });
    return;
  }
  const allowed = methods[route];
  if (method === 'OPTIONS') {
    response.setHeader(
      'access-control-allow-methods',
      `${allowed.join(', ')}, OPTIONS`,
    );
    response.setHeader('access-control-allow-headers', 'content-type');
    response.writeHead(204).end();
    return;
  }
  const effective = method === 'HEAD' ? 'GET' : method;
  if (!allowed.includes(effective)) {
    response.setHeader('allow', `${allowed.join(', ')}, OPTIONS`);
    sendJson(response, 405, { message: 'Method Not Allowed' });
    return;
  }
  const query = new URLSearchParams(target.split('?')[1] ?? '');
  switch (route) {
    case 'jwks':
      sendJson(response, 200, pool.jwks());
      return;
    case 'openid-configuration':
      sendJson(response, 200, openIdConfiguration(pool.issuer, serving.url));
      return;
    case 'token':
      await token(pool, request, response);
      return;
    case 'authorize': {
      if (effective === 'GET') {
        sendHostedUi(response, hostedUi.authorizePage(query));
        return;
      }
      const form = await formOf(request);
      if (form === undefined) {
        sendJson(response, 413, { message: 'Request Entity Too Large' });
        return;
      }
      sendHostedUi(response, hostedUi.signIn(query, form));
      return;
    }
    case 'oauth2-token': {
      if (!isForm(request)) {
        sendHostedUi(response, {
          status: 400,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ error: 'invalid_request' }),
        });
        return;
      }
      const form = await formOf(request);
      if (form === undefined) {
        sendJson(response, 413, { message: 'Request Entity Too Large' });
        return;
      }
      sendHostedUi(
        response,
        await hostedUi.token(form, request.headers.authorization),
      );
      return;
    }
    case 'logout':
      sendHostedUi(response, hostedUi.logout(query));
      return;
  }
}

/**
 * The route for a request target. The keys, discovery document and
 * `/token` are served at the root and under the issuer's path; the hosted
 * UI's endpoints at the root, its domain.
 */
function routeOf(issuer: string, target: string): Route | undefined {
  const path = target.split('?')[0] ?? '/';
  switch (path) {
    case '/oauth2/authorize':
      return 'authorize';
    case '/oauth2/token':
      return 'oauth2-token';
    case '/logout':
      return 'logout';
  }
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

function isForm(request: IncomingMessage): boolean {
  const type = (request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  return type === 'application/x-www-form-urlencoded';
}

async function formOf(
  request: IncomingMessage,
): Promise<URLSearchParams | undefined> {
  const body = await readBody(request, tokenBodyLimitBytes);
  return body === undefined
    ? undefined
    : new URLSearchParams(body.toString('utf8'));
}

function sendHostedUi(
  response: ServerResponse,
  { status, headers, body }: HostedUiResponse,
) {
  const bytes = Buffer.from(body);
  for (const [name, value] of Object.entries(headers)) {
    response.setHeader(name, value);
  }
  response.setHeader('content-length', bytes.length);
  response.writeHead(status);
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
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
