/**
 * The local user pool's hosted UI: the part of Cognito's OAuth 2.0 / OIDC
 * endpoints the staff console uses, so the console signs in locally by
 * the same redirects as in AWS
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html):
 *
 * - `GET /oauth2/authorize` (authorization code grant with PKCE, S256)
 *   shows a sign-in page; posting it issues a one-time code, bound to the
 *   client, the redirect URI and the code challenge, and redirects to
 *   `redirect_uri?code=…&state=…`.
 * - `POST /oauth2/token` exchanges the code (once) for an ID token and an
 *   access token shaped as Cognito's.
 * - `GET /logout` redirects to the client's sign-out URL.
 *
 * There are no passwords (this is for one machine): the page asks for a
 * username and the staff groups, and the organisation is the stack's.
 * Unlike Cognito, PKCE is required: the console always sends it, and a
 * console that forgot would fail here rather than only in review.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  defaultTokenTtlSeconds,
  type LocalIssuer,
  localUserSchema,
  type StaffGroup,
  staffGroups,
} from './issuer.js';

/** Cognito's authorization codes last five minutes. */
export const defaultCodeTtlSeconds = 300;

/** The scopes the console's app client allows (Cognito's standard ones). */
export const allowedScopes = ['openid', 'email', 'profile'] as const;

/** The app client's redirect URLs, as configured on a Cognito app client. */
export interface HostedUiClient {
  /** Allowed `redirect_uri` values (exact match), e.g. `<site>/console/callback`. */
  readonly callbackUrls: readonly string[];
  /** Allowed `logout_uri` values (exact match), e.g. `<site>/console/signed-out`. */
  readonly signOutUrls: readonly string[];
}

export interface HostedUiOptions {
  /** The organisation every signed-in user belongs to: the stack's. */
  readonly organisationId: string;
  /** Defaults to five minutes. */
  readonly codeTtlSeconds?: number;
  /** Defaults to the system clock. */
  readonly now?: () => Date;
}

/** An HTTP answer, written by the server. */
export interface HostedUiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

interface Grant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  readonly nonce: string | undefined;
  readonly username: string;
  readonly groups: readonly StaffGroup[];
  readonly expiresAt: number;
}

/** What a valid authorize request asks for. */
interface Authorization {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  readonly nonce: string | undefined;
}

type Checked =
  | { readonly ok: true; readonly request: Authorization }
  | { readonly ok: false; readonly response: HostedUiResponse };

export interface HostedUi {
  /** Sets the app client's allowed redirect and sign-out URLs. */
  configure(client: HostedUiClient): void;
  /** `GET /oauth2/authorize`: the sign-in page, or why not. */
  authorizePage(query: URLSearchParams): HostedUiResponse;
  /** `POST /oauth2/authorize`: a code and a redirect, or the page again. */
  signIn(query: URLSearchParams, form: URLSearchParams): HostedUiResponse;
  /** `POST /oauth2/token`: the tokens for a code, once. */
  token(
    form: URLSearchParams,
    authorization: string | undefined,
  ): Promise<HostedUiResponse>;
  /** `GET /logout`: back to the client's sign-out URL. */
  logout(query: URLSearchParams): HostedUiResponse;
}

/**
 * The hosted UI of a local pool, for its one app client (the pool's
 * audience).
 *
 * @example
 * const ui = createHostedUi(pool, { organisationId: 'local' });
 * ui.configure({ callbackUrls: [`${site}/console/callback`], signOutUrls: [`${site}/console/signed-out`] });
 */
export function createHostedUi(
  pool: LocalIssuer,
  options: HostedUiOptions,
): HostedUi {
  const clock = options.now ?? (() => new Date());
  const codeTtlMs = (options.codeTtlSeconds ?? defaultCodeTtlSeconds) * 1000;
  const codes = new Map<string, Grant>();
  let client: HostedUiClient = { callbackUrls: [], signOutUrls: [] };

  const forget = () => {
    const now = clock().getTime();
    for (const [code, grant] of codes) {
      if (grant.expiresAt <= now) codes.delete(code);
    }
  };

  /** RFC 6749 §4.1.2.1: no redirect to an unchecked URI, ever. */
  const check = (query: URLSearchParams): Checked => {
    const clientId = single(query, 'client_id');
    const redirectUri = single(query, 'redirect_uri');
    if (clientId !== pool.audience) {
      return refusal(
        400,
        'Unknown app client',
        `This user pool has one app client, ${pool.audience}. The request named ${clientId === undefined ? 'none' : `“${clientId}”`}.`,
      );
    }
    if (
      redirectUri === undefined ||
      !client.callbackUrls.includes(redirectUri)
    ) {
      return refusal(
        400,
        'Redirect not allowed',
        `redirect_uri must be the app client’s callback URL (${client.callbackUrls.join(', ') || 'none is configured'}).`,
      );
    }
    const state = single(query, 'state');
    const back = (error: string, description: string): Checked => ({
      ok: false,
      response: redirect(
        withParameters(redirectUri, {
          error,
          error_description: description,
          ...(state !== undefined && { state }),
        }),
      ),
    });
    if (single(query, 'response_type') !== 'code') {
      return back('unsupported_response_type', 'response_type must be code');
    }
    const requested = single(query, 'scope');
    const scopes =
      requested === undefined
        ? [...allowedScopes]
        : [...new Set(requested.split(' ').filter((s) => s !== ''))];
    if (
      scopes.length === 0 ||
      !scopes.every((s) => (allowedScopes as readonly string[]).includes(s))
    ) {
      return back(
        'invalid_scope',
        `scopes allowed: ${allowedScopes.join(' ')}`,
      );
    }
    const codeChallenge = single(query, 'code_challenge');
    if (
      codeChallenge === undefined ||
      !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge) ||
      single(query, 'code_challenge_method') !== 'S256'
    ) {
      return back(
        'invalid_request',
        'PKCE is required: code_challenge (S256, base64url) and code_challenge_method=S256',
      );
    }
    return {
      ok: true,
      request: {
        clientId,
        redirectUri,
        state,
        codeChallenge,
        scopes,
        nonce: single(query, 'nonce'),
      },
    };
  };

  const page = (
    status: number,
    query: URLSearchParams,
    redirectUri: string,
    values: Omit<SignInPage, 'action' | 'organisationId'>,
  ) =>
    html(
      status,
      signInPage({
        action: `/oauth2/authorize?${query.toString()}`,
        organisationId: options.organisationId,
        ...values,
      }),
      [new URL(redirectUri).origin],
    );

  return {
    configure(next) {
      client = {
        callbackUrls: [...next.callbackUrls],
        signOutUrls: [...next.signOutUrls],
      };
    },

    authorizePage(query) {
      const checked = check(query);
      if (!checked.ok) return checked.response;
      return page(200, query, checked.request.redirectUri, {});
    },

    signIn(query, form) {
      const checked = check(query);
      if (!checked.ok) return checked.response;
      const { request } = checked;
      const username = (form.get('username') ?? '').trim();
      const groups = form.getAll('groups');
      const user = localUserSchema.safeParse({
        username,
        groups,
        organisationId: options.organisationId,
      });
      if (!user.success) {
        const field = user.error.issues[0]?.path[0];
        return page(400, query, request.redirectUri, {
          username,
          groups,
          error:
            field === 'groups'
              ? { field: 'groups', message: 'Select groups from the list' }
              : {
                  field: 'username',
                  message: 'Enter a username with no spaces or commas',
                },
        });
      }
      forget();
      const code = randomBytes(32).toString('base64url');
      codes.set(code, {
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        scopes: request.scopes,
        nonce: request.nonce,
        username: user.data.username,
        groups: user.data.groups,
        expiresAt: clock().getTime() + codeTtlMs,
      });
      return redirect(
        withParameters(request.redirectUri, {
          code,
          ...(request.state !== undefined && { state: request.state }),
        }),
      );
    },

    async token(form, authorization) {
      if (single(form, 'grant_type') !== 'authorization_code') {
        return oauthError(400, 'unsupported_grant_type');
      }
      const clientId =
        single(form, 'client_id') ?? basicClientId(authorization);
      if (clientId !== pool.audience) return oauthError(401, 'invalid_client');
      const code = single(form, 'code');
      if (code === undefined) return oauthError(400, 'invalid_request');
      const grant = codes.get(code);
      // One presentation only, right or wrong (RFC 6749 §4.1.2).
      codes.delete(code);
      if (
        grant === undefined ||
        grant.expiresAt <= clock().getTime() ||
        grant.clientId !== clientId ||
        grant.redirectUri !== single(form, 'redirect_uri') ||
        !verifierMatches(single(form, 'code_verifier'), grant.codeChallenge)
      ) {
        return oauthError(400, 'invalid_grant');
      }
      const user = {
        username: grant.username,
        groups: [...grant.groups],
        organisationId: options.organisationId,
        ttlSeconds: defaultTokenTtlSeconds,
      };
      const accessToken = await pool.issueAccessToken(user, grant.scopes);
      const idToken = grant.scopes.includes('openid')
        ? await pool.issue(user, {
            ...(grant.nonce !== undefined && { nonce: grant.nonce }),
          })
        : undefined;
      return json(200, {
        ...(idToken !== undefined && { id_token: idToken }),
        access_token: accessToken,
        expires_in: defaultTokenTtlSeconds,
        token_type: 'Bearer',
      });
    },

    logout(query) {
      const clientId = single(query, 'client_id');
      const logoutUri = single(query, 'logout_uri');
      if (clientId !== pool.audience) {
        return refusal(
          400,
          'Unknown app client',
          `This user pool has one app client, ${pool.audience}.`,
        ).response;
      }
      if (logoutUri === undefined || !client.signOutUrls.includes(logoutUri)) {
        return refusal(
          400,
          'Sign-out redirect not allowed',
          `logout_uri must be the app client’s sign-out URL (${client.signOutUrls.join(', ') || 'none is configured'}).`,
        ).response;
      }
      return redirect(logoutUri);
    },
  };
}

/** A parameter given exactly once, else undefined. */
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}

/** `Authorization: Basic base64(client_id:)`, as a public client may send. */
function basicClientId(authorization: string | undefined): string | undefined {
  const match = /^basic\s+(\S+)$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  return at === -1 ? undefined : decodeURIComponent(decoded.slice(0, at));
}

/** RFC 7636 §4.6: BASE64URL(SHA256(verifier)) equals the challenge. */
export function verifierMatches(
  verifier: string | undefined,
  challenge: string,
): boolean {
  if (verifier === undefined || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
    return false;
  }
  const computed = Buffer.from(
    createHash('sha256').update(verifier, 'ascii').digest('base64url'),
  );
  const expected = Buffer.from(challenge);
  return (
    computed.length === expected.length && timingSafeEqual(computed, expected)
  );
}

/** The S256 challenge of a verifier (for tests and clients). */
export function codeChallengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function withParameters(
  base: string,
  parameters: Readonly<Record<string, string>>,
): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(parameters)) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}

function redirect(location: string): HostedUiResponse {
  return {
    status: 302,
    headers: { location, 'cache-control': 'no-store' },
    body: '',
  };
}

function json(status: number, body: unknown): HostedUiResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      pragma: 'no-cache',
    },
    body: JSON.stringify(body),
  };
}

function oauthError(status: number, error: string): HostedUiResponse {
  return json(status, { error });
}

function refusal(
  status: number,
  title: string,
  detail: string,
): { ok: false; response: HostedUiResponse } {
  return { ok: false, response: html(status, errorPage(title, detail), []) };
}

function html(
  status: number,
  body: string,
  formTargets: readonly string[],
): HostedUiResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The form's redirect lands on the console: Chrome applies
      // form-action to the redirect after a post too.
      'content-security-policy': [
        "default-src 'none'",
        `style-src 'sha256-${styleHash}'`,
        `form-action 'self' ${formTargets.join(' ')}`.trim(),
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ].join('; '),
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body,
  };
}

const style = `
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 36rem; padding: 1.5rem; line-height: 1.5; color: #0b0c0c; }
h1 { font-size: 2rem; line-height: 1.2; }
label, legend { font-weight: 700; display: block; margin-bottom: .25rem; }
input[type=text] { font: inherit; padding: .3rem; width: 100%; max-width: 20rem; border: 2px solid #0b0c0c; }
fieldset { border: 0; padding: 0; margin: 1.5rem 0; }
.choice { display: flex; gap: .5rem; align-items: center; margin: .25rem 0; }
.choice label { font-weight: 400; margin: 0; }
.choice input { width: 1.5rem; height: 1.5rem; }
.hint { color: #505a5f; margin: 0 0 .5rem; }
.error { color: #d4351c; font-weight: 700; }
.error-summary { border: 4px solid #d4351c; padding: 1rem; margin-bottom: 1.5rem; }
button { font: inherit; font-weight: 700; padding: .5rem 1rem; background: #00703c; color: #fff; border: 0; box-shadow: 0 2px 0 #002d18; cursor: pointer; }
button:focus, input:focus { outline: 3px solid #fd0; outline-offset: 0; }
.notice { background: #f3f2f1; padding: 1rem; border-left: 5px solid #1d70b8; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
const styleHash = createHash('sha256').update(style).digest('base64');

const groupLabels: Readonly<Record<StaffGroup, string>> = {
  officer: 'Complaints officer (officer)',
  manager: 'Complaints manager (manager)',
  mrc: 'Member Responsible for Complaints (mrc)',
};

function document(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Hearth local user pool</title>
<style>${style}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

interface SignInPage {
  readonly action: string;
  readonly organisationId: string;
  readonly username?: string;
  readonly groups?: readonly string[];
  readonly error?: {
    readonly field: 'username' | 'groups';
    readonly message: string;
  };
}

/** The sign-in page: a username, the groups, and the stack's organisation. */
export function signInPage(input: SignInPage): string {
  const chosen = new Set(input.groups ?? []);
  const { error } = input;
  const message = (field: 'username' | 'groups') =>
    error?.field === field
      ? `<p class="error" id="${field}-error"><span class="visually-hidden">Error:</span> ${escapeHtml(error.message)}</p>\n`
      : '';
  const describedBy = (field: 'username' | 'groups') =>
    `${field}-hint${error?.field === field ? ` ${field}-error` : ''}`;
  const choices = staffGroups
    .map(
      (group) => `<div class="choice">
<input type="checkbox" id="group-${group}" name="groups" value="${group}"${chosen.has(group) ? ' checked' : ''}>
<label for="group-${group}">${escapeHtml(groupLabels[group])}</label>
</div>`,
    )
    .join('\n');
  const summary =
    error === undefined
      ? ''
      : `<div class="error-summary" role="alert" aria-labelledby="error-title">
<h2 id="error-title">There is a problem</h2>
<p><a href="#${error.field === 'groups' ? 'group-officer' : 'username'}">${escapeHtml(error.message)}</a></p>
</div>
`;
  return document(
    error === undefined ? 'Sign in' : 'Error: Sign in',
    `${summary}<h1>Sign in to Hearth</h1>
<p class="notice">This is the local user pool, a stand-in for Cognito’s hosted sign-in on this one machine. There is no password: whoever uses this computer can sign in as anyone.</p>
<form method="post" action="${escapeHtml(input.action)}" novalidate>
<label for="username">Username</label>
<p class="hint" id="username-hint">For example, ana.</p>
${message('username')}<input type="text" id="username" name="username" autocomplete="username" spellcheck="false" aria-describedby="${describedBy('username')}" value="${escapeHtml(input.username ?? '')}">
<fieldset aria-describedby="${describedBy('groups')}">
<legend>Groups</legend>
<p class="hint" id="groups-hint">Select all that apply.</p>
${message('groups')}${choices}
</fieldset>
<p>Organisation: <strong>${escapeHtml(input.organisationId)}</strong> (this stack’s)</p>
<button type="submit">Sign in</button>
</form>`,
  );
}

function errorPage(title: string, detail: string): string {
  return document(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(detail)}</p>
<p>This is the local user pool, a stand-in for Cognito’s hosted sign-in. Nothing was signed in.</p>`,
  );
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
