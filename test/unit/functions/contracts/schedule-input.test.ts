import {
  code2024,
  decide,
  type NoteClock,
  type ScheduleIntent,
  ukBankHolidays,
  workingCalendar,
} from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import {
  parseRow,
  type ScheduleInput,
  StoredRowError,
  scheduleInputSchema,
} from '../../../../functions/shared/contracts/index.js';

/** The schedules a real complaint's receipt asks for. */
function realSchedules(): ScheduleIntent[] {
  const result = decide(
    undefined,
    {
      type: 'receive',
      id: 'c-1',
      reference: 'HTH-2026-000001',
      channel: 'web',
      receivedAt: '2026-12-23T10:00:00Z',
      summary: 'The boiler has failed.',
      resident: {
        name: 'Jo',
        preferredContact: 'phone',
        phone: '0',
        formats: [],
      },
    },
    {
      now: '2026-12-23T10:00:00Z',
      policy: code2024,
      calendar: workingCalendar({
        nation: 'england-and-wales',
        feed: ukBankHolidays,
      }),
      actor: { kind: 'resident', id: 'resident' },
      newId: () => 'id-1',
    },
  );
  if (!result.ok) throw new Error(result.rejection.message);
  return result.intents.flatMap((i) =>
    i.type === 'create-schedule' ? [i.schedule] : [],
  );
}

/** What the schedules job writes as the schedule's Input (the producer). */
function inputFor(schedule: ScheduleIntent): ScheduleInput {
  return {
    organisationId: 'org-1',
    complaintId: schedule.complaintId,
    clockId: schedule.clockId,
    dueOn: schedule.dueOn,
    fire: schedule.fire,
    scheduleName: schedule.name,
  };
}

/** Scheduler delivers `Input: JSON.stringify(input)`, parsed, to the Lambda. */
const delivered = (input: unknown): unknown =>
  JSON.parse(JSON.stringify(input));

const valid = {
  organisationId: 'org-1',
  complaintId: 'c-1',
  clockId: 'stage1.acknowledge',
  dueOn: '2027-01-04',
  fire: 'breach',
  scheduleName: 'c-1.stage1.acknowledge.2027-01-04.breach.2027-01-05',
} satisfies ScheduleInput;

describe('scheduleInputSchema', () => {
  it('reads back what the producer writes for every real schedule', () => {
    const schedules = realSchedules();
    expect(schedules.map((s) => s.fire)).toEqual(['reminder', 'breach']);

    for (const schedule of schedules) {
      const input = inputFor(schedule);
      expect(scheduleInputSchema.parse(delivered(input))).toStrictEqual(input);
    }
  });

  it('gives the deadline job what a note-clock command needs', () => {
    const input = scheduleInputSchema.parse(delivered(valid));
    const command: NoteClock = {
      type: 'note-clock',
      clockId: input.clockId,
      dueOn: input.dueOn,
      kind: input.fire,
    };

    expect(command).toEqual({
      type: 'note-clock',
      clockId: 'stage1.acknowledge',
      dueOn: '2027-01-04',
      kind: 'breach',
    });
  });

  it('drops a key it does not know (an older or newer producer)', () => {
    expect(
      scheduleInputSchema.parse({ ...valid, fireOn: '2027-01-05' }),
    ).toStrictEqual(valid);
  });

  it.each([
    ['organisationId', { organisationId: undefined }],
    ['complaintId', { complaintId: '' }],
    ['clockId', { clockId: 7 }],
    ['dueOn', { dueOn: '2027-02-30' }],
    ['dueOn', { dueOn: '2027-01-04T00:00:00Z' }],
    ['fire', { fire: 'alarm' }],
    ['scheduleName', { scheduleName: null }],
  ])('refuses a bad %s', (path, change) => {
    const result = scheduleInputSchema.safeParse({ ...valid, ...change });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([path]);
  });

  it('refuses a payload that is still a string (Input not parsed)', () => {
    expect(scheduleInputSchema.safeParse(JSON.stringify(valid)).success).toBe(
      false,
    );
  });

  it('names the field through parseRow', () => {
    const run = () =>
      parseRow(
        scheduleInputSchema,
        { ...valid, dueOn: '2027-02-30' },
        'schedule input',
      );

    expect(run).toThrow(StoredRowError);
    expect(run).toThrow('schedule input: dueOn: Invalid date');
  });
});
