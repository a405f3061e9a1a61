/**
 * The local stand-in for a Cognito user pool: it signs ID tokens shaped as
 * Cognito's for local users (no passwords: this is for one machine), and
 * owns the JWT authorizer that the local API Gateway runs on staff routes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type JSONWebKeySet, SignJWT } from 'jose';
import * as z from 'zod';
import type { Authorize } from '../api-gateway.js';
import type { JwtClaims } from '../http-event.js';
import { createJwtAuthorizer } from './authorizer.js';
import { authDir, loadSigningKey, signingAlgorithm } from './keys.js';

/** The local app client id: the staff console's. */
export const localAudience = 'hearth-local-console';

/** Where the issuer URL sits on the user pool's server. */
export const userPoolPath = '/local-user-pool';

/** Cognito's default ID token validity is one hour; a local working day is kinder. */
export const defaultTokenTtlSeconds = 8 * 60 * 60;

/** The staff groups of the user pool (DESIGN §2's roles). */
export const staffGroups = ['officer', 'manager', 'mrc'] as const;
export type StaffGroup = (typeof staffGroups)[number];

/** A local user to issue a token for; also the body of `POST /token`. */
export const localUserSchema = z.strictObject({
  /** Cognito's `sub`; by default derived from the username, so stable. */
  sub: z.uuid().optional(),
  username: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[^\s,]+$/, 'a username has no spaces or commas'),
  email: z.email().optional(),
  groups: z.array(z.enum(staffGroups)).max(staffGroups.length),
  /** The organisation the officer works for: `custom:organisation`. */
  organisationId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a lower-case organisation id'),
  /** Up to a day, Cognito's longest ID token validity. */
  ttlSeconds: z.int().min(1).max(86_400).optional(),
});
export type LocalUser = z.input<typeof localUserSchema>;

/** The claims of an ID token from the local pool, as Cognito writes them. */
export interface IdTokenClaims {
  readonly sub: string;
  readonly 'cognito:groups'?: readonly StaffGroup[];
  readonly email_verified: boolean;
  readonly iss: string;
  readonly 'cognito:username': string;
  readonly origin_jti: string;
  readonly aud: string;
  readonly event_id: string;
  readonly token_use: 'id';
  readonly auth_time: number;
  readonly 'custom:organisation': string;
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly email: string;
  /** Present when the authorize request carried one (OIDC). */
  readonly nonce?: string;
}

/** The claims of an access token from the local pool, as Cognito writes them. */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly 'cognito:groups'?: readonly StaffGroup[];
  readonly iss: string;
  readonly client_id: string;
  readonly origin_jti: string;
  readonly event_id: string;
  readonly token_use: 'access';
  readonly scope: string;
  readonly auth_time: number;
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly username: string;
}

/** What an ID token may carry beyond the user. */
export interface IdTokenExtras {
  /** The OIDC nonce of the authorize request. */
  readonly nonce?: string;
}

export interface LocalIssuerOptions {
  /** Keys are kept in `<dataDir>/auth/`; in memory without one. */
  readonly dataDir?: string;
  /** The `iss` of every token, e.g. `http://127.0.0.1:8015/local-user-pool`. */
  readonly issuer: string;
  /** The app client id: every token's `aud`, and the audience accepted. */
  readonly audience: string;
  /** Defaults to the system clock. */
  readonly now?: () => Date;
}

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** Signs an ID token for the user; throws on an invalid user. */
  issue(user: LocalUser, extras?: IdTokenExtras): Promise<string>;
  /**
   * Signs an access token for the user and scopes (no `aud`: `client_id`
   * names the app client, as in Cognito's); throws on an invalid user.
   */
  issueAccessToken(user: LocalUser, scopes: readonly string[]): Promise<string>;
  /** The public keys, as `/.well-known/jwks.json` serves them. */
  jwks(): JSONWebKeySet;
  /** The token's claims when the API's JWT authorizer accepts it, else undefined. */
  verify(token: string): Promise<JwtClaims | undefined>;
  /** The JWT authorizer for the local API Gateway's staff routes. */
  readonly authorize: Authorize;
}

/**
 * A local user pool: signing key from `<dataDir>/auth/` (made on first use).
 *
 * @example
 * const pool = await createLocalIssuer({ dataDir: '.hearth', issuer, audience: localAudience });
 * const token = await pool.issue({ username: 'ana', groups: ['officer'], organisationId: 'local' });
 */
export async function createLocalIssuer(
  options: LocalIssuerOptions,
): Promise<LocalIssuer> {
  const key = await loadSigningKey(options.dataDir);
  const clock = options.now ?? (() => new Date());
  const keySet: JSONWebKeySet = { keys: [key.publicJwk] };
  const authorizer = createJwtAuthorizer({
    issuer: options.issuer,
    audiences: [options.audience],
    jwks: keySet,
    now: clock,
  });
  const groupsOf = (user: z.output<typeof localUserSchema>) =>
    user.groups.length > 0 && { 'cognito:groups': [...new Set(user.groups)] };
  return {
    issuer: options.issuer,
    audience: options.audience,
    issue: async (input, extras = {}) => {
      const user = localUserSchema.parse(input);
      const now = Math.floor(clock().getTime() / 1000);
      const claims: Omit<IdTokenClaims, 'iss' | 'aud' | 'iat' | 'exp'> = {
        sub: user.sub ?? subOf(user.username),
        ...groupsOf(user),
        email_verified: true,
        'cognito:username': user.username,
        origin_jti: randomUUID(),
        event_id: randomUUID(),
        token_use: 'id',
        auth_time: now,
        'custom:organisation': user.organisationId,
        jti: randomUUID(),
        email:
          user.email ?? `${user.username}@${user.organisationId}.localhost`,
        ...(extras.nonce !== undefined && { nonce: extras.nonce }),
      };
      return new SignJWT(claims)
        .setProtectedHeader({ kid: key.kid, alg: signingAlgorithm })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (user.ttlSeconds ?? defaultTokenTtlSeconds))
        .sign(key.privateKey);
    },
    issueAccessToken: async (input, scopes) => {
      const user = localUserSchema.parse(input);
      const now = Math.floor(clock().getTime() / 1000);
      const claims: Omit<AccessTokenClaims, 'iss' | 'iat' | 'exp'> = {
        sub: user.sub ?? subOf(user.username),
        ...groupsOf(user),
        client_id: options.audience,
        origin_jti: randomUUID(),
        event_id: randomUUID(),
        token_use: 'access',
        scope: scopes.join(' '),
        auth_time: now,
        jti: randomUUID(),
        username: user.username,
      };
      return new SignJWT(claims)
        .setProtectedHeader({ kid: key.kid, alg: signingAlgorithm })
        .setIssuer(options.issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + (user.ttlSeconds ?? defaultTokenTtlSeconds))
        .sign(key.privateKey);
    },
    jwks: () => structuredClone(keySet),
    verify: authorizer.verify,
    authorize: authorizer.authorize,
  };
}

/**
 * The `sub` of a local user: a name-based UUID (version 5) of the username,
 * so the same user has the same `sub` on every run and in every token.
 */
export function subOf(username: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(subNamespace.replaceAll('-', ''), 'hex'))
    .update(username, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const subNamespace = '6f1d0c3e-4a8b-4f5e-9c2d-7b1a0e3f5d24';

/** What the token CLI needs to sign for the running stack. */
export interface IssuerFile {
  readonly issuer: string;
  readonly audience: string;
}

const issuerFileSchema = z.object({
  issuer: z.string().min(1),
  audience: z.string().min(1),
});

/**
 * `<dataDir>/auth/issuer.json`: the issuer and audience of the user pool
 * last served on this data folder, for the token CLI.
 */
export const issuerFile = (dataDir: string): string =>
  path.join(authDir(dataDir), 'issuer.json');

/** Records the served pool's issuer and audience for the token CLI. */
export async function writeIssuerFile(
  dataDir: string,
  content: IssuerFile,
): Promise<void> {
  const file = issuerFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  await mkdir(authDir(dataDir), { recursive: true, mode: 0o700 });
  await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, {
    mode: 0o600,
  });
  await rename(temporary, file);
}

/** The issuer and audience the pool last started with, if it ever did. */
export async function readIssuerFile(
  dataDir: string,
): Promise<IssuerFile | undefined> {
  let text: string;
  try {
    text = await readFile(issuerFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const result = issuerFileSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    throw new Error(`${issuerFile(dataDir)} is not an issuer file`);
  }
  return result.data;
}
