import { describe, expect, it } from 'vitest';
import {
  correspondenceCommand,
  receiveCommand,
  receivedAt,
} from '../../../../functions/email-intake/commands.js';
import type { InboundMail } from '../../../../functions/email-intake/mail.js';

const now = '2026-11-24T10:00:00.000Z';

describe('receivedAt', () => {
  it('takes a Date header from the last seven days', () => {
    expect(receivedAt('Tue, 24 Nov 2026 09:15:00 +0000', now)).toBe(
      '2026-11-24T09:15:00.000Z',
    );
    expect(receivedAt('Tue, 17 Nov 2026 10:00:00 +0000', now)).toBe(
      '2026-11-17T10:00:00.000Z',
    );
  });

  it('honours the zone the header gives', () => {
    expect(receivedAt('Tue, 24 Nov 2026 08:15:00 -0100', now)).toBe(
      '2026-11-24T09:15:00.000Z',
    );
  });

  it.each([
    ['missing', undefined],
    ['unparseable', 'yesterday-ish'],
    ['in the future', 'Tue, 24 Nov 2026 10:00:01 +0000'],
    ['more than seven days old', 'Tue, 17 Nov 2026 09:59:59 +0000'],
    ['decades old', 'Thu, 01 Jan 1970 00:00:00 +0000'],
  ])('uses now when the header is %s', (_, header) => {
    expect(receivedAt(header, now)).toBe(now);
  });
});

const mail: InboundMail = {
  messageId: '<m1@example.org>',
  from: { address: 'alex@example.org', name: 'Alex Resident' },
  subject: 'Mould',
  text: 'The bedroom wall is black.',
  threadIds: [],
  automatic: false,
  attachments: [],
};

describe('receiveCommand', () => {
  it('makes an email complaint from the sender, subject and text', () => {
    const command = receiveCommand(mail, 'HTH-2026-000001', now, []);

    expect(command).toEqual({
      type: 'receive',
      id: 'HTH-2026-000001',
      reference: 'HTH-2026-000001',
      channel: 'email',
      receivedAt: now,
      summary: 'Mould\n\nThe bedroom wall is black.',
      resident: {
        name: 'Alex Resident',
        email: 'alex@example.org',
        preferredContact: 'email',
        formats: [],
      },
      messageId: '<m1@example.org>',
      attachments: [],
    });
  });

  it('trims the summary to 20,000 characters', () => {
    const long = { ...mail, text: 'x'.repeat(50_000) };
    expect(receiveCommand(long, 'R', now, []).summary).toHaveLength(20_000);
  });

  it('never sends an empty summary', () => {
    const empty = { ...mail, subject: '', text: '' };
    expect(receiveCommand(empty, 'R', now, []).summary).not.toBe('');
  });
});

describe('correspondenceCommand', () => {
  it('summarises with the first 2,000 characters of the text', () => {
    const command = correspondenceCommand(
      { ...mail, text: 'y'.repeat(5_000) },
      now,
      [],
    );
    expect(command).toMatchObject({
      type: 'record-correspondence',
      direction: 'in',
      channel: 'email',
      at: now,
      messageId: '<m1@example.org>',
    });
    expect(command.summary).toHaveLength(2_000);
  });

  it('falls back to the subject when there is no text', () => {
    expect(correspondenceCommand({ ...mail, text: '' }, now, []).summary).toBe(
      'Mould',
    );
  });
});
