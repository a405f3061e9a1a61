/**
 * Staff sign-in on one machine: a local stand-in for the Cognito user pool
 * (it issues ID tokens shaped as Cognito's, serves its JWKS, and plays its
 * hosted UI for the console's authorization code flow) and the JWT
 * authorizer the local API Gateway runs on staff routes, so staff routes
 * need a bearer token locally as they do in AWS (DESIGN §5).
 *
 * @example
 * const pool = await startLocalUserPool({ port: 8015, dataDir: '.hearth' });
 * const api = await startApiGateway({ port: 3000, lambdas, authorize: pool.authorize });
 * // curl -X POST "$pool_url/token" -d '{"username":"ana","groups":["officer"],"organisationId":"local"}'
 */
export {
  clockToleranceSeconds,
  createJwtAuthorizer,
  type JwtAuthorizer,
  type JwtAuthorizerConfig,
  tokenOf,
} from './auth/authorizer.js';
export {
  allowedScopes,
  codeChallengeOf,
  createHostedUi,
  defaultCodeTtlSeconds,
  type HostedUi,
  type HostedUiClient,
  type HostedUiOptions,
  verifierMatches,
} from './auth/hosted-ui.js';
export {
  type AccessTokenClaims,
  createLocalIssuer,
  defaultTokenTtlSeconds,
  type IdTokenClaims,
  type IdTokenExtras,
  type IssuerFile,
  issuerFile,
  type LocalIssuer,
  type LocalIssuerOptions,
  type LocalUser,
  localAudience,
  localUserSchema,
  readIssuerFile,
  type StaffGroup,
  staffGroups,
  subOf,
  userPoolPath,
  writeIssuerFile,
} from './auth/issuer.js';
export { authDir, signingKeyFile } from './auth/keys.js';
export {
  type IssuerServerOptions,
  type LocalUserPoolOptions,
  openIdConfiguration,
  type RunningIssuerServer,
  startIssuerServer,
  startLocalUserPool,
} from './auth/server.js';
