import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { outboxFilterPattern } from '../../functions/shared/table.js';
import { buildApp, type HearthApp } from '../../infra/bin/hearth.js';
import { nagName } from '../../infra/constructs/nag.js';
import {
  cronJobs,
  deadlineTarget,
  type FunctionName,
  mailConsumer,
  outboxConsumers,
  routes,
} from '../../infra/routes.js';

/** Every function of the catalogue; `satisfies` fails the build on a missing one. */
const catalogue = Object.keys({
  intake: true,
  'staff-intake': true,
  acknowledgment: true,
  escalation: true,
  closure: true,
  'case-record': true,
  'staff-queries': true,
  'email-intake': true,
  letters: true,
  schedules: true,
  deadline: true,
  sweep: true,
  links: true,
  web: true,
  console: true,
} satisfies Record<FunctionName, true>) as FunctionName[];

type Resource = { Properties: Record<string, unknown> };
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

let hearth: HearthApp;
let template: Template;

beforeAll(() => {
  // One synthesis (13 bundles) for every test; it runs cdk-nag too.
  hearth = buildApp('dev');
  template = Template.fromStack(hearth.stateless);
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  hearth.stateless.getLogicalId(construct.node.defaultChild as never);

function hearthFunction(name: FunctionName) {
  const fn = hearth.stateless.functions.get(name);
  if (fn === undefined) throw new Error(`no function ${name}`);
  return fn;
}
const functionId = (name: FunctionName) =>
  logicalId(hearthFunction(name).function);
const permissionsId = (name: FunctionName) =>
  logicalId(hearthFunction(name).permissions);

/** Every Allow statement of every policy in the stack, with its policy's id. */
function statements(): { policy: string; statement: Statement }[] {
  const policies = template.findResources('AWS::IAM::Policy') as Record<
    string,
    Resource
  >;
  return Object.entries(policies).flatMap(([policy, resource]) =>
    (
      resource.Properties.PolicyDocument as { Statement: Statement[] }
    ).Statement.filter((s) => s.Effect === 'Allow').map((statement) => ({
      policy,
      statement,
    })),
  );
}

const actionsOf = (s: Statement) => [s.Action].flat();
const resourcesOf = (s: Statement) => [s.Resource].flat();

function policyOf(id: string): Statement[] {
  return statements()
    .filter(({ policy }) => policy === id)
    .map(({ statement }) => statement);
}

describe('the stateless stack', () => {
  it('synthesizes with no unacknowledged cdk-nag AwsSolutions finding', () => {
    const errors = Annotations.fromStack(hearth.stateless).findError(
      '*',
      Match.stringLikeRegexp('AwsSolutions'),
    );

    expect(errors).toEqual([]);
  });

  describe('functions', () => {
    it.each(catalogue)(
      '%s runs the pinned Node on ARM64 with tracing',
      (name) => {
        template.hasResourceProperties('AWS::Lambda::Function', {
          FunctionName: `hearth-dev-${name}`,
          Handler: 'index.handler',
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
          Environment: {
            Variables: Match.objectLike({
              HEARTH_TABLE_NAME: Match.anyValue(),
              HEARTH_ORGANISATION_ID: 'demo',
              HEARTH_POLICY_ID: 'code-2024',
              POWERTOOLS_SERVICE_NAME: `hearth-${name}`,
              NODE_OPTIONS: '--enable-source-maps',
            }),
          },
        });
      },
    );

    it('builds no function outside the catalogue (CDK helpers aside)', () => {
      const names = Object.values(
        template.findResources('AWS::Lambda::Function') as Record<
          string,
          Resource
        >,
      )
        .map((r) => r.Properties.FunctionName)
        .filter((name) => name !== undefined);

      expect(names.sort()).toEqual(
        catalogue.map((n) => `hearth-dev-${n}`).sort(),
      );
    });

    it.each(catalogue)('%s has a role with no AWS managed policy', (name) => {
      template.hasResourceProperties('AWS::IAM::Role', {
        Description: `hearth-dev-${name}: execution role`,
        ManagedPolicyArns: Match.absent(),
      });
    });

    it('keeps every log group for the stage retention, encrypted', () => {
      const groups = template.findResources('AWS::Logs::LogGroup') as Record<
        string,
        Resource
      >;

      expect(Object.keys(groups).length).toBeGreaterThan(0);
      for (const group of Object.values(groups)) {
        expect(group.Properties).toMatchObject({
          RetentionInDays: 30,
          KmsKeyId: expect.anything(),
        });
      }
    });
  });

  describe('least privilege', () => {
    it('never grants scheduler, PassRole or SES actions on *', () => {
      const risky = statements().filter(({ statement }) =>
        actionsOf(statement).some((a) =>
          /^(scheduler:|ses:|iam:PassRole$)/.test(a),
        ),
      );

      expect(risky.length).toBeGreaterThan(0);
      for (const { policy, statement } of risky) {
        expect(resourcesOf(statement), policy).not.toContain('*');
        expect(actionsOf(statement), policy).not.toContain('*');
      }
    });

    it('passes exactly the deadline schedules role, and only to Scheduler', () => {
      const passRole = statements().filter(({ statement }) =>
        actionsOf(statement).includes('iam:PassRole'),
      );
      const role = logicalId(hearth.stateless.scheduling.deadlineRole);

      expect(passRole.map((p) => p.policy).sort()).toEqual(
        [permissionsId('schedules'), permissionsId('sweep')].sort(),
      );
      for (const { statement } of passRole) {
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [role, 'Arn'] });
        expect(statement.Condition).toEqual({
          StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
        });
      }
    });

    it('scopes the schedule actions to the deadline group, per function', () => {
      const scheduling = statements().filter(({ statement }) =>
        actionsOf(statement).some((a) => a.startsWith('scheduler:')),
      );
      const group =
        'arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/hearth-dev-deadlines/*';

      expect(scheduling).toHaveLength(2);
      for (const { statement } of scheduling) {
        expect(resourcesOf(statement).map(nagName)).toEqual([group]);
      }
      const byOwner = (name: FunctionName) =>
        policyOf(permissionsId(name)).flatMap((s) =>
          actionsOf(s).filter((a) => a.startsWith('scheduler:')),
        );
      expect(byOwner('schedules').sort()).toEqual([
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
      ]);
      expect(byOwner('sweep').sort()).toEqual([
        'scheduler:CreateSchedule',
        'scheduler:GetSchedule',
      ]);
    });

    it('lets deadline schedules invoke the deadline function and nothing else', () => {
      const role = hearth.stateless.scheduling.deadlineRole;
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: Match.objectLike({
                StringEquals: {
                  'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                },
              }),
            }),
          ],
        },
      });
      const invokes = policyOf(
        logicalId(role.node.findChild('DefaultPolicy')),
      ).filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));

      expect(invokes).toEqual([
        expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          Resource: { 'Fn::GetAtt': [functionId(deadlineTarget), 'Arn'] },
        }),
      ]);
    });

    it('sends mail only as the sender identity, under the configuration set', () => {
      const sends = statements().filter(({ statement }) =>
        actionsOf(statement).some((a) => a.startsWith('ses:')),
      );
      const arn = (rest: string) =>
        `arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:${rest}`;

      expect(sends.map((s) => s.policy).sort()).toEqual(
        [permissionsId('deadline'), permissionsId('letters')].sort(),
      );
      for (const { statement } of sends) {
        expect(actionsOf(statement)).toEqual(['ses:SendEmail']);
        expect(resourcesOf(statement).map(nagName).sort()).toEqual(
          [
            arn('identity/complaints@dev.hearth.example'),
            arn('identity/dev.hearth.example'),
            arn(
              `configuration-set/<${logicalId(hearth.stateless.mail.configurationSet)}>`,
            ),
          ].sort(),
        );
      }
    });

    it('reads the table without writing from staff queries and the sweep', () => {
      for (const name of ['staff-queries', 'sweep'] as const) {
        const actions = policyOf(permissionsId(name))
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('dynamodb:'));

        expect(actions.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
      }
    });
  });

  describe('the HTTP API', () => {
    it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
      '%s has the authorization its route table entry names',
      (routeKey, route) => {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: routeKey,
          AuthorizationType: route.auth === 'staff' ? 'JWT' : 'NONE',
          ...(route.auth === 'staff'
            ? { AuthorizerId: { Ref: Match.anyValue() } }
            : {}),
        });
      },
    );

    it('verifies staff ID tokens of the user pool for its app client', () => {
      const staff = hearth.stateless.staff;
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: logicalId(staff.client) }],
          Issuer: {
            'Fn::Join': [
              '',
              [
                'https://',
                { 'Fn::GetAtt': [logicalId(staff.userPool), 'ProviderName'] },
              ],
            ],
          },
        },
      });
    });

    it('logs access as JSON to a log group', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
          Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
        },
      });
    });
  });

  describe('staff sign-in', () => {
    it.each(['officer', 'manager', 'mrc'])('has the %s group', (group) => {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
        GroupName: group,
      });
    });

    it('admits no self sign-up, requires MFA and carries the organisation', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        Schema: Match.arrayWith([
          Match.objectLike({
            Name: 'organisation',
            AttributeDataType: 'String',
          }),
        ]),
      });
    });

    it('lets the console read custom:organisation but never write it', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
        ReadAttributes: Match.arrayWith(['custom:organisation']),
        WriteAttributes: Match.not(Match.arrayWith(['custom:organisation'])),
      });
    });
  });

  describe('the outbox', () => {
    it.each(outboxConsumers)(
      '%s reads new event items of the stream',
      (name) => {
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          FunctionName: { Ref: functionId(name) },
          EventSourceArn: {
            'Fn::ImportValue': Match.stringLikeRegexp('StreamArn'),
          },
          StartingPosition: 'TRIM_HORIZON',
          FilterCriteria: {
            Filters: [{ Pattern: JSON.stringify(outboxFilterPattern) }],
          },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BisectBatchOnFunctionError: true,
          MaximumRetryAttempts: Match.anyValue(),
          DestinationConfig: {
            OnFailure: {
              Destination: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
            },
          },
        });
      },
    );
  });

  describe('the scheduler', () => {
    it('has the stage deadline group', () => {
      template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {
        Name: 'hearth-dev-deadlines',
      });
    });

    it('gives schedules and the sweep the group, role, target and DLQ', () => {
      const scheduling = hearth.stateless.scheduling;
      for (const name of ['schedules', 'sweep'] as const) {
        template.hasResourceProperties('AWS::Lambda::Function', {
          FunctionName: `hearth-dev-${name}`,
          Environment: {
            Variables: Match.objectLike({
              HEARTH_SCHEDULE_GROUP: 'hearth-dev-deadlines',
              HEARTH_DEADLINE_FUNCTION_ARN: {
                'Fn::GetAtt': [functionId(deadlineTarget), 'Arn'],
              },
              HEARTH_SCHEDULER_ROLE_ARN: {
                'Fn::GetAtt': [logicalId(scheduling.deadlineRole), 'Arn'],
              },
              HEARTH_SCHEDULE_DLQ_ARN: {
                'Fn::GetAtt': [logicalId(scheduling.deadLetters), 'Arn'],
              },
            }),
          },
        });
      }
    });

    it.each(cronJobs)('runs $name as a London-time cron', (job) => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        Name: `${job.name}-dev`,
        ScheduleExpression: job.expression,
        ScheduleExpressionTimezone: 'Europe/London',
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId(job.function), 'Arn'] },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      });
    });

    it('has no cron beyond the route table’s jobs', () => {
      template.resourceCountIs('AWS::Scheduler::Schedule', cronJobs.length);
    });
  });

  describe('mail', () => {
    it('stores mail to the inbound domain under inbound/', () => {
      template.hasResourceProperties('AWS::SES::ReceiptRule', {
        Rule: Match.objectLike({
          Recipients: ['mail.dev.hearth.example'],
          ScanEnabled: true,
          Actions: [
            {
              S3Action: Match.objectLike({
                ObjectKeyPrefix: 'inbound/',
                IamRoleArn: Match.anyValue(),
              }),
            },
          ],
        }),
      });
    });

    it('invokes the mail consumer for each new inbound/ object', () => {
      expect(mailConsumer).toBeDefined();
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        Managed: false,
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              Filter: {
                Key: { FilterRules: [{ Name: 'prefix', Value: 'inbound/' }] },
              },
              LambdaFunctionArn: {
                'Fn::GetAtt': [functionId(mailConsumer as FunctionName), 'Arn'],
              },
            },
          ],
        },
      });
    });
  });

  describe('alarms', () => {
    it('counts recorded breaches from the deadline function’s log lines', () => {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        FilterPattern:
          '{ ($.message = "Clock") && ($.fire = "breach") && ($.recorded IS TRUE) }',
        MetricTransformations: [
          Match.objectLike({
            MetricName: 'Breaches',
            MetricNamespace: 'Hearth/dev',
          }),
        ],
      });
    });

    it.each([
      'scheduler-dead-letters',
      ...outboxConsumers.map((n) => `${n}-stream-dead-letters`),
      ...catalogue.map((n) => `${n}-errors`),
      'breaches',
    ])('alarms on %s to the encrypted topic', (name) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `hearth-dev-${name}`,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: logicalId(hearth.stateless.alarms.topic) }],
      });
    });

    it('encrypts the alarm topic and mails the alarm address', () => {
      template.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: Match.anyValue(),
      });
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'alarms@dev.hearth.example',
      });
    });
  });

  it('puts the services that encrypt with the data key in its key policy', () => {
    const stateful = Template.fromStack(hearth.stateful);
    const region = Stack.of(hearth.stateful).region;
    stateful.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: `logs.${region}.amazonaws.com` },
          }),
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
  });
});
