import {
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { ukBankHolidays, workingCalendar } from '@hearth/domain';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import type { LocalStack } from '../../infra/local/start.js';
import { startTestStack } from './support/stack.js';

let stack: LocalStack;
let scheduler: SchedulerClient;
let api: string;
const logged: string[] = [];
const restore: (() => void)[] = [];

// Everything the handlers log goes to stdout/stderr in this process: keep
// it, to prove no resident's personal data is ever logged.
function capture(stream: NodeJS.WriteStream) {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return write(chunk as string, ...(rest as []));
  }) as typeof stream.write;
  restore.push(() => {
    stream.write = write;
  });
}

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  capture(process.stdout);
  capture(process.stderr);
  stack = await startTestStack({
    organisationId: 'life-org',
    log: (line) => logged.push(line),
  });
  api = String(stack.urls.api);
  scheduler = new SchedulerClient({
    endpoint: String(stack.urls['scheduler API']),
    region: localRegion,
    credentials: localCredentials,
  });
}, 60_000);

afterAll(async () => {
  scheduler?.destroy();
  await stack?.stop();
  for (const undo of restore) undo();
});

const resident = {
  name: 'Jo Lifecycle',
  email: 'jo.lifecycle@example.org',
  phone: '07700 900123',
  address: ['Flat 9, Hearth House', '12 Ember Street', 'AB1 2CD'],
};

async function tokenFor(username: string, groups: string[]) {
  const response = await fetch(String(stack.urls['staff sign-in (POST)']), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups, organisationId: 'life-org' }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
}

async function call(
  token: string | undefined,
  method: string,
  route: string,
  body?: unknown,
) {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (response.status >= 400)
    throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return parsed;
}

async function mailIn(message: SendMailOptions) {
  const port = Number(new URL(String(stack.urls.SMTP)).port);
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail(message);
  transport.close();
  await stack.drain();
}

/** The letters the SES stand-in has sent for one complaint, oldest first. */
async function lettersFor(reference: string) {
  return (await stack.ses.sent()).filter((m) =>
    m.subject.includes(`[${reference}]`),
  );
}

async function clocksScheduled(reference: string): Promise<string[]> {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({
      GroupName: 'hearth-deadlines',
      MaxResults: 100,
    }),
  );
  const out: string[] = [];
  for (const s of Schedules) {
    const full = await scheduler.send(
      new GetScheduleCommand({ Name: s.Name, GroupName: 'hearth-deadlines' }),
    );
    const input = JSON.parse(String(full.Target?.Input));
    if (input.complaintId === reference)
      out.push(`${input.clockId}:${input.fire}`);
  }
  return out.sort();
}

describe('one complaint through every channel and its whole two-stage life', () => {
  it('runs web, email and phone intake, both stages with an extension, a remedy and an action, letters, schedules, a reminder and a breach', async () => {
    const officer = await tokenFor('ana', ['officer']);
    const manager = await tokenFor('ben', ['manager']);

    // ── three channels ────────────────────────────────────────────────
    const web = await call(undefined, 'POST', '/complaints', {
      summary:
        'The boiler has failed three times and engineers keep missing appointments.',
      outcomeSought: 'A working boiler',
      resident: { ...resident, preferredContact: 'email' },
    });
    const ref = web.reference as string;
    await stack.drain();
    expect(await clocksScheduled(ref)).toEqual([
      'stage1.acknowledge:breach',
      'stage1.acknowledge:reminder',
    ]);

    await mailIn({
      from: 'Sam Emailer <sam.emailer@example.org>',
      to: 'complaints@life-org.localhost',
      subject: 'Damp in my bedroom',
      text: 'There is black mould on the bedroom wall and nobody has come.',
    });
    const emailReceipt = (await stack.ses.sent()).find((m) =>
      m.destination.to.some((t) => t.includes('sam.emailer@example.org')),
    );
    expect(emailReceipt?.subject).toMatch(/\[HTH-\d{4}-\d{6}\]/);

    const phone = await call(officer, 'POST', '/staff/complaints', {
      channel: 'phone',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      summary: 'Caller reports the communal lights are out on the stairs.',
      resident: {
        name: 'Lee Caller',
        phone: '01234 567890',
        preferredContact: 'phone',
      },
    });
    expect(phone.status).toBe('stage1-received');

    // ── stage 1 ───────────────────────────────────────────────────────
    const stage = (name: string) => `/staff/complaints/${ref}/${name}`;
    await call(officer, 'POST', stage('acknowledgment'), {
      type: 'assign',
      stage: 1,
      handler: 'ana',
    });
    await call(officer, 'POST', stage('acknowledgment'), {
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [
          {
            id: 'boiler',
            summary: 'The boiler repair was not completed',
            inScope: true,
          },
          {
            id: 'visits',
            summary: 'Engineers missed appointments',
            inScope: true,
          },
        ],
        outcomesSought: ['A working boiler'],
      },
    });
    await stack.drain();
    const [ack] = await lettersFor(ref);
    expect(ack?.subject).toMatch(/logged/i);
    expect(await clocksScheduled(ref)).toEqual([
      'stage1.respond:breach',
      'stage1.respond:reminder',
    ]);

    // The resident replies to the acknowledgement: threaded, not a new case.
    const ackLetter = (await call(officer, 'GET', `/staff/complaints/${ref}`))
      .complaint.letters[0];
    const ackMessageId = String(ackLetter.messageId);
    await mailIn({
      from: `${resident.name} <${resident.email}>`,
      to: 'complaints@life-org.localhost',
      subject: `Re: ${ack?.subject}`,
      inReplyTo: ackMessageId,
      references: [ackMessageId],
      text: 'Thank you. The engineer did not come again today.',
    });
    const afterReply = await call(officer, 'GET', `/staff/complaints/${ref}`);
    expect(afterReply.complaint.correspondence).toEqual([
      expect.objectContaining({ direction: 'in', channel: 'email' }),
    ]);

    const clocks = afterReply.clocks as { id: string; dueOn: string }[];
    const respondDue =
      clocks.find((c) => c.id === 'stage1.respond')?.dueOn ?? '';
    await call(officer, 'POST', stage('acknowledgment'), {
      type: 'extend',
      stage: 1,
      newDueOn: calendar.addWorkingDays(respondDue, 3),
      reasons: 'We are waiting for the boiler manufacturer to report.',
    });
    await call(officer, 'POST', stage('closure'), {
      type: 'respond',
      stage: 1,
      decisions: [
        {
          issueId: 'boiler',
          decision: 'upheld',
          reasons: 'Three visits did not fix the fault.',
        },
        {
          issueId: 'visits',
          decision: 'upheld',
          reasons: 'Two appointments were missed.',
        },
      ],
      summary: 'We are sorry. We will replace the boiler and pay compensation.',
      remedies: [
        {
          kind: 'financial',
          description: 'Compensation for time without heating',
          amountPence: 15000,
          dueOn: nextWorkingDayAfter(respondDue, 10),
        },
      ],
      actions: [
        {
          description: 'Replace the boiler',
          owner: 'Repairs',
          dueOn: nextWorkingDayAfter(respondDue, 15),
        },
      ],
    });
    await stack.drain();
    expect(await clocksScheduled(ref)).toEqual(
      [
        `action.${await actionId(officer, ref)}:breach`,
        `action.${await actionId(officer, ref)}:reminder`,
        `remedy.${await remedyId(officer, ref)}:breach`,
        `remedy.${await remedyId(officer, ref)}:reminder`,
      ].sort(),
    );

    // ── stage 2 ───────────────────────────────────────────────────────
    await call(officer, 'POST', stage('escalation'), {
      type: 'request-escalation',
      receivedAt: new Date().toISOString(),
      channel: 'phone',
    });
    await call(manager, 'POST', stage('acknowledgment'), {
      type: 'assign',
      stage: 2,
      handler: 'ben',
    });
    await call(manager, 'POST', stage('acknowledgment'), {
      type: 'acknowledge',
      stage: 2,
      definition: {
        issues: [
          {
            id: 'boiler',
            summary: 'The boiler is still not replaced',
            inScope: true,
          },
        ],
        outcomesSought: ['A new boiler'],
      },
    });
    await stack.drain();
    expect(await clocksScheduled(ref)).toEqual(
      expect.arrayContaining([
        'stage2.respond:breach',
        'stage2.respond:reminder',
      ]),
    );

    // Move the Scheduler's clock past the stage 2 due date: reminder, then breach.
    const stage2 = (
      await call(manager, 'GET', `/staff/complaints/${ref}`)
    ).clocks.find((c: { id: string }) => c.id === 'stage2.respond');
    await stack.scheduler.clock.set(new Date(`${stage2.breachOn}T08:00:00Z`));
    await stack.drain();
    const afterBreach = await call(manager, 'GET', `/staff/complaints/${ref}`);
    const types = afterBreach.timeline.map((e: { type: string }) => e.type);
    expect(afterBreach.complaint.clockMarks).toEqual(
      expect.arrayContaining([
        { clockId: 'stage2.respond', dueOn: stage2.dueOn, kind: 'reminder' },
        { clockId: 'stage2.respond', dueOn: stage2.dueOn, kind: 'breach' },
      ]),
    );
    expect(
      types.filter((t: string) => t === 'clock-breached').length,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await stack.ses.sent()).some((m) =>
        m.subject.includes(`Breach: ${ref}`),
      ),
    ).toBe(true);

    await call(manager, 'POST', stage('closure'), {
      type: 'respond',
      stage: 2,
      decisions: [
        {
          issueId: 'boiler',
          decision: 'upheld',
          reasons: 'The replacement is booked.',
        },
      ],
      summary: 'We uphold your complaint. This is our final response.',
    });
    const now = await call(officer, 'GET', `/staff/complaints/${ref}`);
    for (const r of now.complaint.remedies) {
      await call(officer, 'POST', stage('case-record'), {
        type: 'complete-remedy',
        remedyId: r.id,
      });
    }
    for (const a of now.complaint.actions) {
      await call(officer, 'POST', stage('case-record'), {
        type: 'complete-action',
        actionId: a.id,
      });
    }
    await call(officer, 'POST', stage('closure'), {
      type: 'close',
      reason: 'Final response sent; remedies done',
      learning: 'Keep boiler parts in stock',
    });
    await stack.drain();

    // ── the letters the resident received, and what was never logged ──
    const kinds = (
      await call(officer, 'GET', `/staff/complaints/${ref}`)
    ).complaint.letters.map(
      (l: { kind: string; status: string }) => `${l.kind}:${l.status}`,
    );
    expect(kinds).toEqual([
      'stage1-acknowledgement:sent',
      'stage1-extension:sent',
      'stage1-response:sent',
      'stage2-acknowledgement:sent',
      'stage2-response:sent',
      'closure:sent',
    ]);
    expect(await lettersFor(ref)).toHaveLength(6);
    expect(await clocksScheduled(ref)).toEqual([]);

    const logs = logged.join('\n');
    expect(logs).toContain(ref);
    // Each staff request's log lines carry its API Gateway request id.
    expect(logs).toMatch(/"correlation_id":"[^"]+"/);
    expect(logs).not.toContain(
      'correlationIdPath is set but no search function',
    );
    for (const secret of [
      resident.name,
      resident.email,
      resident.phone,
      ...resident.address,
      'sam.emailer@example.org',
      'Lee Caller',
      'black mould',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

async function remedyId(token: string, ref: string): Promise<string> {
  return (await call(token, 'GET', `/staff/complaints/${ref}`)).complaint
    .remedies[0].id;
}

async function actionId(token: string, ref: string): Promise<string> {
  return (await call(token, 'GET', `/staff/complaints/${ref}`)).complaint
    .actions[0].id;
}

const calendar = workingCalendar({
  nation: 'england-and-wales',
  feed: ukBankHolidays,
});
const nextWorkingDayAfter = (date: string, n: number) =>
  calendar.addWorkingDays(date, n);
