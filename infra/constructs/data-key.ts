/**
 * The services that encrypt with the stateful stack's data key on the
 * stateless stack's behalf, and so must be named in its key policy (an
 * IAM policy cannot give a service principal a key): CloudWatch Logs for
 * the function and access log groups, CloudWatch alarms publishing to the
 * encrypted alarm topic. These statements render in the stateful template,
 * where the key is; they name no stateless resource, so the stacks keep
 * their one-way dependency.
 */
import { Aws, aws_iam as iam, type aws_kms as kms, Stack } from 'aws-cdk-lib';

export function allowServicesOnDataKey(key: kms.IKey): void {
  const region = Stack.of(key).region;
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsOfThisAccount',
      principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:*`,
        },
      },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsToTheAlarmTopic',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
    }),
  );
}
