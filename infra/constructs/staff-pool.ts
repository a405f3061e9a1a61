/**
 * Staff sign-in: a Cognito user pool whose ID tokens the HTTP API's JWT
 * authorizer verifies. Accounts are created by an administrator (no self
 * sign-up) with `custom:organisation`, which every staff function reads,
 * and put in the groups `officer`, `manager` and `mrc` (the Member
 * Responsible for Complaints), which arrive as `cognito:groups`.
 *
 * MFA is required (TOTP, no SMS) and the pool is on the Plus plan with
 * full threat protection: staff read residents' complaints, their
 * vulnerabilities and correspondence, so a stolen password alone must not
 * open a case file. Plus is charged per active user, and a landlord's
 * complaints team is small.
 *
 * Staff sign in to the console through Cognito's managed login on the
 * pool's prefix domain: the console's app client allows the authorization
 * code grant only (the console sends PKCE, S256; the client is public, no
 * secret), with the scopes openid, email and profile, returning to
 * `<site>/console/callback` and, after sign-out, to
 * `<site>/console/signed-out`. The same client's ID tokens are what the
 * HTTP API's JWT authorizer accepts on staff routes, so one audience
 * serves both, as the local pool's does.
 */
import {
  aws_cognito as cognito,
  Duration,
  type RemovalPolicy,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { consoleRedirects } from '../config/console.js';

/** The staff roles `functions/shared/staff.ts` recognises. */
export const staffGroups = {
  officer:
    'Complaints officers: record, acknowledge and respond to complaints.',
  manager: 'Complaints managers: everything an officer does, and stage 2.',
  mrc: 'The Member Responsible for Complaints: reads cases and reports, never acts.',
} as const;

export interface StaffPoolProps {
  readonly stage: string;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  /** The site's origin (`https://…`), where the console's redirects go. */
  readonly siteUrl: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com` (stage config). */
  readonly domainPrefix: string;
}

/**
 * How long a console sign-in lasts: the console keeps the ID token in its
 * session cookie and has no refresh, so a working day.
 */
export const consoleSessionHours = 8;

export class StaffPool extends Construct {
  readonly userPool: cognito.UserPool;
  /** The staff console's app client: hosted sign-in, and the API's audience. */
  readonly client: cognito.UserPoolClient;
  /** Cognito's managed login for the pool, on its prefix domain. */
  readonly domain: cognito.UserPoolDomain;
  /** The JWT issuer API Gateway checks tokens against. */
  readonly issuer: string;
  /** The hosted UI's base URL (`/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  readonly hostedUiUrl: string;

  constructor(scope: Construct, id: string, props: StaffPoolProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `hearth-${props.stage}-staff`,
      selfSignUpEnabled: false,
      // The username is the member of staff's work email: it becomes the
      // case handler id, which breach notices are sent to.
      signInAliases: { username: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        organisation: new cognito.StringAttribute({
          minLen: 1,
          maxLen: 40,
          mutable: true,
        }),
      },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode:
        cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });

    for (const [groupName, description] of Object.entries(staffGroups)) {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, description });
    }

    // Staff may read their organisation but never write it: only an
    // administrator (AdminUpdateUserAttributes) can move someone.
    const redirects = consoleRedirects(props.siteUrl);
    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: `hearth-${props.stage}-console`,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.EMAIL,
          cognito.OAuthScope.PROFILE,
        ],
        callbackUrls: [...redirects.callbackUrls],
        logoutUrls: [...redirects.signOutUrls],
      },
      supportedIdentityProviders: [
        cognito.UserPoolClientIdentityProvider.COGNITO,
      ],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(consoleSessionHours),
      accessTokenValidity: Duration.hours(consoleSessionHours),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({
          email: true,
          emailVerified: true,
          fullname: true,
        })
        .withCustomAttributes('organisation'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
        email: true,
        fullname: true,
      }),
    });

    this.issuer = `https://${this.userPool.userPoolProviderName}`;

    // Managed login (not the classic hosted UI): its pages are the newer,
    // more accessible ones, with TOTP set-up and passkeys. A client shows
    // them only once it has a branding style: Cognito's own, here.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    new cognito.CfnManagedLoginBranding(this, 'ConsoleBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    this.hostedUiUrl = this.domain.baseUrl();
  }
}
