import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { table } from '../../functions/shared/table.js';
import { stageConfig } from '../../infra/config/stages.js';
import { StatefulStack } from '../../infra/stacks/stateful-stack.js';

function synth(stage: string) {
  const app = new App();
  const config = stageConfig(stage);
  const stack = new StatefulStack(app, 'Stateful', {
    config,
    env: { region: config.region },
  });
  return Template.fromStack(stack);
}

const dev = synth('dev');
const prod = synth('prod');

describe('the stateful stack', () => {
  it('exposes the access log bucket, ACLs enabled for CloudFront’s logs', () => {
    dev.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      OwnershipControls: {
        Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }],
      },
    });
  });

  it('builds the one table from functions/shared/table.ts: keys, indexes, stream, TTL, PITR, the customer key', () => {
    dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: table.streamViewType },
      TimeToLiveSpecification: {
        AttributeName: table.ttlAttribute,
        Enabled: true,
      },
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      GlobalSecondaryIndexes: Object.values(table.indexes).map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: [...index.projection],
          },
        }),
      ),
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
          },
          SSESpecification: { KMSMasterKeyId: Match.anyValue() },
        }),
      ],
    });
  });

  it('rotates its customer-managed key', () => {
    dev.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('encrypts, versions, blocks public access to and requires TLS on every bucket', () => {
    const buckets = dev.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(4);
    for (const [id, bucket] of Object.entries(buckets)) {
      const props = (bucket as { Properties: Record<string, unknown> })
        .Properties;
      expect(props.BucketEncryption, id).toBeDefined();
      expect(props.VersioningConfiguration, id).toEqual({ Status: 'Enabled' });
      expect(props.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    const policies = Object.values(dev.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
    }
    const kms = Object.values(buckets).filter((b) =>
      JSON.stringify(b).includes('"SSEAlgorithm":"aws:kms"'),
    );
    expect(kms).toHaveLength(3);
  });

  it('expires the old versions of deleted data after 30 days, so a deleted file is erased', () => {
    const buckets = Object.values(
      dev.findResources('AWS::S3::Bucket') as Record<
        string,
        { Properties: Record<string, unknown> }
      >,
    ).filter((b) => JSON.stringify(b).includes('"SSEAlgorithm":"aws:kms"'));

    expect(buckets).toHaveLength(3);
    for (const bucket of buckets) {
      expect(bucket.Properties.LifecycleConfiguration).toEqual({
        Rules: [
          expect.objectContaining({
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            Status: 'Enabled',
          }),
        ],
      });
    }
  });

  it('has the sparse by-resident index, projecting only the reference', () => {
    dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'by-resident',
          KeySchema: [
            { AttributeName: 'residentPk', KeyType: 'HASH' },
            { AttributeName: 'residentSk', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: ['reference'],
          },
        }),
      ]),
    });
  });

  it('keeps the data when a prod stack is deleted, and lets a dev one go', () => {
    prod.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
    });
    prod.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
    });
    dev.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });
});

describe('per-stage configuration', () => {
  it('is typed and validated: a bad value names the setting', async () => {
    const { stageConfigSchema, stages } = await import(
      '../../infra/config/stages.js'
    );
    const bad = stageConfigSchema.safeParse({
      ...stages.dev,
      policyPreset: 'nope',
      senderAddress: 'x',
    });

    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'policyPreset',
      'senderAddress',
    ]);
    expect(() => stageConfig('staging')).toThrow(/No stage "staging"/);
    expect(stageConfig('prod')).toMatchObject({
      retainData: true,
      logRetentionDays: 731,
      policyPreset: 'code-2024',
    });
  });

  it('checks the sign-in domain prefix as Cognito does', async () => {
    const { stageConfigSchema, stages } = await import(
      '../../infra/config/stages.js'
    );
    const prefix = (authDomainPrefix: string) =>
      stageConfigSchema.safeParse({ ...stages.dev, authDomainPrefix }).success;

    expect(prefix('hearth-demo-dev')).toBe(true);
    expect(prefix('my-cognito-login')).toBe(false);
    expect(prefix('aws-hearth')).toBe(false);
    expect(prefix('Hearth')).toBe(false);
    expect(prefix('-hearth')).toBe(false);
    expect(prefix('a'.repeat(64))).toBe(false);
  });

  it('takes an optional site domain with a us-east-1 certificate, and an optional CloudFront web ACL', async () => {
    const { stageConfigSchema, stages } = await import(
      '../../infra/config/stages.js'
    );
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';
    const parse = (extra: object) =>
      stageConfigSchema.safeParse({ ...stages.dev, ...extra });

    expect(stageConfig('dev').site).toBeUndefined();
    expect(
      parse({
        site: { domainName: 'complaints.example.org.uk', certificateArn },
      }).success,
    ).toBe(true);
    const wrongRegion = parse({
      site: {
        domainName: 'complaints.example.org.uk',
        certificateArn: certificateArn.replace('us-east-1', 'eu-west-2'),
      },
    });
    expect(wrongRegion.error?.issues[0]?.path.join('.')).toBe(
      'site.certificateArn',
    );
    expect(
      parse({
        site: { domainName: 'https://complaints.example', certificateArn },
      }).success,
    ).toBe(false);
    expect(
      parse({ site: { domainName: 'complaints.example.org.uk' } }).success,
    ).toBe(false);
    expect(
      parse({
        webAclArn:
          'arn:aws:wafv2:us-east-1:123456789012:global/webacl/hearth/12345678-1234-1234-1234-123456789012',
      }).success,
    ).toBe(true);
    expect(
      parse({
        webAclArn:
          'arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/hearth/12345678-1234-1234-1234-123456789012',
      }).success,
    ).toBe(false);
  });
});
