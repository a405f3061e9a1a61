/**
 * `npm run walkthrough`: takes one complaint through
 * its whole life under a policy preset, on real working days, and prints
 * every step, the clocks it starts or stops, and each letter with the
 * Code's mandatory-element check.
 *
 *   npm run walkthrough -- --policy livewest-2025 --received 2026-12-23 [--letters]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Command,
  type ComplaintState,
  checkLetter,
  compareDates,
  composeLetter,
  decide,
  type Intent,
  type IsoDate,
  londonDate,
  type Policy,
  presetById,
  presets,
  renderLetterText,
  runningClocks,
  ukBankHolidays,
  type WorkingCalendar,
  workingCalendar,
} from '@hearth/domain';

const landlord = {
  name: 'Hearth Demo Homes',
  address: ['1 High Street', 'Anytown', 'AN1 1AA'],
  phone: '0300 000 0000',
  email: 'complaints@example.org',
};

const definition = {
  issues: [
    { id: 'i1', summary: 'The boiler repair was not completed', inScope: true },
    { id: 'i2', summary: 'Engineers missed two appointments', inScope: true },
  ],
  outcomesSought: ['A working boiler', 'An apology'],
};

const decisions = [
  {
    issueId: 'i1',
    decision: 'upheld',
    reasons: 'Three visits failed to fix the fault.',
  },
  {
    issueId: 'i2',
    decision: 'partly-upheld',
    reasons: 'One of the two appointments was moved at the resident’s request.',
  },
] as const;

export interface WalkthroughOptions {
  readonly policy: Policy;
  readonly received: IsoDate;
  readonly letters: boolean;
}

/** Runs the lifecycle and returns the printed lines (for tests and stdout). */
export function walkthrough(options: WalkthroughOptions): string[] {
  const { policy } = options;
  const calendar = workingCalendar({
    nation: policy.nation,
    feed: ukBankHolidays,
    closureDays: policy.closureDays,
  });
  const out: string[] = [
    `${policy.title} (${policy.id}, ${policy.version}) — ${policy.landlord}`,
    `Working days: ${policy.nation}${policy.closureDays.length ? ` less ${policy.closureDays.length} closure days` : ''}`,
    '',
  ];
  let state: ComplaintState | undefined;
  let ids = 0;
  let today = options.received;

  const run = (label: string, command: Command, actor = 'officer-ana') => {
    const result = decide(state, command, {
      now: `${today}T10:00:00Z`,
      policy,
      calendar,
      actor: { kind: actor === 'resident' ? 'resident' : 'staff', id: actor },
      newId: () => `id-${++ids}`,
    });
    if (!result.ok) {
      throw new Error(
        `${label}: ${result.rejection.code} ${result.rejection.message}`,
      );
    }
    state = result.state;
    out.push(`${weekday(today)} ${today}  ${label}`);
    for (const e of result.events) {
      if (e.type === 'clock-breached')
        out.push(`    ! breach recorded: ${e.clockId} (due ${e.dueOn})`);
    }
    for (const intent of result.intents)
      out.push(...describe(intent, state, calendar));
    for (const clock of runningClocks(state, policy, calendar)) {
      out.push(
        `    · ${clock.label}: due ${clock.dueOn}${clock.breachOn ? `, breach ${clock.breachOn}` : ''}`,
      );
    }
  };

  const describe = (
    intent: Intent,
    s: ComplaintState,
    cal: WorkingCalendar,
  ): string[] => {
    if (intent.type !== 'send-letter') return [];
    const letter = composeLetter(intent.kind, s, {
      policy,
      calendar: cal,
      today,
      landlord,
      letterId: intent.letterId,
    });
    const check = checkLetter(letter);
    const verdict = check.ok
      ? 'passes the Code check'
      : `BLOCKED: missing ${check.missing.map((m) => `${m.element} (${m.clause})`).join(', ')}`;
    const lines = [
      `    ✉ ${intent.kind} → ${letter.recipients[0]?.delivery ?? '?'}: ${verdict}`,
    ];
    if (options.letters) {
      lines.push(
        ...renderLetterText(letter)
          .split('\n')
          .map((l) => `      | ${l}`),
      );
    }
    return lines;
  };

  const due = (clockId: string): IsoDate | undefined =>
    state === undefined
      ? undefined
      : runningClocks(state, policy, calendar).find((c) => c.id === clockId)
          ?.dueOn;
  // Act a working day before a clock falls due: a well-run case.
  const before = (clockId: string) => {
    const on = due(clockId);
    if (on === undefined) throw new Error(`no ${clockId} clock`);
    const target = calendar.addWorkingDays(on, -1);
    if (compareDates(target, today) > 0) today = target;
  };
  const next = (n = 1) => {
    today = calendar.addWorkingDays(today, n);
  };

  run(
    'Complaint received through the web form',
    {
      type: 'receive',
      id: 'demo-1',
      reference: 'HTH-2026-000001',
      channel: 'web',
      receivedAt: `${options.received}T10:00:00Z`,
      summary:
        'My boiler has failed three times and engineers keep missing appointments.',
      outcomeSought: 'A working boiler',
      resident: {
        name: 'Jo Resident',
        email: 'jo@example.org',
        preferredContact: 'email',
        formats: [],
      },
    },
    'resident',
  );

  if (state?.status === 'informal') {
    next();
    run(
      `${policy.informalStage?.name ?? 'Informal'} stage did not resolve it: logged at stage 1`,
      {
        type: 'log-at-stage-1',
        reason: 'Resident not satisfied with the first response',
      },
    );
  }
  next();
  run('Stage 1 acknowledged and defined', {
    type: 'acknowledge',
    stage: 1,
    definition,
  });
  before('stage1.respond');
  run('Stage 1 response sent', {
    type: 'respond',
    stage: 1,
    decisions,
    summary: 'We are sorry: we will replace the boiler.',
    remedies: [
      {
        kind: 'apology',
        description: 'We apologise for the failed repairs and missed visits.',
      },
    ],
    actions: [
      {
        description: 'Replace the boiler',
        owner: 'Repairs',
        dueOn: calendar.addWorkingDays(today, 10),
      },
    ],
  });
  next(3);
  run(
    'Resident asks for stage 2 (no reasons given)',
    {
      type: 'request-escalation',
      receivedAt: `${today}T09:00:00Z`,
      channel: 'phone',
    },
    'resident',
  );
  next();
  run('Stage 2 handler assigned', {
    type: 'assign',
    stage: 2,
    handler: 'manager-ben',
  });
  run('Stage 2 acknowledged and defined', {
    type: 'acknowledge',
    stage: 2,
    definition,
  });
  if (policy.stage2.meeting !== undefined) {
    before('stage2.meeting');
    run('Stage 2 review meeting held', {
      type: 'record-meeting',
      stage: 2,
      heldOn: today,
    });
  }
  before('stage2.respond');
  run(
    'Stage 2 (final) response sent',
    {
      type: 'respond',
      stage: 2,
      decisions,
      summary: 'We uphold the stage 1 decision and add compensation.',
      remedies: [
        {
          kind: 'financial',
          description: 'Compensation for three weeks without heating',
          amountPence: 15000,
          dueOn: calendar.addWorkingDays(today, 5),
        },
      ],
    },
    'manager-ben',
  );
  next();
  run('Closed', {
    type: 'close',
    reason: 'Final response sent',
    learning: 'Check parts stock before booking boiler repairs',
  });
  return out;
}

function weekday(date: IsoDate): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    timeZone: 'UTC',
  });
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      policy: { type: 'string', default: 'code-2024' },
      received: { type: 'string' },
      letters: { type: 'boolean', default: false },
    },
  });
  const policy = presetById(values.policy);
  if (policy === undefined) {
    console.error(
      `Unknown policy "${values.policy}". Presets: ${presets.map((p) => p.id).join(', ')}`,
    );
    return 2;
  }
  const received = values.received ?? londonDate(new Date().toISOString());
  console.log(
    walkthrough({ policy, received, letters: values.letters }).join('\n'),
  );
  console.log(
    '\nRun with --letters to print each letter in full; --policy <id> to change the policy.',
  );
  return 0;
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === import.meta.filename
) {
  process.exitCode = main(process.argv.slice(2));
}
