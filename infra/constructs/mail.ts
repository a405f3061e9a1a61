/**
 * Hearth's mail in SES (DESIGN §2): the configuration set letters are sent
 * under, the permission to send as the sender identity (which the landlord
 * verifies; it is not created here), and the receipt of mail to the
 * inbound domain: a receipt rule stores the raw message under `inbound/`
 * of the mail bucket, and the bucket's notification of the new object
 * invokes the mail consumer.
 */
import {
  Aws,
  aws_iam as iam,
  type aws_kms as kms,
  Stack,
  aws_s3 as s3,
  aws_s3_notifications as s3n,
  aws_ses as ses,
  Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { HearthFunction } from './hearth-function.js';
import { acknowledgeWildcardResource } from './nag.js';

/** Where SES stores raw inbound mail, and what the mail consumer reads. */
export const INBOUND_PREFIX = 'inbound/';

export interface MailProps {
  readonly stage: string;
  /** The From address of letters: an SES identity, or one of its domain. */
  readonly senderAddress: string;
  /** Mail to any address of this domain is received. */
  readonly inboundDomain: string;
  readonly mailBucket: s3.IBucket;
  readonly key: kms.IKey;
}

export class Mail extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly ruleSetName: string;
  readonly #props: MailProps;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.#props = props;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `hearth-${props.stage}`,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    this.ruleSetName = `hearth-${props.stage}-inbound`;
    const ruleName = 'store-inbound';
    this.ruleSet = new ses.ReceiptRuleSet(this, 'ReceiptRules', {
      receiptRuleSetName: this.ruleSetName,
    });
    const writer = this.#receiptRole(ruleName);
    const rule = this.ruleSet.addRule('StoreInbound', {
      receiptRuleName: ruleName,
      recipients: [props.inboundDomain],
      scanEnabled: true,
      actions: [
        {
          bind: () => ({
            s3Action: {
              bucketName: props.mailBucket.bucketName,
              objectKeyPrefix: INBOUND_PREFIX,
              iamRoleArn: writer.roleArn,
            },
          }),
        },
      ],
    });
    // SES writes a test object with the role when the rule is created.
    rule.node.addDependency(writer);
  }

  /**
   * Lets a function send mail from the sender address: SendEmail on that
   * identity (the address, or its domain if the domain is what the landlord
   * verified) and on the configuration set, nothing else.
   */
  allowSending(fn: HearthFunction): void {
    const { senderAddress } = this.#props;
    const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1);
    const identity = (name: string) =>
      `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${name}`;
    fn.allow(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          identity(senderAddress),
          identity(domain),
          `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:configuration-set/${this.configurationSet.configurationSetName}`,
        ],
      }),
    );
  }

  /**
   * Invokes the mail consumer for each message SES stores. The bucket
   * belongs to the stateful stack, so it is imported here: the notification
   * is then merged into the bucket's configuration by CDK's notifications
   * handler instead of making the stateful stack depend on this one.
   */
  notify(consumer: HearthFunction): void {
    const bucket = s3.Bucket.fromBucketAttributes(this, 'MailBucketRef', {
      bucketArn: this.#props.mailBucket.bucketArn,
      bucketName: this.#props.mailBucket.bucketName,
    });
    bucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.LambdaDestination(consumer.function),
      { prefix: INBOUND_PREFIX },
    );
    // CDK's notifications handler (a singleton of the stack) always gets
    // the basic execution managed policy; it cannot be given another.
    const handler = Stack.of(this).node.tryFindChild(
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    );
    if (handler !== undefined) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's S3 notifications handler adds AWSLambdaBasicExecutionRole to its role unconditionally; it runs only at deployment, to merge the inbound/ notification into the mail bucket's configuration.",
      });
    }
  }

  /**
   * The role SES assumes for this rule's S3 action: it may put objects
   * under `inbound/` and encrypt them with the data key, and only this
   * account's rule may assume it.
   */
  #receiptRole(ruleName: string): iam.Role {
    const { mailBucket, key } = this.#props;
    const role = new iam.Role(this, 'ReceiptRole', {
      assumedBy: new iam.ServicePrincipal('ses.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:receipt-rule-set/${this.ruleSetName}:receipt-rule/${ruleName}`,
          },
        },
      }),
    });
    const objects = mailBucket.arnForObjects(`${INBOUND_PREFIX}*`);
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [objects],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
      }),
    );
    acknowledgeWildcardResource(
      role,
      objects,
      'SES names each stored message by its own message id; the role may write only under inbound/ of the mail bucket.',
    );
    return role;
  }
}
