/**
 * Staff sign-in for the console: OAuth 2.0 authorization code with PKCE
 * (RFC 7636, S256) against the user pool's hosted UI (Cognito in AWS, the
 * local user pool locally), and a session that is the ID token itself, in
 * an HttpOnly cookie, verified on every request against the pool's JWKS.
 * Nothing here logs a token or a code.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import * as z from 'zod';
import { ForbiddenError } from '../shared/middleware/problem-json.js';
import { type Staff, staffOf } from '../shared/staff.js';

export const SESSION_COOKIE = 'hearth_console_session';
export const SIGN_IN_COOKIE = 'hearth_console_sign_in';
/** Long enough to type a password and pass MFA; short enough to be useless stolen. */
const SIGN_IN_SECONDS = 10 * 60;

export interface AuthSettings {
  readonly siteUrl: string;
  readonly authUrl: string;
  readonly clientId: string;
  readonly issuer: string;
}

/** The console's own pages are all under this path, cookies with them. */
export const consolePath = '/console';

export function redirectUri(settings: AuthSettings): string {
  return `${settings.siteUrl}${consolePath}/callback`;
}

function cookie(
  settings: AuthSettings,
  name: string,
  value: string,
  maxAge: number,
): string {
  const secure = settings.siteUrl.startsWith('https:') ? '; Secure' : '';
  return `${name}=${value}; Path=${consolePath}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

export function clearCookie(settings: AuthSettings, name: string): string {
  return cookie(settings, name, '', 0);
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** Only a console path may be returned to after sign-in (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next !== undefined &&
    /^\/console(?:[/?][A-Za-z0-9\-._~/%?=&+]*)?$/.test(next) &&
    !next.includes('//')
    ? next
    : consolePath;
}

/**
 * Starts a sign-in: a fresh state and code verifier kept in a short-lived
 * cookie, and the hosted UI's authorize URL with the S256 challenge.
 */
export function beginSignIn(
  settings: AuthSettings,
  next: string | undefined,
): { location: string; cookie: string } {
  const state = base64url(randomBytes(32));
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const back = base64url(Buffer.from(safeNext(next)));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(settings),
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return {
    location: `${settings.authUrl}/oauth2/authorize?${query}`,
    cookie: cookie(
      settings,
      SIGN_IN_COOKIE,
      `${state}.${verifier}.${back}`,
      SIGN_IN_SECONDS,
    ),
  };
}

/** Why a callback cannot sign anyone in (shown on a 401 page). */
export class SignInError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignInError';
  }
}

const tokenResponseSchema = z.object({ id_token: z.string().min(1) });

export interface Session {
  readonly staff: Staff;
  /** Seconds until the ID token expires. */
  readonly expiresIn: number;
}

/** Verifies ID tokens against the pool's keys (fetched once, cached by jose). */
export function sessionVerifier(
  settings: AuthSettings,
  keys: JWTVerifyGetKey = createRemoteJWKSet(
    new URL(`${settings.issuer}/.well-known/jwks.json`),
  ),
) {
  /** The staff member an ID token names, or undefined if it is not valid. */
  async function verify(
    token: string,
    now: Date,
  ): Promise<Session | undefined> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.clientId,
        currentDate: now,
      }));
    } catch {
      return undefined;
    }
    if (payload.token_use !== 'id' || payload.exp === undefined) {
      return undefined;
    }
    try {
      // The same claims the API's JWT authorizer hands the staff API.
      const staff = staffOf({
        requestContext: { authorizer: { jwt: { claims: payload } } },
      });
      return {
        staff,
        expiresIn: payload.exp - Math.floor(now.getTime() / 1000),
      };
    } catch (error) {
      if (error instanceof ForbiddenError) return undefined;
      throw error;
    }
  }

  /**
   * Finishes a sign-in: the state must match the one this browser was
   * given, then the code is exchanged (with the verifier) for tokens and
   * the ID token verified. Returns the session cookie and where to go.
   */
  async function completeSignIn(input: {
    readonly query: Readonly<Record<string, string | undefined>>;
    readonly signInCookie: string | undefined;
    readonly now: Date;
    readonly fetch?: typeof fetch;
  }): Promise<{ cookies: string[]; next: string; staff: Staff }> {
    const { query } = input;
    if (query.error !== undefined) {
      throw new SignInError('Sign-in was cancelled or refused.');
    }
    const [state, verifier, back] = (input.signInCookie ?? '').split('.');
    if (
      state === undefined ||
      verifier === undefined ||
      query.state === undefined ||
      !sameText(state, query.state)
    ) {
      throw new SignInError(
        'This sign-in link has expired or was started in another browser.',
      );
    }
    if (query.code === undefined) {
      throw new SignInError('The sign-in service sent no code.');
    }
    const response = await (input.fetch ?? fetch)(
      `${settings.authUrl}/oauth2/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: settings.clientId,
          code: query.code,
          redirect_uri: redirectUri(settings),
          code_verifier: verifier,
        }),
      },
    );
    const tokens = tokenResponseSchema.safeParse(
      response.ok ? await response.json().catch(() => undefined) : undefined,
    );
    if (!tokens.success) {
      throw new SignInError('The sign-in service did not accept the code.');
    }
    const session = await verify(tokens.data.id_token, input.now);
    if (session === undefined || session.expiresIn <= 0) {
      throw new SignInError('The sign-in service sent a token we cannot use.');
    }
    return {
      cookies: [
        cookie(
          settings,
          SESSION_COOKIE,
          tokens.data.id_token,
          session.expiresIn,
        ),
        clearCookie(settings, SIGN_IN_COOKIE),
      ],
      next: safeNext(
        back === undefined
          ? undefined
          : Buffer.from(back, 'base64url').toString('utf8'),
      ),
      staff: session.staff,
    };
  }

  return { verify, completeSignIn };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where signing out ends: the hosted UI's logout, then back to us. */
export function signOutLocation(settings: AuthSettings): string {
  const query = new URLSearchParams({
    client_id: settings.clientId,
    logout_uri: `${settings.siteUrl}${consolePath}/signed-out`,
  });
  return `${settings.authUrl}/logout?${query}`;
}

/**
 * A cross-site form post is refused: the Origin must be ours, or, where a
 * browser sends none, Sec-Fetch-Site must say same-origin. A request with
 * neither is refused too (every browser sends one of them on a POST).
 */
export function isSameOrigin(
  headers: Readonly<Record<string, string | undefined>>,
  siteUrl: string,
): boolean {
  const origin = headers.origin;
  if (origin !== undefined) return origin === new URL(siteUrl).origin;
  return headers['sec-fetch-site'] === 'same-origin';
}
