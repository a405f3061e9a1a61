import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import type { LocalStack } from '../../infra/local/start.js';
import { freePort } from './support/global-setup.js';
import { startTestStack } from './support/stack.js';

const org = 'clock-org';
let stack: LocalStack;
let scheduler: SchedulerClient;
let repository: DynamoDbComplaintRepository;

beforeAll(async () => {
  const dynamodbPort = await freePort();
  stack = await startTestStack({ organisationId: 'clock-org', dynamodbPort });
  scheduler = new SchedulerClient({
    endpoint: String(stack.urls['scheduler API']),
    region: localRegion,
    credentials: localCredentials,
  });
  repository = new DynamoDbComplaintRepository({
    client: DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${dynamodbPort}`,
        region: localRegion,
        credentials: localCredentials,
      }),
    ),
    tableName: 'hearth-local',
  });
}, 60_000);
afterAll(async () => {
  scheduler?.destroy();
  await stack?.stop();
});

async function complain(): Promise<string> {
  const response = await fetch(`${stack.urls.api}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      summary: 'Nobody has fixed the heating in the sheltered scheme lounge.',
      resident: {
        name: 'Pat Resident',
        email: 'pat@example.org',
        preferredContact: 'email',
      },
    }),
  });
  expect(response.status).toBe(201);
  const { reference } = (await response.json()) as { reference: string };
  await stack.drain();
  return reference;
}

interface Firing {
  readonly name: string;
  readonly expression: string;
  readonly input: {
    complaintId: string;
    clockId: string;
    dueOn: string;
    fire: string;
  };
}

async function schedulesOf(reference: string): Promise<Firing[]> {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: 'hearth-deadlines' }),
  );
  const out: Firing[] = [];
  for (const s of Schedules) {
    const full = await scheduler.send(
      new GetScheduleCommand({ Name: s.Name, GroupName: 'hearth-deadlines' }),
    );
    const input = JSON.parse(String(full.Target?.Input));
    if (input.complaintId === reference) {
      out.push({
        name: String(s.Name),
        expression: String(full.ScheduleExpression),
        input,
      });
    }
  }
  return out.sort((a, b) => a.expression.localeCompare(b.expression));
}

/** Moves the Scheduler's clock to 07:01 London time on a date (BST ignored: November). */
const moveTo = (date: string) =>
  stack.scheduler.clock.set(new Date(`${date}T07:01:00Z`));

// The breach test moves the Scheduler's clock forward for good, so the
// sweep test, which needs its schedules in the future, runs first.
describe('deadlines on the local EventBridge Scheduler', () => {
  it('re-creates schedules that were lost, when the sweep runs', async () => {
    const reference = await complain();
    const before = await schedulesOf(reference);
    for (const f of before) {
      await scheduler.send(
        new DeleteScheduleCommand({
          Name: f.name,
          GroupName: 'hearth-deadlines',
        }),
      );
    }
    expect(await schedulesOf(reference)).toEqual([]);

    const report = (await stack.lambdas.invoke('sweep', {})) as {
      repaired: number;
      repairedCases: string[];
    };

    expect(report.repaired).toBe(2);
    expect(report.repairedCases).toEqual([reference]);
    expect((await schedulesOf(reference)).map((f) => f.name)).toEqual(
      before.map((f) => f.name),
    );
  });

  it('schedules the acknowledgement reminder and breach, fires each once, and tells staff of the breach', async () => {
    const reference = await complain();

    const firings = await schedulesOf(reference);
    expect(firings.map((f) => [f.input.clockId, f.input.fire])).toEqual([
      ['stage1.acknowledge', 'reminder'],
      ['stage1.acknowledge', 'breach'],
    ]);
    expect(
      firings.every((f) =>
        /^at\(\d{4}-\d{2}-\d{2}T07:00:00\)$/.test(f.expression),
      ),
    ).toBe(true);
    expect(firings.every((f) => f.name.length <= 64)).toBe(true);
    const dueOn = firings[0]?.input.dueOn ?? '';
    const [reminderOn, breachOn] = firings.map((f) =>
      f.expression.slice(3, 13),
    );

    await moveTo(String(reminderOn));
    const afterReminder = await repository.history(org, reference);
    await moveTo(String(breachOn));
    const afterBreach = await repository.history(org, reference);
    await stack.drain();

    const kinds = (h: typeof afterBreach) =>
      h.flatMap((d) => d.events.map((e) => e.type));
    expect(kinds(afterReminder)).toContain('clock-reminded');
    expect(kinds(afterReminder)).not.toContain('clock-breached');
    expect(
      kinds(afterBreach).filter((k) => k === 'clock-breached'),
    ).toHaveLength(1);
    expect(await schedulesOf(reference)).toEqual([]);
    const notices = (await stack.ses.sent()).filter((m) =>
      m.subject.includes(`Breach: ${reference}`),
    );
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0])).not.toContain('Pat Resident');
    expect(dueOn < String(breachOn)).toBe(true);
  });
});
