/**
 * The outbox (DESIGN §2): each consumer of `outboxConsumers` reads the
 * table's stream through an event source mapping that lets only new event
 * items through (`outboxFilterPattern`, the filter the local poller
 * applies), reports failures per record, and after its retries sends the
 * failed batch's position to an encrypted queue, which raises an alarm.
 */
import {
  Duration,
  type aws_dynamodb as dynamodb,
  aws_lambda as lambda,
  aws_lambda_event_sources as sources,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { outboxFilterPattern } from '../../functions/shared/table.js';
import type { HearthFunction } from './hearth-function.js';
import { acknowledgeDeadLetterQueue } from './nag.js';

export interface OutboxProps {
  readonly table: dynamodb.ITableV2;
  readonly consumers: readonly HearthFunction[];
}

export class Outbox extends Construct {
  /** Each consumer's on-failure queue, by function name. */
  readonly failures = new Map<string, sqs.Queue>();

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    if (props.table.tableStreamArn === undefined) {
      throw new Error('The outbox needs the table stream');
    }
    for (const consumer of props.consumers) {
      const failures = new sqs.Queue(this, `${consumer.name}-failures`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledgeDeadLetterQueue(
        failures,
        `the on-failure destination of the ${consumer.name} stream mapping`,
      );
      consumer.readStream(props.table);
      const mapping = new lambda.EventSourceMapping(this, consumer.name, {
        target: consumer.function,
        eventSourceArn: props.table.tableStreamArn,
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        filters: [{ pattern: JSON.stringify(outboxFilterPattern) }],
        onFailure: new sources.SqsDlq(failures),
      });
      // Lambda checks the role can read the stream when the mapping is made.
      mapping.node.addDependency(consumer.permissions);
      this.failures.set(consumer.name, failures);
    }
  }
}
