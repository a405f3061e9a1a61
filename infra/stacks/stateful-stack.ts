/**
 * What Hearth must never lose (STYLE rec. 10): the one table, the
 * customer-managed key that encrypts everything personal, and the buckets
 * for raw mail, attachments, letter PDFs and Board reports.
 */
import {
  Duration,
  aws_dynamodb as dynamodb,
  aws_kms as kms,
  RemovalPolicy,
  Stack,
  type StackProps,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { table as tableDefinition } from '../../functions/shared/table.js';
import type { StageConfig } from '../config/stages.js';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly table: dynamodb.TableV2;
  /** Raw inbound mail (inbound/), attachments (attachments/), quarantine (quarantine/). */
  readonly mailBucket: s3.Bucket;
  /** Letter PDFs for post and large print. */
  readonly lettersBucket: s3.Bucket;
  /** Board reports (HTML, CSV, JSON). */
  readonly reportsBucket: s3.Bucket;
  /**
   * Server access logs of every bucket, and CloudFront's standard logs
   * (which need ACLs, so object writers may own their objects here).
   */
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData
      ? RemovalPolicy.RETAIN
      : RemovalPolicy.DESTROY;

    this.key = new kms.Key(this, 'DataKey', {
      description: `Hearth ${config.stage}: complaints data and letters`,
      enableKeyRotation: true,
      removalPolicy,
    });

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: attribute(tableDefinition.partitionKey),
      sortKey: attribute(tableDefinition.sortKey),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      dynamoStream: dynamodb.StreamViewType[tableDefinition.streamViewType],
      deletionProtection: config.retainData,
      removalPolicy,
      globalSecondaryIndexes: Object.values(tableDefinition.indexes).map(
        (index) => ({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          sortKey: attribute(index.sortKey),
          projectionType: dynamodb.ProjectionType.INCLUDE,
          nonKeyAttributes: [...index.projection],
        }),
      ),
    });

    // Access logs cannot be written with a KMS key: S3-managed here.
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy,
      autoDeleteObjects: !config.retainData,
    });
    this.accessLogsBucket = accessLogs;

    const bucket = (name: string) =>
      new s3.Bucket(this, name, {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.key,
        bucketKeyEnabled: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: true,
        // A deleted or replaced object's old versions go after 30 days:
        // long enough to undo a mistake, and what lets the retention job's
        // deletes (UK GDPR) actually erase a case's files.
        lifecycleRules: [
          { noncurrentVersionExpiration: Duration.days(NONCURRENT_DAYS) },
        ],
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${name.toLowerCase()}/`,
        removalPolicy,
        autoDeleteObjects: !config.retainData,
      });
    this.mailBucket = bucket('MailBucket');
    this.lettersBucket = bucket('LettersBucket');
    this.reportsBucket = bucket('ReportsBucket');
  }
}

/** Days a noncurrent object version is kept in the data buckets. */
const NONCURRENT_DAYS = 30;

function attribute(key: { readonly name: string; readonly type: string }) {
  return {
    name: key.name,
    type:
      key.type === 'S'
        ? dynamodb.AttributeType.STRING
        : dynamodb.AttributeType.NUMBER,
  };
}
