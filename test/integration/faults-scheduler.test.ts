/**
 * EventBridge Scheduler misbehaving: its API failing, schedules deleted out
 * of band, a deadline delivered twice, late, or failing; and SES failing
 * under the breach notice. Every clock still fires exactly once (one
 * reminder and one breach event, one breach notice to staff) and the sweep
 * repairs what was lost. Faults are injected at the Scheduler stand-in.
 *
 * The tests share one stack and run in order: the local clock only moves
 * forward, so the complaints are made before the last test moves it.
 */
import {
  DeleteScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import type { StoredSchedule } from '../../infra/local/scheduler/index.js';
import type { LocalStack } from '../../infra/local/start.js';
import { casework } from './support/casework.js';
import {
  eventually,
  stackRepository,
  staffToken,
  startTestStack,
} from './support/stack.js';

const org = 'sched-fault-org';
const GROUP = 'hearth-deadlines';
let stack: LocalStack;
let scheduler: SchedulerClient;
let repository: DynamoDbComplaintRepository;
let destroy: () => void;
let officer: string;
/** Four complaints: a and b are acknowledged, c and d are not. */
const refs = { a: '', b: '', c: '', d: '' };

const { complain, acknowledge } = casework(() => stack, {
  officer: () => officer,
  network: '198.51.100',
});

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  stack = await startTestStack({ organisationId: org });
  ({ repository, destroy } = stackRepository(stack));
  scheduler = new SchedulerClient({
    endpoint: String(stack.urls['scheduler API']),
    region: localRegion,
    credentials: localCredentials,
  });
  // The monthly Board report is not under test and sends mail of its own.
  await scheduler.send(
    new DeleteScheduleCommand({ Name: 'hearth-board-report' }),
  );
  officer = await staffToken(stack, {
    username: 'ana',
    groups: ['officer'],
    organisationId: org,
  });
}, 60_000);
afterAll(async () => {
  scheduler?.destroy();
  destroy?.();
  await stack?.stop();
});

interface Firing {
  readonly schedule: StoredSchedule;
  readonly input: {
    complaintId: string;
    clockId: string;
    dueOn: string;
    fire: 'reminder' | 'breach';
  };
}

/** A complaint's deadline schedules, as the stand-in holds them. */
function firingsOf(reference: string): Firing[] {
  return stack.scheduler
    .schedules()
    .filter((s) => s.groupName === GROUP)
    .map((schedule) => ({
      schedule,
      input: JSON.parse(String(schedule.target.Input)) as Firing['input'],
    }))
    .filter((f) => f.input.complaintId === reference);
}

const clocksOf = (reference: string) =>
  firingsOf(reference)
    .map((f) => `${f.input.clockId}:${f.input.fire}`)
    .sort();

/** Each clock event of a complaint, as `clock:kind`, in the order recorded. */
async function clockEvents(reference: string): Promise<string[]> {
  const history = await repository.history(org, reference);
  return history.flatMap((d) =>
    d.events.flatMap((e) =>
      e.type === 'clock-reminded' || e.type === 'clock-breached'
        ? [
            `${e.clockId}:${e.type === 'clock-reminded' ? 'reminder' : 'breach'}`,
          ]
        : [],
    ),
  );
}

async function breachNotices(reference: string) {
  return (await stack.ses.sent()).filter((m) =>
    m.subject.startsWith(`Breach: ${reference} `),
  );
}

const ACK = ['stage1.acknowledge:breach', 'stage1.acknowledge:reminder'];
const RESPOND = ['stage1.respond:breach', 'stage1.respond:reminder'];

describe('clocks while EventBridge Scheduler misbehaves', {
  timeout: 90_000,
}, () => {
  it('CreateSchedule failing for 12 calls: 4 complaints get their 8 schedules, each once', async () => {
    stack.scheduler.faults.fail('CreateSchedule', 'error', 12);
    refs.a = await complain();
    refs.b = await complain();
    refs.c = await complain();
    refs.d = await complain();
    const all = Object.values(refs);

    await eventually('every schedule created', async () =>
      all.every((r) => clocksOf(r).length === 2),
    );
    await stack.drain();

    for (const reference of all) expect(clocksOf(reference)).toEqual(ACK);
    expect({
      faults: stack.scheduler.faults.injected(),
      schedules: all.flatMap(firingsOf).length,
    }).toEqual({ faults: 12, schedules: 8 });
  });

  it('DeleteSchedule throttled for 9 calls while 2 complaints are acknowledged: the stopped clock’s 4 schedules go, the new 4 come, each once', async () => {
    const before = stack.scheduler.faults.injected();
    stack.scheduler.faults.fail('DeleteSchedule', 'throttle', 9);
    await acknowledge(refs.a);
    await acknowledge(refs.b);

    await eventually('the schedules moved on', async () =>
      [refs.a, refs.b].every((r) => clocksOf(r).join() === RESPOND.join()),
    );
    await stack.drain();

    expect(clocksOf(refs.a)).toEqual(RESPOND);
    expect(clocksOf(refs.b)).toEqual(RESPOND);
    expect(stack.scheduler.faults.injected() - before).toBe(9);
  });

  it('5 schedules deleted out of band: the sweep re-creates exactly those 5, under the same names', async () => {
    const names = (r: string) =>
      firingsOf(r)
        .map((f) => f.schedule.name)
        .sort();
    const before = [refs.a, refs.c, refs.d].map(names);
    const lost = [
      ...firingsOf(refs.c),
      ...firingsOf(refs.d),
      ...firingsOf(refs.a).slice(0, 1),
    ];
    for (const f of lost) {
      await scheduler.send(
        new DeleteScheduleCommand({ Name: f.schedule.name, GroupName: GROUP }),
      );
    }
    expect(clocksOf(refs.c)).toEqual([]);

    const report = (await stack.lambdas.invoke('sweep', {})) as {
      cases: number;
      checked: number;
      repaired: number;
    };

    expect([refs.a, refs.c, refs.d].map(names)).toEqual(before);
    expect(report).toMatchObject({ cases: 4, checked: 8, repaired: 5 });
    expect(lost).toHaveLength(5);
  });

  it('a deadline delivered 3 times (twice at once, then again) records its reminder and breach once, and tells staff once', async () => {
    const recorded: Record<string, number> = {};
    let deliveries = 0;
    for (const fire of ['reminder', 'breach'] as const) {
      const firing = firingsOf(refs.c).find((f) => f.input.fire === fire);
      const due = firing?.schedule.nextDue;
      if (firing === undefined || due === null || due === undefined) {
        throw new Error(`No ${fire} schedule for ${refs.c}`);
      }
      // The Input as Scheduler fills it in for that occurrence.
      const input = JSON.parse(
        String(firing.schedule.target.Input).replace(
          '<aws.scheduler.scheduled-time>',
          new Date(due).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ),
      );
      const results = [
        ...(await Promise.all([
          stack.lambdas.invoke('deadline', input),
          stack.lambdas.invoke('deadline', input),
        ])),
        await stack.lambdas.invoke('deadline', input),
      ] as { recorded: boolean }[];
      deliveries += results.length;
      recorded[fire] = results.filter((r) => r.recorded).length;
    }

    expect({ deliveries, recorded }).toEqual({
      deliveries: 6,
      recorded: { reminder: 1, breach: 1 },
    });
    expect(await clockEvents(refs.c)).toEqual(ACK.slice().reverse());
    expect(await breachNotices(refs.c)).toHaveLength(1);
  });

  it('a breach recorded while SES is down: Scheduler’s retry still tells staff, once', async () => {
    const firing = firingsOf(refs.d).find((f) => f.input.fire === 'breach');
    const due = firing?.schedule.nextDue;
    if (firing === undefined || due === null || due === undefined) {
      throw new Error(`No breach schedule for ${refs.d}`);
    }
    const input = JSON.parse(
      String(firing.schedule.target.Input).replace(
        '<aws.scheduler.scheduled-time>',
        new Date(due).toISOString(),
      ),
    );
    const refusedBefore = stack.ses.faults.refused();
    stack.ses.faults.fail('error');
    // The first attempt records the breach, then cannot send the notice.
    await expect(stack.lambdas.invoke('deadline', input)).rejects.toThrow();
    stack.ses.faults.clear();
    const retried = await stack.lambdas.invoke('deadline', input);
    const again = await stack.lambdas.invoke('deadline', input);

    expect(await clockEvents(refs.d)).toEqual(['stage1.acknowledge:breach']);
    expect(await breachNotices(refs.d)).toHaveLength(1);
    expect({ retried, again }).toEqual({
      retried: { recorded: false },
      again: { recorded: false },
    });
    expect(stack.ses.faults.refused() - refusedBefore).toBe(3);
  });

  it('late delivery with 3 failed invocations, 2 lost answers and SES failing 3 sends: 8 firings across 4 complaints, each recorded once, 4 breach notices, each once', async () => {
    const deadline = ':function:hearth-deadline';
    stack.scheduler.faults.failInvocations(3, deadline);
    stack.scheduler.faults.loseAnswers(2, deadline);
    stack.ses.faults.fail('error', 3);
    const latest = Math.max(
      ...Object.values(refs)
        .flatMap(firingsOf)
        .map((f) => f.schedule.nextDue ?? 0),
    );

    // Late: the clock jumps a day past the last firing, so every one of
    // them is delivered after its time.
    await stack.scheduler.clock.set(new Date(latest + 24 * 3_600_000));
    await eventually(
      'every firing recorded',
      async () => {
        for (const reference of Object.values(refs)) {
          if ((await clockEvents(reference)).length < 2) return false;
          if (firingsOf(reference).length > 0) return false;
        }
        return stack.scheduler.pending().length === 0;
      },
      { timeoutMs: 60_000 },
    );
    await eventually('4 breach notices', async () => {
      let notices = 0;
      for (const reference of Object.values(refs)) {
        notices += (await breachNotices(reference)).length;
      }
      return notices >= 4;
    });
    await stack.drain();

    const firings: string[] = [];
    for (const [name, reference] of Object.entries(refs)) {
      const expected = name === 'a' || name === 'b' ? RESPOND : ACK;
      expect((await clockEvents(reference)).sort()).toEqual(expected);
      expect(await breachNotices(reference)).toHaveLength(1);
      firings.push(...(await clockEvents(reference)));
    }
    expect(stack.scheduler.deadLetters()).toEqual([]);
    expect({
      firings: firings.length,
      schedulerFaults: stack.scheduler.faults.injected(),
      sesFaults: stack.ses.faults.refused(),
    }).toEqual({
      firings: 8,
      schedulerFaults: 12 + 9 + 3 + 2,
      sesFaults: 3 + 3,
    });
  });
});
