import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type AssetStaging, Stack } from 'aws-cdk-lib';
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
  report: true,
  links: true,
  web: true,
  console: true,
  'subject-access': true,
  retention: true,
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
        [
          permissionsId('deadline'),
          permissionsId('letters'),
          permissionsId('report'),
        ].sort(),
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
          // Session (console) and public routes: no API Gateway authorizer.
          AuthorizerId:
            route.auth === 'staff' ? { Ref: Match.anyValue() } : Match.absent(),
        });
      },
    );

    it('routes the console’s pages as session routes and the resident’s as public', () => {
      const console = routes.filter((r) => r.function === 'console');
      const web = routes.filter((r) => r.function === 'web');

      expect(console.length).toBeGreaterThan(0);
      expect(console.every((r) => r.auth === 'session')).toBe(true);
      expect(web.length).toBeGreaterThan(0);
      expect(web.every((r) => r.auth === 'public')).toBe(true);
    });

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
          // A late or retried run still knows which run it is.
          Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
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

/** The resolved template value of a token, as it appears in the template. */
const resolved = (value: unknown) => hearth.stateless.resolve(value);

describe('the pages', () => {
  const siteUrl = () => resolved(hearth.stateless.site.url);

  it('gives web its handler and the landlord contact it shows', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'hearth-dev-web',
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          HEARTH_LANDLORD_NAME: 'Hearth Demo Homes',
          HEARTH_LANDLORD_PHONE: '0300 000 0000',
          HEARTH_LANDLORD_ADDRESS: '1 High Street|Anytown|AN1 1AA',
          HEARTH_SENDER_ADDRESS: 'complaints@dev.hearth.example',
        }),
      },
    });
  });

  it('gives console its handler, the site, the sign-in, the letters bucket and the landlord', () => {
    const staff = hearth.stateless.staff;
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'hearth-dev-console',
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          HEARTH_SITE_URL: siteUrl(),
          HEARTH_AUTH_URL: resolved(staff.hostedUiUrl),
          HEARTH_AUTH_CLIENT_ID: { Ref: logicalId(staff.client) },
          HEARTH_AUTH_ISSUER: resolved(staff.issuer),
          HEARTH_LETTERS_BUCKET: {
            'Fn::ImportValue': Match.stringLikeRegexp('LettersBucket'),
          },
          HEARTH_SENDER_ADDRESS: 'complaints@dev.hearth.example',
          HEARTH_LANDLORD_NAME: 'Hearth Demo Homes',
          HEARTH_LANDLORD_ADDRESS: '1 High Street|Anytown|AN1 1AA',
          HEARTH_LANDLORD_PHONE: '0300 000 0000',
        }),
      },
    });
    expect(siteUrl()).toEqual({
      'Fn::Join': [
        '',
        [
          'https://',
          {
            'Fn::GetAtt': [
              logicalId(hearth.stateless.site.distribution),
              'DomainName',
            ],
          },
        ],
      ],
    });
    expect(resolved(staff.hostedUiUrl)).toEqual({
      'Fn::Join': [
        '',
        [
          'https://',
          { Ref: logicalId(staff.domain) },
          '.auth.eu-west-2.amazoncognito.com',
        ],
      ],
    });
  });

  it('lets console read only letters/ of the letters bucket, read and write only reports/ of the reports bucket', () => {
    const s3 = policyOf(permissionsId('console')).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('s3:')),
    );
    const reading = s3.filter((s) => actionsOf(s).includes('s3:GetObject'));
    const writing = s3.filter((s) => actionsOf(s).includes('s3:PutObject'));

    expect(s3.flatMap(actionsOf).sort()).toEqual([
      's3:GetObject',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(reading.flatMap(resourcesOf).map(nagName).sort()).toEqual([
      expect.stringMatching(/LettersBucket.*\/letters\/\*$/),
      expect.stringMatching(/ReportsBucket.*\/reports\/\*$/),
    ]);
    expect(writing).toHaveLength(1);
    expect(actionsOf(writing[0] as Statement)).toEqual(['s3:PutObject']);
    expect(resourcesOf(writing[0] as Statement).map(nagName)).toEqual([
      expect.stringMatching(/ReportsBucket.*\/reports\/\*$/),
    ]);
  });

  it('lets console batch-read only the table, and gives it the homes owned for the figures', () => {
    const batch = policyOf(permissionsId('console')).filter((s) =>
      actionsOf(s).includes('dynamodb:BatchGetItem'),
    );
    const env = (template.toJSON().Resources[functionId('console')] as Resource)
      .Properties.Environment as { Variables: Record<string, unknown> };

    expect(batch).toHaveLength(1);
    expect(actionsOf(batch[0] as Statement)).toEqual(['dynamodb:BatchGetItem']);
    expect(resourcesOf(batch[0] as Statement)).toHaveLength(1);
    expect(JSON.parse(String(env.Variables.HEARTH_HOUSING_STOCK))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ yearFrom: expect.any(String) }),
      ]),
    );
  });

  it('lets console list the reports bucket under reports/ only, and gives it the bucket name', () => {
    const listing = policyOf(permissionsId('console')).filter((s) =>
      actionsOf(s).includes('s3:ListBucket'),
    );

    expect(listing).toHaveLength(1);
    const statement = listing[0] as Statement;
    expect(actionsOf(statement)).toEqual(['s3:ListBucket']);
    expect(resourcesOf(statement).map(nagName)).toEqual([
      expect.stringMatching(/ReportsBucket/),
    ]);
    expect(resourcesOf(statement).map(nagName)[0]).not.toMatch(/\*/);
    expect(statement.Condition).toEqual({
      StringLike: { 's3:prefix': ['reports/*'] },
    });
    const env = (template.toJSON().Resources[functionId('console')] as Resource)
      .Properties.Environment as { Variables: Record<string, unknown> };
    expect(Object.keys(env.Variables)).toContain('HEARTH_REPORTS_BUCKET');
  });

  it('lets report write only reports/ of the reports bucket and batch-read only the table', () => {
    const policy = policyOf(permissionsId('report'));
    const s3 = policy.filter((s) =>
      actionsOf(s).some((a) => a.startsWith('s3:')),
    );
    const batch = policy.filter((s) =>
      actionsOf(s).includes('dynamodb:BatchGetItem'),
    );

    expect(s3).toHaveLength(1);
    expect(actionsOf(s3[0] as Statement)).toEqual(['s3:PutObject']);
    expect(resourcesOf(s3[0] as Statement).map(nagName)).toEqual([
      expect.stringMatching(/ReportsBucket.*\/reports\/\*$/),
    ]);
    expect(batch).toHaveLength(1);
    expect(actionsOf(batch[0] as Statement)).toEqual(['dynamodb:BatchGetItem']);
    expect(resourcesOf(batch[0] as Statement)).toHaveLength(1);
    const env = (template.toJSON().Resources[functionId('report')] as Resource)
      .Properties.Environment as { Variables: Record<string, unknown> };
    expect(Object.keys(env.Variables)).toEqual(
      expect.arrayContaining([
        'HEARTH_REPORTS_BUCKET',
        'HEARTH_BOARD_RECIPIENTS',
        'HEARTH_HOUSING_STOCK',
        'HEARTH_SENDER_ADDRESS',
      ]),
    );
    expect(env.Variables.HEARTH_BOARD_RECIPIENTS).toBe(
      'board@dev.hearth.example',
    );
  });

  it('gives web no bucket at all', () => {
    const s3 = policyOf(permissionsId('web')).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('s3:')),
    );

    expect(s3).toEqual([]);
  });

  describe.each(['web', 'console'] as const)('the %s bundle', (name) => {
    const bundle = () =>
      (
        hearthFunction(name)
          .function.node.findChild('Code')
          .node.findChild('Stage') as AssetStaging
      ).absoluteStagedPath;

    it('carries our views and govuk-frontend’s templates (only) beside the handler', () => {
      const dir = bundle();

      expect(existsSync(path.join(dir, 'index.mjs'))).toBe(true);
      expect(existsSync(path.join(dir, 'views/layout.njk'))).toBe(true);
      expect(
        existsSync(path.join(dir, 'govuk-frontend/govuk/template.njk')),
      ).toBe(true);
      expect(
        existsSync(
          path.join(dir, 'govuk-frontend/govuk/components/button/template.njk'),
        ),
      ).toBe(true);
      const other = execFileSync(
        'find',
        [path.join(dir, 'govuk-frontend'), '-type', 'f', '!', '-name', '*.njk'],
        { encoding: 'utf8' },
      );
      expect(other).toBe('');
    });
  });

  it('renders GET / from the web bundle alone, away from the repository', () => {
    const away = mkdtempSync(path.join(tmpdir(), 'hearth-web-bundle-'));
    try {
      const dir = (
        hearthFunction('web')
          .function.node.findChild('Code')
          .node.findChild('Stage') as AssetStaging
      ).absoluteStagedPath;
      cpSync(dir, away, { recursive: true });
      const script = `
        const { handler } = await import(${JSON.stringify(path.join(away, 'index.mjs'))});
        const result = await handler({
          version: '2.0', routeKey: 'GET /', rawPath: '/', rawQueryString: '',
          headers: { host: 'example.cloudfront.net' }, isBase64Encoded: false,
          requestContext: { http: { method: 'GET', path: '/', sourceIp: '192.0.2.1' },
            routeKey: 'GET /', stage: '$default', requestId: 'test' },
        }, { awsRequestId: 'test', functionName: 'hearth-dev-web', getRemainingTimeInMillis: () => 10000 });
        process.stdout.write(JSON.stringify(result));`;
      const output = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', script],
        {
          cwd: away,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            AWS_REGION: 'eu-west-2',
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
            HEARTH_TABLE_NAME: 'hearth-test',
            HEARTH_ORGANISATION_ID: 'demo',
            HEARTH_POLICY_ID: 'code-2024',
            HEARTH_LANDLORD_NAME: 'Hearth Demo Homes',
            HEARTH_LANDLORD_PHONE: '0300 000 0000',
            HEARTH_SENDER_ADDRESS: 'complaints@dev.hearth.example',
            POWERTOOLS_LOG_LEVEL: 'SILENT',
          },
        },
      );
      const result = JSON.parse(output) as {
        statusCode: number;
        headers: Record<string, string>;
        body: string;
      };

      expect(result.statusCode).toBe(200);
      expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(result.body).toMatch(/^<!DOCTYPE html>/);
      expect(result.body).toContain('govuk-template');
      expect(result.body).toContain('Hearth Demo Homes');
    } finally {
      rmSync(away, { recursive: true, force: true });
    }
  });
});

describe('the site', () => {
  const distributionConfig = () => {
    const [distribution] = Object.values(
      template.findResources('AWS::CloudFront::Distribution'),
    ) as Resource[];
    return (distribution?.Properties.DistributionConfig ?? {}) as Record<
      string,
      unknown
    >;
  };
  const originOf = (id: unknown) =>
    (distributionConfig().Origins as Record<string, unknown>[]).find(
      (origin) => origin.Id === id,
    );

  it('sends everything but /assets to the HTTP API, uncached, with every method, cookie, query and header but Host', () => {
    const behaviour = distributionConfig().DefaultCacheBehavior as Record<
      string,
      unknown
    >;

    expect(behaviour).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining([
        'GET',
        'HEAD',
        'OPTIONS',
        'PUT',
        'PATCH',
        'POST',
        'DELETE',
      ]),
      // Managed CachingDisabled and AllViewerExceptHostHeader.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      ResponseHeadersPolicyId: { Ref: expect.any(String) },
    });
    expect(originOf(behaviour.TargetOriginId)).toMatchObject({
      DomainName: {
        'Fn::Join': [
          '',
          [
            { Ref: logicalId(hearth.stateless.api.httpApi) },
            '.execute-api.eu-west-2.',
            { Ref: 'AWS::URLSuffix' },
          ],
        ],
      },
      CustomOriginConfig: {
        OriginProtocolPolicy: 'https-only',
        OriginSSLProtocols: ['TLSv1.2'],
      },
    });
  });

  it('serves /assets/* from the assets bucket through Origin Access Control, cached, GET and HEAD only', () => {
    const behaviours = distributionConfig().CacheBehaviors as Record<
      string,
      unknown
    >[];
    const assets = behaviours.find((b) => b.PathPattern === '/assets/*');

    expect(assets).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      // Managed CachingOptimized.
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      Compress: true,
      ResponseHeadersPolicyId: { Ref: expect.any(String) },
    });
    expect(originOf(assets?.TargetOriginId)).toMatchObject({
      DomainName: {
        'Fn::GetAtt': [
          logicalId(hearth.stateless.site.assetsBucket),
          'RegionalDomainName',
        ],
      },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });

  it('lets only this distribution read the assets bucket', () => {
    const bucket = logicalId(hearth.stateless.site.assetsBucket);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Condition: {
              StringEquals: {
                'AWS:SourceArn': Match.objectLike({
                  'Fn::Join': [
                    '',
                    Match.arrayWith([
                      { Ref: logicalId(hearth.stateless.site.distribution) },
                    ]),
                  ],
                }),
              },
            },
          }),
        ]),
      },
    });
  });

  it('keeps the assets bucket private, encrypted, versioned, TLS-only and logged', () => {
    const bucket = logicalId(hearth.stateless.site.assetsBucket);
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: {
          DestinationBucketName: {
            'Fn::ImportValue': Match.stringLikeRegexp('AccessLogs'),
          },
          LogFilePrefix: 'assetsbucket/',
        },
      }),
    });
    expect(Object.keys(template.findResources('AWS::S3::Bucket'))).toContain(
      bucket,
    );
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('deploys the assets built at synth time under assets/, cacheable for an hour, and invalidates them', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: {
        Ref: logicalId(hearth.stateless.site.assetsBucket),
      },
      DestinationBucketKeyPrefix: 'assets/',
      SystemMetadata: { 'cache-control': 'public, max-age=3600' },
      DistributionId: {
        Ref: logicalId(hearth.stateless.site.distribution),
      },
      DistributionPaths: ['/assets/*'],
    });
    const [deployment] = Object.values(
      template.findResources('Custom::CDKBucketDeployment'),
    ) as Resource[];
    const [zip] = (deployment?.Properties.SourceObjectKeys ?? []) as string[];
    const staged = path.join(
      hearth.app.outdir,
      `asset.${String(zip).replace(/\.zip$/, '')}`,
    );
    for (const file of [
      'hearth.css',
      'govuk-frontend.min.js',
      'init.mjs',
      'manifest.json',
      'images/favicon.ico',
    ]) {
      expect(existsSync(path.join(staged, file)), file).toBe(true);
    }
  });

  it('logs every request to the access log bucket', () => {
    expect(distributionConfig().Logging).toEqual({
      Bucket: { 'Fn::ImportValue': expect.stringMatching(/AccessLogs/) },
      Prefix: 'cloudfront/',
    });
  });

  it('adds security headers to assets, and HSTS to everything', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 31_536_000,
          }),
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'none'"),
          }),
        }),
      }),
    });
  });
});

describe('staff sign-in to the console', () => {
  it('hosts managed login on the stage’s prefix domain, styled for the console', () => {
    const staff = hearth.stateless.staff;
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'hearth-demo-dev',
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: logicalId(staff.userPool) },
    });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: logicalId(staff.client) },
      UseCognitoProvidedValues: true,
    });
  });

  it('allows the console the code grant only, back to the site’s callback and signed-out pages', () => {
    const site = hearth.stateless.resolve(hearth.stateless.site.url) as {
      'Fn::Join': [string, unknown[]];
    };
    const at = (page: string) => ({
      'Fn::Join': ['', [...site['Fn::Join'][1], page]],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'hearth-dev-console',
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [at('/console/callback')],
      LogoutURLs: [at('/console/signed-out')],
      SupportedIdentityProviders: ['COGNITO'],
      IdTokenValidity: 480,
      TokenValidityUnits: Match.objectLike({ IdToken: 'minutes' }),
    });
  });

  it('has no client with the implicit grant or a placeholder callback', () => {
    const clients = Object.values(
      template.findResources('AWS::Cognito::UserPoolClient'),
    ) as Resource[];

    for (const client of clients) {
      expect(client.Properties.AllowedOAuthFlows).not.toContain('implicit');
      expect(JSON.stringify(client.Properties)).not.toContain('example.com');
    }
  });
});

describe('a stage with its own domain (prod)', () => {
  let prod: Template;
  let app: HearthApp;

  beforeAll(() => {
    // Templates only: no bundling needed to read the distribution.
    app = buildApp(
      'prod',
      new App({ context: { 'aws:cdk:bundling-stacks': [] } }),
    );
    prod = Template.fromStack(app.stateless);
  });

  it('serves the site on that domain with its certificate, TLS 1.2 or later', () => {
    prod.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['complaints.hearth.example'],
        ViewerCertificate: {
          AcmCertificateArn:
            'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000000',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });

  it('uses the domain as the site URL, for the console and its sign-in', () => {
    prod.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'hearth-prod-console',
      Environment: {
        Variables: Match.objectLike({
          HEARTH_SITE_URL: 'https://complaints.hearth.example',
        }),
      },
    });
    prod.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://complaints.hearth.example/console/callback'],
      LogoutURLs: ['https://complaints.hearth.example/console/signed-out'],
    });
    prod.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'hearth-demo',
    });
  });

  it('has no unacknowledged cdk-nag finding', () => {
    expect(
      Annotations.fromStack(app.stateless).findError(
        '*',
        Match.stringLikeRegexp('AwsSolutions'),
      ),
    ).toEqual([]);
  });
});

describe('data protection functions', () => {
  const dynamo = (name: FunctionName) =>
    policyOf(permissionsId(name)).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('dynamodb:')),
    );
  const s3Of = (name: FunctionName) =>
    policyOf(permissionsId(name)).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('s3:')),
    );

  it('lets subject-access read the table and the by-resident index, and touch no bucket or mail', () => {
    const statements = dynamo('subject-access');

    expect(statements.flatMap(actionsOf).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    expect(JSON.stringify(statements)).toContain('/index/by-resident');
    expect(s3Of('subject-access')).toEqual([]);
    expect(
      policyOf(permissionsId('subject-access'))
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('ses:')),
    ).toEqual([]);
  });

  it('serves GET /staff/subject-access behind the staff JWT authorizer', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /staff/subject-access',
      AuthorizationType: 'JWT',
    });
  });

  it('lets retention list and delete only attachments/ of the mail bucket and letters/ of the letters bucket', () => {
    const s3 = s3Of('retention');
    const deleting = s3.filter((s) => actionsOf(s).includes('s3:DeleteObject'));
    const listing = s3.filter((s) => actionsOf(s).includes('s3:ListBucket'));

    expect(s3.flatMap(actionsOf).sort()).toEqual([
      's3:DeleteObject',
      's3:DeleteObject',
      's3:ListBucket',
      's3:ListBucket',
    ]);
    expect(deleting.flatMap(resourcesOf).map(nagName).sort()).toEqual([
      expect.stringMatching(/LettersBucket.*\/letters\/\*$/),
      expect.stringMatching(/MailBucket.*\/attachments\/\*$/),
    ]);
    expect(listing.map((s) => s.Condition).sort()).toEqual(
      [
        { StringLike: { 's3:prefix': ['attachments/*'] } },
        { StringLike: { 's3:prefix': ['letters/*'] } },
      ].sort(),
    );
  });

  it('lets retention batch-read and rewrite the table, and gives it both buckets', () => {
    const actions = dynamo('retention').flatMap(actionsOf);
    const env = (
      template.toJSON().Resources[functionId('retention')] as Resource
    ).Properties.Environment as { Variables: Record<string, unknown> };

    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]),
    );
    expect(Object.keys(env.Variables)).toEqual(
      expect.arrayContaining(['HEARTH_MAIL_BUCKET', 'HEARTH_LETTERS_BUCKET']),
    );
  });

  it('runs retention daily from the route table’s crons', () => {
    expect(cronJobs).toContainEqual(
      expect.objectContaining({
        function: 'retention',
        expression: 'cron(0 3 * * ? *)',
      }),
    );
  });
});
