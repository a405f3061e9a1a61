/**
 * What must wake someone: an encrypted SNS topic mailed to the stage's
 * alarm address, and alarms on anything left in a dead-letter queue, on
 * any function's errors, and on statutory deadlines breached (the deadline
 * function logs `{ message: 'Clock', fire: 'breach', recorded: true }` for
 * each breach it records; a metric filter counts those lines).
 */
import {
  aws_cloudwatch_actions as actions,
  aws_cloudwatch as cloudwatch,
  Duration,
  type aws_kms as kms,
  aws_logs as logs,
  aws_sns as sns,
  type aws_sqs as sqs,
  aws_sns_subscriptions as subscriptions,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { HearthFunction } from './hearth-function.js';

export interface AlarmsProps {
  readonly stage: string;
  readonly alarmAddress: string;
  readonly key: kms.IKey;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly namespace: string;
  readonly #stage: string;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.#stage = props.stage;
    this.namespace = `Hearth/${props.stage}`;
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: `hearth-${props.stage}-alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addSubscription(
      new subscriptions.EmailSubscription(props.alarmAddress),
    );
  }

  /** Anything in the queue is a firing or a batch that was given up on. */
  deadLetters(name: string, queue: sqs.IQueue): void {
    this.#alarm(`${name}-dead-letters`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      description: `Messages wait in ${name}: a deadline firing, cron or outbox batch failed after its retries.`,
    });
  }

  /** Any error of the function in five minutes. */
  errors(fn: HearthFunction): void {
    this.#alarm(`${fn.name}-errors`, {
      metric: fn.function.metricErrors({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.SUM,
      }),
      description: `hearth-${this.#stage}-${fn.name} failed.`,
    });
  }

  /** A statutory deadline recorded as breached, counted per day. */
  breaches(deadline: HearthFunction): void {
    const filter = new logs.MetricFilter(this, 'BreachFilter', {
      logGroup: deadline.logGroup,
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.message', '=', 'Clock'),
        logs.FilterPattern.stringValue('$.fire', '=', 'breach'),
        logs.FilterPattern.booleanValue('$.recorded', true),
      ),
      metricNamespace: this.namespace,
      metricName: 'Breaches',
      metricValue: '1',
      unit: cloudwatch.Unit.COUNT,
    });
    this.#alarm('breaches', {
      metric: filter.metric({
        period: Duration.days(1),
        statistic: cloudwatch.Stats.SUM,
      }),
      description:
        'A Complaint Handling Code deadline was breached today: the case and the team have been told.',
    });
  }

  #alarm(
    id: string,
    options: { metric: cloudwatch.IMetric; description: string },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: `hearth-${this.#stage}-${id}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    return alarm;
  }
}
