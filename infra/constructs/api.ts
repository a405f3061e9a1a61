/**
 * The HTTP API, built from THE route table (infra/routes.ts), as the local
 * API Gateway stand-in is: public routes are open, staff routes need an
 * ID token of the staff user pool, verified by API Gateway's JWT
 * authorizer before any function runs, and session routes (the console's
 * pages) have no authorizer: the console verifies the same token from its
 * cookie. Access logs go to a log group.
 *
 * The API is made first and routed later (`addRoutes`): CloudFront needs
 * the API's domain, the app client's callback needs CloudFront's, and the
 * authorizer needs the app client, so routes come last and nothing
 * depends on itself.
 */
import {
  aws_apigateway as apigw,
  aws_apigatewayv2 as apigwv2,
  type aws_kms as kms,
  aws_logs as logs,
  type RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { type FunctionName, type Route, routes } from '../routes.js';
import type { HearthFunction } from './hearth-function.js';

export interface HearthApiProps {
  readonly stage: string;
  readonly logRetention: logs.RetentionDays;
  readonly logKey: kms.IKey;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** One JSON line per request; no bodies, no tokens, no claims. */
const accessLogFormat = apigw.AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latency: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

export class HearthApi extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HearthApiProps) {
    super(scope, id);
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `hearth-${props.stage}`,
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: props.logRemovalPolicy,
    });
    this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // Per stage; the web form also has its own per-address limit.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat,
      },
    });
  }

  /**
   * Every route of the route table, each integrated with its function;
   * staff routes behind a JWT authorizer for the pool's issuer and the
   * given app clients.
   */
  addRoutes(props: HearthRoutesProps): void {
    const authorizer = new HttpJwtAuthorizer('StaffJwt', props.issuer, {
      authorizerName: 'staff-cognito',
      identitySource: ['$request.header.Authorization'],
      jwtAudience: [...props.audiences],
    });
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of routes) {
      const fn = props.functions.get(route.function);
      if (fn === undefined) {
        throw new Error(`Route ${route.path}: no function ${route.function}`);
      }
      let integration = integrations.get(route.function);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(route.function, fn.function);
        integrations.set(route.function, integration);
      }
      const [added] = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration,
        ...(route.auth === 'staff' ? { authorizer } : {}),
      });
      if (route.auth !== 'staff' && added !== undefined) {
        acknowledgePublic(added, route);
      }
    }
  }

  get url(): string {
    return this.httpApi.apiEndpoint;
  }

  /** The API's own host name, CloudFront's origin for it. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}

export interface HearthRoutesProps {
  readonly functions: ReadonlyMap<FunctionName, HearthFunction>;
  /** The user pool's issuer URL. */
  readonly issuer: string;
  /** The app client ids a staff token may be for (`aud`). */
  readonly audiences: readonly string[];
}

function acknowledgePublic(route: apigwv2.HttpRoute, spec: Route): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      spec.auth === 'session'
        ? `${spec.method} ${spec.path} (${spec.function}) is a staff console page: JWT authorizers cannot read the session cookie a browser sends, so the function verifies the Cognito ID token from it (issuer, audience, expiry, JWKS signature) before anything else, and refuses cross-site posts.`
        : `${spec.method} ${spec.path} (${spec.function}) is public in the route table: residents have no accounts. The stage is throttled; the handler validates its input, limits requests per address and dedupes on Idempotency-Key.`,
  });
}
