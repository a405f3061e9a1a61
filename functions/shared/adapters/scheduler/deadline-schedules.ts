/**
 * The domain's schedule intents as EventBridge Scheduler one-time
 * schedules (STYLE rec. 11): a deterministic name per firing, one group,
 * `at(…)` in Europe/London, ActionAfterCompletion DELETE, no flexible
 * window, a dead-letter queue. Creating one that exists, or deleting one
 * that is gone, is success: the outbox and the sweep may both try.
 */
import { createHash } from 'node:crypto';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ScheduleIntent } from '@hearth/domain';
import type { ScheduleInput } from '../../contracts/index.js';

export interface DeadlineSchedulesOptions {
  readonly client: SchedulerClient;
  readonly groupName: string;
  /** The deadline function, the schedules' target. */
  readonly targetArn: string;
  /** The role Scheduler assumes to invoke it. */
  readonly roleArn: string;
  readonly deadLetterArn?: string;
}

/** Firings happen at 07:00 London time, before the office opens. */
const FIRE_AT = '07:00:00';
const TIME_ZONE = 'Europe/London';

/**
 * A Scheduler name (≤ 64 chars of [0-9a-zA-Z-_.]) that is the same every
 * time for the same organisation and firing.
 */
export function scheduleNameFor(
  organisationId: string,
  intent: Pick<ScheduleIntent, 'name'>,
): string {
  const digest = createHash('sha256')
    .update(`${organisationId}|${intent.name}`)
    .digest('hex');
  return `hth-${digest.slice(0, 48)}`;
}

export class DeadlineSchedules {
  readonly #o: DeadlineSchedulesOptions;

  constructor(options: DeadlineSchedulesOptions) {
    this.#o = options;
  }

  /**
   * Creates the schedule for one firing. A firing whose time has passed
   * (a complaint logged days after it arrived) is set for a minute from
   * now, so the deadline job still sees it, once.
   */
  async create(
    organisationId: string,
    intent: ScheduleIntent,
    now: Date,
  ): Promise<'created' | 'existed'> {
    const name = scheduleNameFor(organisationId, intent);
    const input: Omit<ScheduleInput, 'scheduledTime'> = {
      organisationId,
      complaintId: intent.complaintId,
      clockId: intent.clockId,
      dueOn: intent.dueOn,
      fire: intent.fire,
      scheduleName: name,
    };
    try {
      await this.#o.client.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: this.#o.groupName,
          Description: intent.name.slice(0, 512),
          ScheduleExpression: `at(${fireTime(intent.fireOn, now)})`,
          ScheduleExpressionTimezone: TIME_ZONE,
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.#o.targetArn,
            RoleArn: this.#o.roleArn,
            // Scheduler fills in when it meant the firing to happen.
            Input: JSON.stringify({
              ...input,
              scheduledTime: '<aws.scheduler.scheduled-time>',
            }),
            ...(this.#o.deadLetterArn === undefined
              ? {}
              : { DeadLetterConfig: { Arn: this.#o.deadLetterArn } }),
          },
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConflictException) return 'existed';
      throw error;
    }
  }

  async delete(
    organisationId: string,
    intent: ScheduleIntent,
  ): Promise<'deleted' | 'absent'> {
    try {
      await this.#o.client.send(
        new DeleteScheduleCommand({
          Name: scheduleNameFor(organisationId, intent),
          GroupName: this.#o.groupName,
        }),
      );
      return 'deleted';
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return 'absent';
      throw error;
    }
  }

  async exists(
    organisationId: string,
    intent: ScheduleIntent,
  ): Promise<boolean> {
    try {
      await this.#o.client.send(
        new GetScheduleCommand({
          Name: scheduleNameFor(organisationId, intent),
          GroupName: this.#o.groupName,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    }
  }
}

/** `yyyy-mm-ddT07:00:00` London time, or a minute from now if that has passed. */
export function fireTime(fireOn: string, now: Date): string {
  const wanted = `${fireOn}T${FIRE_AT}`;
  const soon = londonWallClock(new Date(now.getTime() + 60_000));
  return wanted > soon ? wanted : soon;
}

function londonWallClock(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}
