import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  paginateListSchedules,
  ResourceNotFoundException,
  SchedulerClient,
  SchedulerServiceException,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type DeadLetter,
  type FireTarget,
  type Firing,
  type FiringSchedule,
  type RunningScheduler,
  type SchedulerOptions,
  startScheduler,
} from '../../infra/local/scheduler/index.js';

const TARGET = {
  Arn: 'arn:aws:lambda:eu-west-2:000000000000:function:hearth-deadline',
  RoleArn: 'arn:aws:iam::000000000000:role/hearth-scheduler',
};

interface Harness {
  readonly scheduler: RunningScheduler;
  readonly client: SchedulerClient;
  /** Every call the scheduler made to `fire`, in order. */
  readonly calls: { target: FireTarget; schedule: FiringSchedule }[];
}

const running: Harness[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.scheduler.stop()));
  await Promise.all(
    folders.splice(0).map((f) => rm(f, { recursive: true, force: true })),
  );
});

/** A scheduler on a free port, with a client and a record of its firings. */
async function start(
  options: Partial<SchedulerOptions> & {
    failWith?: (call: number) => Error | undefined;
  } = {},
): Promise<Harness> {
  const calls: Harness['calls'] = [];
  const { failWith, ...rest } = options;
  const scheduler = await startScheduler({
    port: 0,
    log: () => {},
    fire: (target, schedule) => {
      calls.push({ target, schedule });
      const error = failWith?.(calls.length);
      if (error) throw error;
    },
    ...rest,
  });
  const client = new SchedulerClient({
    endpoint: scheduler.endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const harness = { scheduler, client, calls };
  running.push(harness);
  return harness;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hearth-scheduler-'));
  folders.push(dir);
  return dir;
}

function schedule(
  name: string,
  overrides: Partial<CreateScheduleCommandInput> = {},
): CreateScheduleCommandInput {
  return {
    Name: name,
    ScheduleExpression: 'at(2030-01-01T09:00:00)',
    ScheduleExpressionTimezone: 'Europe/London',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { ...TARGET, Input: JSON.stringify({ name }) },
    ...overrides,
  };
}

/** The SDK error a call rejects with. */
async function failure(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('local EventBridge Scheduler through the real SDK', () => {
  it('creates a schedule and returns it in the SDK’s shape', async () => {
    // Prepare
    const { client } = await start();

    // Act
    const created = await client.send(
      new CreateScheduleCommand(
        schedule('deadline-1', {
          ActionAfterCompletion: 'DELETE',
          Description: 'Stage 1 response due',
        }),
      ),
    );
    const got = await client.send(
      new GetScheduleCommand({ Name: 'deadline-1' }),
    );

    // Assess
    expect(created.ScheduleArn).toBe(
      'arn:aws:scheduler:eu-west-2:000000000000:schedule/default/deadline-1',
    );
    expect(got).toMatchObject({
      Arn: created.ScheduleArn,
      Name: 'deadline-1',
      GroupName: 'default',
      ScheduleExpression: 'at(2030-01-01T09:00:00)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      Description: 'Stage 1 response due',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        ...TARGET,
        Input: '{"name":"deadline-1"}',
        RetryPolicy: {
          MaximumRetryAttempts: 185,
          MaximumEventAgeInSeconds: 86_400,
        },
      },
    });
    expect(got.CreationDate).toBeInstanceOf(Date);
    expect(
      Math.abs((got.CreationDate?.getTime() ?? 0) - Date.now()),
    ).toBeLessThan(5_000);
    expect(got.LastModificationDate).toEqual(got.CreationDate);
  });

  it('keeps schedules apart by group, defaulting to "default"', async () => {
    // Prepare
    const { client } = await start();
    await client.send(new CreateScheduleCommand(schedule('same')));

    // Act
    const inGroup = await client.send(
      new CreateScheduleCommand(schedule('same', { GroupName: 'hearth' })),
    );
    const got = await client.send(
      new GetScheduleCommand({ Name: 'same', GroupName: 'hearth' }),
    );

    // Assess
    expect(inGroup.ScheduleArn).toMatch(/schedule\/hearth\/same$/);
    expect(got.GroupName).toBe('hearth');
  });

  it('lists schedules by prefix, group and state, a page at a time', async () => {
    // Prepare
    const { client } = await start();
    for (const name of ['d-3', 'd-1', 'd-5', 'd-2', 'd-4', 'report']) {
      await client.send(new CreateScheduleCommand(schedule(name)));
    }
    await client.send(
      new CreateScheduleCommand(schedule('d-6', { State: 'DISABLED' })),
    );
    await client.send(
      new CreateScheduleCommand(schedule('d-7', { GroupName: 'other' })),
    );

    // Act
    const first = await client.send(
      new ListSchedulesCommand({
        NamePrefix: 'd-',
        GroupName: 'default',
        State: 'ENABLED',
        MaxResults: 2,
      }),
    );
    const names: string[] = [];
    const pages: number[] = [];
    for await (const page of paginateListSchedules(
      { client, pageSize: 2 },
      { NamePrefix: 'd-', GroupName: 'default', State: 'ENABLED' },
    )) {
      pages.push(page.Schedules?.length ?? 0);
      names.push(...(page.Schedules ?? []).map((s) => s.Name ?? ''));
    }
    const everything = await client.send(new ListSchedulesCommand({}));

    // Assess
    expect(first.Schedules?.map((s) => s.Name)).toEqual(['d-1', 'd-2']);
    expect(first.NextToken).toEqual(expect.any(String));
    expect(first.Schedules?.[0]).toMatchObject({
      GroupName: 'default',
      State: 'ENABLED',
      Target: { Arn: TARGET.Arn },
    });
    expect(pages).toEqual([2, 2, 1]);
    expect(names).toEqual(['d-1', 'd-2', 'd-3', 'd-4', 'd-5']);
    expect(
      everything.Schedules?.map((s) => `${s.GroupName}/${s.Name}`),
    ).toEqual([
      'default/d-1',
      'default/d-2',
      'default/d-3',
      'default/d-4',
      'default/d-5',
      'default/d-6',
      'default/report',
      'other/d-7',
    ]);
    expect(everything.NextToken).toBeUndefined();
  });

  it('deletes a schedule, after which it is not found', async () => {
    // Prepare
    const { client } = await start();
    await client.send(new CreateScheduleCommand(schedule('gone')));

    // Act
    await client.send(new DeleteScheduleCommand({ Name: 'gone' }));
    const get = await failure(
      client.send(new GetScheduleCommand({ Name: 'gone' })),
    );
    const again = await failure(
      client.send(new DeleteScheduleCommand({ Name: 'gone' })),
    );

    // Assess
    expect(get).toBeInstanceOf(ResourceNotFoundException);
    expect(again).toBeInstanceOf(ResourceNotFoundException);
    expect(get.message).toContain('gone');
  });

  it('refuses a second schedule of the same name with ConflictException', async () => {
    // Prepare
    const { client } = await start();
    await client.send(new CreateScheduleCommand(schedule('twice')));

    // Act
    const error = await failure(
      client.send(new CreateScheduleCommand(schedule('twice'))),
    );

    // Assess
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('twice');
  });

  it('treats a retried create with the same ClientToken as the same call', async () => {
    // Prepare
    const { client } = await start();
    const input = schedule('once', { ClientToken: 'token-1' });
    const first = await client.send(new CreateScheduleCommand(input));

    // Act
    const retry = await client.send(new CreateScheduleCommand(input));

    // Assess
    expect(retry.ScheduleArn).toBe(first.ScheduleArn);
  });

  it.each([
    ['a bad name', schedule('no spaces'), "'name'"],
    [
      'a missing FlexibleTimeWindow',
      { ...schedule('x'), FlexibleTimeWindow: undefined },
      "'flexibleTimeWindow'",
    ],
    [
      'a missing ScheduleExpression',
      { ...schedule('x'), ScheduleExpression: undefined },
      "'scheduleExpression'",
    ],
    [
      'an invalid expression',
      schedule('x', { ScheduleExpression: 'cron(0 7 * * * *)' }),
      "'scheduleExpression'",
    ],
    [
      'an unknown time zone',
      schedule('x', { ScheduleExpressionTimezone: 'Europe/Atlantis' }),
      "'scheduleExpressionTimezone'",
    ],
    [
      'a missing Target.RoleArn',
      schedule('x', { Target: { Arn: TARGET.Arn } as typeof TARGET }),
      "'target.roleArn'",
    ],
    [
      'a missing Target.Arn',
      schedule('x', { Target: { RoleArn: TARGET.RoleArn } as typeof TARGET }),
      "'target.arn'",
    ],
    [
      'too many retries',
      schedule('x', {
        Target: { ...TARGET, RetryPolicy: { MaximumRetryAttempts: 186 } },
      }),
      "'target.retryPolicy.maximumRetryAttempts'",
    ],
  ])(
    'rejects %s with a ValidationException naming the field',
    async (_case, input, field) => {
      // Prepare
      const { client } = await start();

      // Act
      const error = await failure(
        client.send(
          new CreateScheduleCommand(input as CreateScheduleCommandInput),
        ),
      );

      // Assess
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toContain(field);
    },
  );

  it('answers an operation it does not implement with a clear error', async () => {
    // Prepare
    const { client } = await start();

    // Act
    const error = await failure(client.send(new ListScheduleGroupsCommand({})));

    // Assess
    expect(error).toBeInstanceOf(SchedulerServiceException);
    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toContain('does not implement GET /schedule-groups');
  });

  it('updates a schedule in place, replacing its settings', async () => {
    // Prepare
    const { client } = await start();
    const created = await client.send(
      new CreateScheduleCommand(schedule('moved', { Description: 'old' })),
    );

    // Act
    await client.send(
      new UpdateScheduleCommand({
        ...schedule('moved'),
        ScheduleExpression: 'at(2031-01-01T09:00:00)',
      }),
    );
    const got = await client.send(new GetScheduleCommand({ Name: 'moved' }));

    // Assess
    expect(got.Arn).toBe(created.ScheduleArn);
    expect(got.ScheduleExpression).toBe('at(2031-01-01T09:00:00)');
    expect(got.Description).toBeUndefined();
  });
});

describe('local EventBridge Scheduler firing', () => {
  it('fires an at() schedule once, in its time zone, with its Input, then deletes it', async () => {
    // Prepare: 07:00 in London on 1 July 2027 is 06:00 UTC (BST).
    const { client, scheduler, calls } = await start();
    await scheduler.clock.set(new Date('2027-07-01T05:00:00Z'));
    await client.send(
      new CreateScheduleCommand(
        schedule('deadline-7', {
          ScheduleExpression: 'at(2027-07-01T07:00:00)',
          ActionAfterCompletion: 'DELETE',
          Target: {
            ...TARGET,
            Input: '{"complaint":"C-7","due":"<aws.scheduler.scheduled-time>"}',
          },
        }),
      ),
    );

    // Act
    await scheduler.clock.advance(59 * 60_000);
    const beforeTime = calls.length;
    await scheduler.clock.advance(2 * 60_000);
    await scheduler.clock.advance(3_600_000);

    // Assess
    expect(beforeTime).toBe(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.target).toEqual({
      arn: TARGET.Arn,
      input: '{"complaint":"C-7","due":"2027-07-01T06:00:00Z"}',
    });
    expect(calls[0]?.schedule).toMatchObject({
      name: 'deadline-7',
      groupName: 'default',
      attempt: 1,
      scheduledTime: new Date('2027-07-01T06:00:00Z'),
    });
    const gone = await failure(
      client.send(new GetScheduleCommand({ Name: 'deadline-7' })),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps a fired at() schedule whose ActionAfterCompletion is NONE, and fires it no more', async () => {
    // Prepare
    const { client, scheduler, calls } = await start();
    await scheduler.clock.set(new Date('2027-07-01T05:00:00Z'));
    await client.send(
      new CreateScheduleCommand(
        schedule('kept', {
          ScheduleExpression: 'at(2027-07-01T07:00:00)',
          ActionAfterCompletion: 'NONE',
        }),
      ),
    );

    // Act
    await scheduler.clock.advance(2 * 3_600_000);
    await scheduler.clock.advance(24 * 3_600_000);
    const got = await client.send(new GetScheduleCommand({ Name: 'kept' }));

    // Assess
    expect(calls).toHaveLength(1);
    expect(got.Name).toBe('kept');
  });

  it('fires an at() schedule already in the past straight away', async () => {
    // Prepare
    const { client, scheduler, calls } = await start();

    // Act
    await client.send(
      new CreateScheduleCommand(
        schedule('late', { ScheduleExpression: 'at(2020-01-01T09:00:00)' }),
      ),
    );
    await scheduler.settle();

    // Assess
    expect(calls.map((c) => c.schedule.name)).toEqual(['late']);
  });

  it('does not fire a DISABLED schedule', async () => {
    // Prepare
    const { client, scheduler, calls } = await start();
    await scheduler.clock.set(new Date('2027-07-01T05:00:00Z'));
    await client.send(
      new CreateScheduleCommand(
        schedule('off', {
          ScheduleExpression: 'at(2027-07-01T07:00:00)',
          State: 'DISABLED',
        }),
      ),
    );

    // Act
    await scheduler.clock.advance(3 * 3_600_000);

    // Assess
    expect(calls).toEqual([]);
  });

  it('retries a failing target with backoff, then dead-letters it', async () => {
    // Prepare: no background ticks, so only the moved clock drives retries.
    const { client, scheduler, calls } = await start({
      tickMs: 3_600_000,
      failWith: () => new Error('target down'),
    });
    await scheduler.clock.set(new Date('2027-07-01T05:00:00Z'));
    await client.send(
      new CreateScheduleCommand(
        schedule('failing', {
          ScheduleExpression: 'at(2027-07-01T07:00:00)',
          ActionAfterCompletion: 'DELETE',
          Target: {
            ...TARGET,
            Input: '{"complaint":"C-9"}',
            RetryPolicy: { MaximumRetryAttempts: 2 },
            DeadLetterConfig: {
              Arn: 'arn:aws:sqs:eu-west-2:000000000000:hearth-dlq',
            },
          },
        }),
      ),
    );

    // Act
    await scheduler.clock.set(new Date('2027-07-01T06:00:00Z'));
    const afterFirst = calls.length;
    const pendingAfterFirst = scheduler.pending().length;
    await scheduler.clock.advance(1_000); // the first retry, 1 s on
    const afterSecond = calls.length;
    await scheduler.clock.advance(2_000); // the second, 2 s after that
    await scheduler.clock.advance(3_600_000);

    // Assess
    expect([afterFirst, afterSecond, calls.length]).toEqual([1, 2, 3]);
    expect(pendingAfterFirst).toBe(1);
    expect(calls.map((c) => c.schedule.attempt)).toEqual([1, 2, 3]);
    expect(scheduler.firings().map((f) => f.ok)).toEqual([false, false, false]);
    expect(scheduler.deadLetters()).toEqual([
      expect.objectContaining({
        scheduleName: 'failing',
        targetArn: TARGET.Arn,
        deadLetterArn: 'arn:aws:sqs:eu-west-2:000000000000:hearth-dlq',
        input: '{"complaint":"C-9"}',
        scheduledTime: '2027-07-01T06:00:00Z',
        attempts: 3,
        error: 'target down',
      }),
    ]);
    expect(scheduler.pending()).toEqual([]);
    const gone = await failure(
      client.send(new GetScheduleCommand({ Name: 'failing' })),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it('delivers on a retry when the target recovers, with no dead letter', async () => {
    // Prepare
    const { client, scheduler, calls } = await start({
      tickMs: 3_600_000,
      failWith: (call) => (call === 1 ? new Error('cold start') : undefined),
    });
    await scheduler.clock.set(new Date('2027-07-01T05:00:00Z'));
    await client.send(
      new CreateScheduleCommand(
        schedule('flaky', { ScheduleExpression: 'at(2027-07-01T07:00:00)' }),
      ),
    );

    // Act: one jump covers the occurrence and the retry a second later.
    await scheduler.clock.advance(2 * 3_600_000);

    // Assess
    expect(calls.map((c) => c.schedule.attempt)).toEqual([1, 2]);
    expect(scheduler.firings().map((f) => f.ok)).toEqual([false, true]);
    expect(scheduler.deadLetters()).toEqual([]);
  });

  it('fires each cron occurrence once, in order, across a clock jump and a clock change', async () => {
    // Prepare: BST starts on Sunday 28 March 2027.
    const { client, scheduler, calls } = await start();
    await scheduler.clock.set(new Date('2027-03-26T00:00:00Z'));
    await client.send(
      new CreateScheduleCommand(
        schedule('daily', { ScheduleExpression: 'cron(0 7 * * ? *)' }),
      ),
    );

    // Act
    await scheduler.clock.set(new Date('2027-03-29T00:00:00Z'));
    const afterJump = calls.map((c) => c.schedule.scheduledTime.toISOString());
    await scheduler.clock.advance(24 * 3_600_000);

    // Assess
    expect(afterJump).toEqual([
      '2027-03-26T07:00:00.000Z',
      '2027-03-27T07:00:00.000Z',
      '2027-03-28T06:00:00.000Z',
    ]);
    expect(calls.map((c) => c.schedule.scheduledTime.toISOString())).toEqual([
      ...afterJump,
      '2027-03-29T06:00:00.000Z',
    ]);
  });

  it('starts a rate() schedule at once and repeats it, up to its EndDate', async () => {
    // Prepare
    const { client, scheduler, calls } = await start();
    await scheduler.clock.set(new Date('2027-05-01T00:00:00Z'));
    await client.send(
      new CreateScheduleCommand(
        schedule('sweep', {
          ScheduleExpression: 'rate(1 hour)',
          EndDate: new Date('2027-05-01T02:30:00Z'),
        }),
      ),
    );

    // Act
    await scheduler.settle();
    const atStart = calls.length;
    await scheduler.clock.advance(5 * 3_600_000);

    // Assess
    expect(atStart).toBe(1);
    expect(calls).toHaveLength(3);
  });

  it('never fires an occurrence twice, however ticks and clock moves overlap a slow target', async () => {
    // Prepare: a target slower than many ticks.
    let inFlight = 0;
    let mostInFlight = 0;
    const fired: string[] = [];
    const { client, scheduler } = await start({
      tickMs: 5,
      fire: async (_target, s) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 100));
        fired.push(s.scheduledTime.toISOString());
        inFlight -= 1;
      },
    });
    await scheduler.clock.set(new Date('2027-06-01T00:00:00Z'));
    await client.send(
      new CreateScheduleCommand(
        schedule('slow', { ScheduleExpression: 'cron(0 * * * ? *)' }),
      ),
    );

    // Act
    await Promise.all([
      scheduler.clock.advance(90 * 60_000),
      scheduler.clock.advance(90 * 60_000),
      scheduler.settle(),
    ]);

    // Assess: 01:00, 02:00 and 03:00 once each, one at a time.
    expect(fired).toEqual([
      '2027-06-01T01:00:00.000Z',
      '2027-06-01T02:00:00.000Z',
      '2027-06-01T03:00:00.000Z',
    ]);
    expect(mostInFlight).toBe(1);
  });

  it('keeps schedules and the moved clock in its data folder, so a restarted server fires them', async () => {
    // Prepare
    const dataDir = await tempDir();
    const first = await start({ dataDir });
    await first.scheduler.clock.set(new Date('2027-01-04T00:00:00Z'));
    await first.client.send(
      new CreateScheduleCommand(
        schedule('survivor', { ScheduleExpression: 'at(2027-01-04T09:00:00)' }),
      ),
    );
    await first.scheduler.stop();
    running.splice(running.indexOf(first), 1);
    const files = await readdir(dataDir);

    // Act
    const second = await start({ dataDir });
    const got = await second.client.send(
      new GetScheduleCommand({ Name: 'survivor' }),
    );
    const clockAfterRestart = second.scheduler.clock.now();
    await second.scheduler.clock.advance(10 * 3_600_000);

    // Assess
    expect(files).toEqual(['scheduler.json']);
    expect(got.ScheduleExpression).toBe('at(2027-01-04T09:00:00)');
    expect(clockAfterRestart.getTime()).toBeGreaterThanOrEqual(
      Date.parse('2027-01-04T00:00:00Z'),
    );
    expect(first.calls).toEqual([]);
    expect(second.calls.map((c) => c.schedule.scheduledTime)).toEqual([
      new Date('2027-01-04T09:00:00Z'),
    ]);
  });

  it('is driven and inspected over HTTP under /_local/', async () => {
    // Prepare
    const { client, scheduler, calls } = await start({
      failWith: (call) => (call === 2 ? new Error('boom') : undefined),
    });
    const local = (resource: string, body?: unknown) =>
      fetch(`${scheduler.endpoint}/_local/${resource}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const json = async <T>(response: Promise<Response>) =>
      (await (await response).json()) as T;
    await local('clock', { set: '2027-07-01T05:00:00Z' });
    await client.send(
      new CreateScheduleCommand(
        schedule('by-http', { ScheduleExpression: 'at(2027-07-01T07:00:00)' }),
      ),
    );
    await client.send(
      new CreateScheduleCommand(
        schedule('dead', {
          ScheduleExpression: 'at(2027-07-01T08:00:00)',
          Target: { ...TARGET, RetryPolicy: { MaximumRetryAttempts: 0 } },
        }),
      ),
    );

    // Act
    const moved = await local('clock', { advanceSeconds: 3 * 3600 });
    const clock = await json<{ now: string }>(local('clock'));
    const fired = await json<{ firings: Firing[] }>(local('fired'));
    const dead = await json<{ deadLetters: DeadLetter[] }>(
      local('dead-letters'),
    );
    const backwards = await local('clock', { set: '2027-01-01T00:00:00Z' });
    const refusal = await json<{ message: string }>(Promise.resolve(backwards));

    // Assess
    expect(moved.status).toBe(200);
    expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(
      Date.parse('2027-07-01T08:00:00Z'),
    );
    expect(calls).toHaveLength(2);
    expect(fired.firings.map((f) => [f.scheduleName, f.ok]).sort()).toEqual([
      ['by-http', true],
      ['dead', false],
    ]);
    expect(dead.deadLetters).toEqual([
      expect.objectContaining({ scheduleName: 'dead', attempts: 1 }),
    ]);
    expect(backwards.status).toBe(400);
    expect(refusal.message).toContain('only moves forward');
  });
});
