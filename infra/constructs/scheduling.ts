/**
 * EventBridge Scheduler for Hearth (DESIGN §2, STYLE rec. 11): the group
 * the one-time deadline schedules live in, the role those schedules run
 * as (it may invoke the deadline function and nothing else), a dead-letter
 * queue for firings that could not be delivered, and the recurring jobs
 * of `cronJobs`, in London time, run by a role of their own.
 */
import {
  Aws,
  Duration,
  aws_iam as iam,
  aws_scheduler as scheduler,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { envKeys } from '../../functions/shared/env-keys.js';
import { cronInput, type cronJobs } from '../routes.js';
import type { HearthEnvironment, HearthFunction } from './hearth-function.js';
import { acknowledgeDeadLetterQueue } from './nag.js';

export type ScheduleAction =
  | 'CreateSchedule'
  | 'GetSchedule'
  | 'DeleteSchedule';

/** One recurring job of the route table. */
export type CronJob = (typeof cronJobs)[number];

export interface SchedulingProps {
  readonly stage: string;
}

const TIME_ZONE = 'Europe/London';

export class Scheduling extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly groupName: string;
  /** The role deadline schedules run as: invokes the deadline function only. */
  readonly deadlineRole: iam.Role;
  /** The role the recurring jobs run as: invokes their functions only. */
  readonly cronRole: iam.Role;
  /** Firings Scheduler could not deliver (deadline schedules and crons). */
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    this.groupName = `hearth-${props.stage}-deadlines`;
    this.group = new scheduler.ScheduleGroup(this, 'Group', {
      scheduleGroupName: this.groupName,
    });
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeDeadLetterQueue(
      this.deadLetters,
      'the dead-letter queue of the Scheduler targets (deadline schedules and crons)',
    );
    this.deadlineRole = this.#role('DeadlineRole', this.group.scheduleGroupArn);
    this.cronRole = this.#role(
      'CronRole',
      `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule-group/default`,
    );
  }

  /** The variables `schedulingConfig()` parses (schedules and sweep). */
  environment(deadline: HearthFunction): HearthEnvironment {
    return {
      [envKeys.scheduleGroup]: this.groupName,
      [envKeys.deadlineFunctionArn]: deadline.functionArn,
      [envKeys.schedulerRoleArn]: this.deadlineRole.roleArn,
      [envKeys.scheduleDeadLetterArn]: this.deadLetters.queueArn,
    };
  }

  /** Lets deadline schedules invoke the target, and only it. */
  targetDeadlines(deadline: HearthFunction): void {
    this.deadlineRole.addToPolicy(invoke(deadline));
  }

  /**
   * Lets a function manage deadline schedules: the named actions on the
   * group's schedules, and passing the deadline role to Scheduler.
   */
  allowManage(fn: HearthFunction, actions: readonly ScheduleAction[]): void {
    const schedules = `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${this.groupName}/*`;
    fn.allow(
      new iam.PolicyStatement({
        actions: actions.map((a) => `scheduler:${a}`),
        resources: [schedules],
      }),
    );
    fn.allow(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.deadlineRole.roleArn],
        conditions: {
          StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
        },
      }),
    );
    fn.acknowledgeWildcard(
      schedules,
      `Schedule names are made per complaint and clock at run time; the actions are limited to the schedules of the ${this.groupName} group.`,
    );
  }

  /** A recurring job: a Scheduler cron in London time, invoking its function. */
  addCron(
    job: CronJob,
    fn: HearthFunction,
    stage: string,
  ): scheduler.CfnSchedule {
    this.cronRole.addToPolicy(invoke(fn));
    const schedule = new scheduler.CfnSchedule(this, `Cron-${job.name}`, {
      name: `${job.name}-${stage}`,
      description: `Hearth ${stage}: ${job.name} (${job.expression}, ${TIME_ZONE})`,
      scheduleExpression: job.expression,
      scheduleExpressionTimezone: TIME_ZONE,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: fn.functionArn,
        roleArn: this.cronRole.roleArn,
        input: cronInput,
        retryPolicy: {
          maximumRetryAttempts: 3,
          maximumEventAgeInSeconds: 3600,
        },
        deadLetterConfig: { arn: this.deadLetters.queueArn },
      },
    });
    // Scheduler checks the role when the schedule is created.
    schedule.node.addDependency(this.cronRole);
    return schedule;
  }

  /**
   * A role Scheduler assumes for the schedules of one group only (the
   * confused-deputy conditions), which may also dead-letter failed firings.
   */
  #role(id: string, groupArn: string): iam.Role {
    const role = new iam.Role(this, id, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnEquals: { 'aws:SourceArn': groupArn },
        },
      }),
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetters.queueArn],
      }),
    );
    return role;
  }
}

function invoke(fn: HearthFunction): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['lambda:InvokeFunction'],
    resources: [fn.functionArn],
  });
}
