import { describe, expect, it } from 'vitest';
import {
  fillContextAttributes,
  nextAttemptAt,
} from '../../../infra/local/scheduler/delivery.js';
import type { Delivery } from '../../../infra/local/scheduler/model.js';

const OCCURRENCE = Date.parse('2027-07-01T06:00:00Z');

function delivery(
  retry: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number },
  dueAt = OCCURRENCE,
): Delivery {
  return {
    id: 'd-1',
    scheduleId: 's-1',
    scheduleArn: 'arn:aws:scheduler:eu-west-2:000000000000:schedule/default/x',
    scheduleName: 'x',
    groupName: 'default',
    scheduledTime: OCCURRENCE,
    target: {
      Arn: 'arn:aws:lambda:eu-west-2:000000000000:function:hearth-deadline',
      RoleArn: 'arn:aws:iam::000000000000:role/hearth-scheduler',
      RetryPolicy: retry,
    },
    attempts: 0,
    dueAt,
    sequence: 1,
  };
}

const BACKOFF = { baseMs: 1000, maxMs: 60_000 };

describe('context attributes in Input', () => {
  it('fills every attribute, wherever and however often it appears', () => {
    // Act
    const input = fillContextAttributes(
      '{"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","id":"<aws.scheduler.execution-id>","n":<aws.scheduler.attempt-number>,"again":"<aws.scheduler.scheduled-time>"}',
      {
        scheduleArn: 'arn:x',
        scheduledTime: OCCURRENCE,
        executionId: 'abc123',
        attempt: 2,
      },
    );

    // Assess
    expect(JSON.parse(input ?? '')).toEqual({
      arn: 'arn:x',
      at: '2027-07-01T06:00:00Z',
      id: 'abc123',
      n: 2,
      again: '2027-07-01T06:00:00Z',
    });
  });

  it('passes other text, and no Input, through untouched', () => {
    const context = {
      scheduleArn: 'arn:x',
      scheduledTime: OCCURRENCE,
      executionId: 'e',
      attempt: 1,
    };
    expect(fillContextAttributes('{"a":"<aws.other>"}', context)).toBe(
      '{"a":"<aws.other>"}',
    );
    expect(fillContextAttributes(undefined, context)).toBeUndefined();
  });
});

describe('retries', () => {
  it('doubles the delay from when each attempt was due', () => {
    // Prepare
    const policy = {
      MaximumRetryAttempts: 185,
      MaximumEventAgeInSeconds: 86_400,
    };

    // Act
    const first = nextAttemptAt(delivery(policy), 1, BACKOFF);
    const second = nextAttemptAt(
      delivery(policy, OCCURRENCE + 1000),
      2,
      BACKOFF,
    );
    const third = nextAttemptAt(
      delivery(policy, OCCURRENCE + 3000),
      3,
      BACKOFF,
    );

    // Assess
    expect([first, second, third].map((t) => (t ?? 0) - OCCURRENCE)).toEqual([
      1000, 3000, 7000,
    ]);
  });

  it('caps the delay', () => {
    const policy = {
      MaximumRetryAttempts: 185,
      MaximumEventAgeInSeconds: 86_400,
    };
    expect(nextAttemptAt(delivery(policy), 20, BACKOFF)).toBe(
      OCCURRENCE + 60_000,
    );
  });

  it('stops after MaximumRetryAttempts retries', () => {
    const policy = {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 86_400,
    };
    expect(nextAttemptAt(delivery(policy), 2, BACKOFF)).toBeDefined();
    expect(nextAttemptAt(delivery(policy), 3, BACKOFF)).toBeUndefined();
    expect(
      nextAttemptAt(
        delivery({ ...policy, MaximumRetryAttempts: 0 }),
        1,
        BACKOFF,
      ),
    ).toBeUndefined();
  });

  it('stops once the next attempt would be older than MaximumEventAgeInSeconds', () => {
    // Prepare: the previous attempt was due 50 s after the occurrence.
    const policy = { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 60 };
    const late = delivery(policy, OCCURRENCE + 50_000);

    // Act
    const within = nextAttemptAt(late, 1, { baseMs: 10_000, maxMs: 60_000 });
    const beyond = nextAttemptAt(late, 2, { baseMs: 10_000, maxMs: 60_000 });

    // Assess
    expect(within).toBe(OCCURRENCE + 60_000);
    expect(beyond).toBeUndefined();
  });
});
