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
 */
import {
  aws_cognito as cognito,
  Duration,
  type RemovalPolicy,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

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
}

export class StaffPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The JWT issuer API Gateway checks tokens against. */
  readonly issuer: string;

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
    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: `hearth-${props.stage}-console`,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
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
  }
}
