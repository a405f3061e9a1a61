/**
 * The JWT authorizer of an HTTP API, for the local API Gateway. It checks
 * a token as API Gateway's documented workflow does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 * the identity source `$request.header.Authorization` holds the token
 * alone or prefixed with `Bearer`; the header's `kid` names a key of the
 * issuer's JWKS and the signature verifies with it; `iss` equals the
 * configured issuer; `aud` (or, only when `aud` is absent, `client_id`)
 * is one of the configured audiences; `exp` is after now, `nbf` and `iat`
 * before it. Any failure is a plain refusal: the gateway answers 401 and
 * nothing is logged, least of all the token.
 */
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import type { Authorize, AuthorizeRequest } from '../api-gateway.js';
import type { JwtClaims } from '../http-event.js';
import { signingAlgorithm } from './keys.js';

/** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. */
export const clockToleranceSeconds = 5;

export interface JwtAuthorizerConfig {
  /** Must equal the token's `iss` exactly. */
  readonly issuer: string;
  /** The app client ids a token may be for (`aud`, else `client_id`). */
  readonly audiences: readonly string[];
  /** The issuer's public keys, as its `jwks_uri` serves them. */
  readonly jwks: JSONWebKeySet;
  /** Defaults to the system clock. */
  readonly now?: () => Date;
}

export interface JwtAuthorizer {
  /** The token's claims when API Gateway would accept it, else undefined. */
  verify(token: string): Promise<JwtClaims | undefined>;
  /** The same check, reading the token from the request's headers. */
  readonly authorize: Authorize;
}

/**
 * A JWT authorizer configured as an HTTP API's would be.
 *
 * @example
 * const { authorize } = createJwtAuthorizer({ issuer, audiences: ['hearth-local-console'], jwks });
 * await startApiGateway({ port: 3000, lambdas, authorize });
 */
export function createJwtAuthorizer(
  config: JwtAuthorizerConfig,
): JwtAuthorizer {
  const keySet = createLocalJWKSet(config.jwks);
  const clock = config.now ?? (() => new Date());
  const verify = async (token: string): Promise<JwtClaims | undefined> => {
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== signingAlgorithm) return undefined;
      if (typeof header.kid !== 'string' || header.kid === '') return undefined;
      const now = clock();
      const { payload } = await jwtVerify(token, keySet, {
        algorithms: [signingAlgorithm],
        issuer: config.issuer,
        currentDate: now,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp'],
      });
      if (!audienceAccepted(payload, config.audiences)) return undefined;
      const seconds = Math.floor(now.getTime() / 1000);
      if (
        payload.iat !== undefined &&
        payload.iat > seconds + clockToleranceSeconds
      ) {
        return undefined;
      }
      return payload;
    } catch {
      return undefined;
    }
  };
  return {
    verify,
    authorize: async (request) => {
      const token = tokenOf(request);
      return token === undefined ? undefined : verify(token);
    },
  };
}

/**
 * The token in the identity source, `$request.header.Authorization`: the
 * header's whole value, or what follows `Bearer `. Undefined when the
 * header is missing, empty or repeated.
 */
export function tokenOf(
  request: Pick<AuthorizeRequest, 'headers'>,
): string | undefined {
  let value: string | undefined;
  for (const [name, header] of Object.entries(request.headers)) {
    if (name.toLowerCase() !== 'authorization') continue;
    if (value !== undefined) return undefined;
    value = header;
  }
  if (value === undefined) return undefined;
  const match = /^(?:bearer[ \t]+)?([^\s,]+)$/i.exec(value.trim());
  return match?.[1];
}

/**
 * API Gateway checks `aud` against the configured audiences, and looks at
 * `client_id` (Cognito's access tokens) only when `aud` is absent.
 */
function audienceAccepted(
  payload: JWTPayload,
  audiences: readonly string[],
): boolean {
  if (payload.aud !== undefined) {
    const claimed = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return claimed.some(
      (aud) => typeof aud === 'string' && audiences.includes(aud),
    );
  }
  const clientId = payload.client_id;
  return typeof clientId === 'string' && audiences.includes(clientId);
}
