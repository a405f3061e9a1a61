/**
 * The site residents and staff open: one CloudFront distribution in
 * front of everything, so pages, forms, the console and its assets share
 * one origin (cookies, CSP `'self'`, and the sign-in redirects need
 * nothing else).
 *
 * - The default behaviour goes to the HTTP API: nothing cached, every
 *   method, every cookie, query string and viewer header but Host
 *   (API Gateway answers only to its own host name).
 * - `/assets/*` goes to a private S3 bucket through Origin Access Control:
 *   the CSS, JavaScript and images `buildAssets` makes at synth time,
 *   deployed by a BucketDeployment that also invalidates CloudFront's copies.
 * - HTTP is redirected to HTTPS; with the stage's own domain, viewers need
 *   TLS 1.2 or later. Security headers are added to every response, and
 *   access logs go to the stateful stack's log bucket.
 *
 * The distribution names the API's domain only, never its routes, so the
 * functions may carry the site's URL without a dependency cycle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Annotations,
  aws_certificatemanager as acm,
  aws_cloudfront as cloudfront,
  cx_api,
  Duration,
  aws_iam as iam,
  type aws_kms as kms,
  aws_logs as logs,
  RemovalPolicy,
  Stack,
  aws_s3 as s3,
  aws_s3_deployment as s3deploy,
  Validations,
} from 'aws-cdk-lib';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct, type IConstruct } from 'constructs';
import type { StageConfig } from '../config/stages.js';
import { assetsCacheControl, assetsPath, buildAssets } from '../web-assets.js';
import { acknowledgeGeneratedWildcards, nagName } from './nag.js';

/** The repository root, that `buildAssets` reads govuk-frontend and our sources from. */
const repositoryRoot = path.resolve(import.meta.dirname, '../..');

export interface SiteProps {
  readonly stage: string;
  /** The HTTP API's host name: `<api id>.execute-api.<region>.amazonaws.com`. */
  readonly apiDomainName: string;
  /** The stage's own domain and its us-east-1 certificate, if any. */
  readonly customDomain?: StageConfig['site'];
  /** A CLOUDFRONT-scope WAF web ACL, if the stage has one. */
  readonly webAclArn?: string;
  /** Receives CloudFront's standard logs and the bucket's access logs (ACLs enabled, SSE-S3). */
  readonly logBucket: s3.IBucket;
  /** The deployment function's log group. */
  readonly logRetention: logs.RetentionDays;
  readonly logKey: kms.IKey;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** The assets' key prefix in the bucket: CloudFront asks for the path as it is. */
const assetsPrefix = `${assetsPath.replace(/^\/+/, '')}/`;

export class Site extends Construct {
  /** `https://<the stage's domain>`, else `https://<id>.cloudfront.net`. */
  readonly url: string;
  readonly distribution: cloudfront.Distribution;
  readonly assetsBucket: s3.Bucket;
  readonly deployment: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);

    // Build output only, rebuilt by every deployment: nothing to retain.
    this.assetsBucket = new s3.Bucket(this, 'Assets', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 'assetsbucket/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const custom = props.customDomain;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Hearth ${props.stage}: resident pages, staff console, API`,
      defaultBehavior: {
        origin: new HttpOrigin(props.apiDomainName, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy:
          cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.#headers('Pages', false),
      },
      additionalBehaviors: {
        [`${assetsPath}/*`]: {
          // LIST as well as READ: a missing asset is S3's 404, not a 403.
          origin: S3BucketOrigin.withOriginAccessControl(this.assetsBucket, {
            originAccessLevels: [
              cloudfront.AccessLevel.READ,
              cloudfront.AccessLevel.LIST,
            ],
          }),
          viewerProtocolPolicy:
            cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          compress: true,
          responseHeadersPolicy: this.#headers('Assets', true),
        },
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // North America and Europe: residents are in the UK.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(custom !== undefined && {
        domainNames: [custom.domainName],
        certificate: acm.Certificate.fromCertificateArn(
          this,
          'Certificate',
          custom.certificateArn,
        ),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      ...(props.webAclArn !== undefined && { webAclId: props.webAclArn }),
    });
    this.url =
      custom === undefined
        ? `https://${this.distribution.distributionDomainName}`
        : `https://${custom.domainName}`;

    // Built at synth time into a folder of its own, which CDK copies into
    // the cloud assembly as the asset; the folder then goes (at exit only
    // when staging is off and the assembly points at it).
    const built = mkdtempSync(path.join(os.tmpdir(), 'hearth-web-assets-'));
    const removeBuilt = () => rmSync(built, { recursive: true, force: true });
    this.deployment = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [s3deploy.Source.asset(buildAssets(repositoryRoot, built))],
      destinationBucket: this.assetsBucket,
      destinationKeyPrefix: assetsPrefix,
      cacheControl: [s3deploy.CacheControl.fromString(assetsCacheControl)],
      distribution: this.distribution,
      distributionPaths: [`${assetsPath}/*`],
      memoryLimit: 512,
      logGroup: new logs.LogGroup(this, 'DeployAssetsLogs', {
        retention: props.logRetention,
        encryptionKey: props.logKey,
        removalPolicy: props.logRemovalPolicy,
      }),
    });
    if (this.node.tryGetContext(cx_api.DISABLE_ASSET_STAGING_CONTEXT)) {
      process.once('exit', removeBuilt);
    } else {
      removeBuilt();
    }

    this.#acknowledge(props);
  }

  /**
   * Security headers CloudFront adds. Pages set their own CSP (with a
   * nonce), frame and referrer headers, which win; assets get all of them
   * from here.
   */
  #headers(id: string, assets: boolean): cloudfront.ResponseHeadersPolicy {
    // Policy names are unique in the account: the stack's name makes them so.
    const stackName = Stack.of(this).stackName;
    return new cloudfront.ResponseHeadersPolicy(this, `${id}Headers`, {
      responseHeadersPolicyName: `${stackName}-${id.toLowerCase()}`.slice(
        0,
        128,
      ),
      comment: assets
        ? 'Hearth assets: security headers'
        : 'Hearth pages: HSTS, and security headers a page did not set',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: {
          frameOption: cloudfront.HeadersFrameOption.DENY,
          override: assets,
        },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN,
          override: assets,
        },
        ...(assets && {
          contentSecurityPolicy: {
            contentSecurityPolicy:
              "default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'; frame-ancestors 'none'",
            override: true,
          },
        }),
      },
      ...(assets && {
        customHeadersBehavior: {
          customHeaders: [
            {
              header: 'Cross-Origin-Resource-Policy',
              value: 'same-origin',
              override: true,
            },
          ],
        },
      }),
      removeHeaders: ['Server'],
    });
  }

  /** The cdk-nag findings this construct cannot fix, each with its reason. */
  #acknowledge(props: SiteProps): void {
    const distribution = this.distribution;
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: residents may complain from anywhere (on holiday, working abroad, family acting for them), and the Housing Ombudsman expects the complaints process to be accessible; the API is throttled and validates every input.',
    });
    if (props.webAclArn === undefined) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must be created in us-east-1, outside this regional stack; a stage sets webAclArn to attach one. Meanwhile the API stage is throttled and the intake limits submissions per address.',
      });
    }
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'LIST lets S3 answer a missing asset with 404 instead of 403. The bucket serves only the /assets/* behaviour, whose requests always name a key under assets/ and forward no query string (CachingOptimized), so CloudFront never sends a listing request.',
    );
    this.#acknowledgeDeployment();
    if (props.customDomain === undefined) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose security policy is fixed at TLSv1 and cannot be raised; a stage with `site` (its own domain and ACM certificate) gets TLSv1.2_2021. Browsers in use negotiate TLS 1.2 or 1.3 anyway.',
      });
    }
  }

  /**
   * CDK's BucketDeployment: a function that runs only while deploying,
   * with a role and runtime CDK chooses. Its findings, one by one.
   */
  #acknowledgeDeployment(): void {
    const role = this.deployment.handlerRole;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's BucketDeployment gives its handler role AWSLambdaBasicExecutionRole, which only writes the handler's logs; the handler runs only during deployment, to copy the built assets into the assets bucket and invalidate /assets/* in CloudFront.",
    });
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy instanceof iam.Policy) {
      const ours = `${nagName(Stack.of(this).resolve(this.assetsBucket.bucketArn))}/*`;
      const actions: Readonly<Record<string, string>> = {
        's3:GetBucket*':
          "BucketDeployment reads the bucket's location and settings of the CDK assets bucket (the built assets' zip) and of the assets bucket only.",
        's3:GetObject*':
          'BucketDeployment reads the built assets zip from the CDK assets bucket and the current objects of the assets bucket, to sync them.',
        's3:List*':
          'BucketDeployment lists the assets bucket to prune files a build no longer makes, and the CDK assets bucket to find its zip.',
        's3:Abort*':
          'BucketDeployment aborts its own multipart uploads into the assets bucket if a copy fails.',
        's3:DeleteObject*':
          'BucketDeployment prunes files a build no longer makes from the assets bucket (only there: the CDK assets bucket is read-only to it).',
      };
      acknowledgeGeneratedWildcards(policy, ({ kind, name }) => {
        if (kind === 'Action') return actions[name];
        if (name === ours) {
          return 'BucketDeployment writes every key under assets/ of the one assets bucket, whose names come from the build.';
        }
        if (/^arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-/.test(name)) {
          return "BucketDeployment reads the deployment's asset zip from CDK's bootstrap assets bucket, whose key is a content hash.";
        }
        if (name === '*') {
          return "BucketDeployment grants cloudfront:CreateInvalidation and GetInvalidation on *; CDK gives no way to name the distribution, and the handler only ever invalidates this site's /assets/*.";
        }
        return undefined;
      });
    }
    const handler = Stack.of(this).node.children.find((child: IConstruct) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (handler !== undefined) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "CDK's BucketDeployment handler runs the Python runtime this CDK version pins for it, with its AWS CLI layer; it runs only during deployment.",
      });
    }
  }
}
