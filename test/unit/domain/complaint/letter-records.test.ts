import { describe, expect, it } from 'vitest';
import { code2024 } from '../../../../domain/index.js';
import {
  at,
  harness,
  receiveCommand,
  resident,
  system,
} from '../support/harness.js';

const emailed = () => {
  const h = harness(code2024);
  h.do(
    receiveCommand(at('2026-11-20'), {
      channel: 'email',
      messageId: '<first@example.org>',
    }),
    at('2026-11-20'),
    resident,
  );
  return h;
};

describe('letters and email on the record', () => {
  it('answers an email complaint with an automatic receipt reply, whatever the policy', () => {
    const h = emailed();

    expect(h.intents).toContainEqual(
      expect.objectContaining({
        type: 'send-letter',
        kind: 'receipt-confirmation',
      }),
    );
    expect(h.state.sourceMessageId).toBe('<first@example.org>');
  });

  it('records each letter once, however often the letters job reports it', () => {
    const h = emailed();
    const report = {
      type: 'record-letter',
      letterId: 'c-1/receipt-confirmation/1',
      kind: 'receipt-confirmation',
      outcome: 'sent',
      messageId: '<c-1.receipt-confirmation.1@hearth.local>',
    } as const;

    const first = h.do(report, at('2026-11-20', '10:01'), system);
    const again = h.do(report, at('2026-11-20', '10:02'), system);

    expect(first.events.map((e) => e.type)).toEqual(['letter-recorded']);
    expect(again.events).toEqual([]);
    expect(h.state.letters).toEqual([
      {
        id: 'c-1/receipt-confirmation/1',
        kind: 'receipt-confirmation',
        status: 'sent',
        on: '2026-11-20',
        messageId: '<c-1.receipt-confirmation.1@hearth.local>',
      },
    ]);
  });

  it('keeps a blocked letter with what it was missing, and needs that reason', () => {
    const h = emailed();

    const noReason = h.try(
      {
        type: 'record-letter',
        letterId: 'x/1',
        kind: 'decline',
        outcome: 'blocked',
      },
      at('2026-11-20'),
      system,
    );
    h.do(
      {
        type: 'record-letter',
        letterId: 'x/1',
        kind: 'decline',
        outcome: 'blocked',
        missing: ['reasons'],
      },
      at('2026-11-20'),
      system,
    );

    expect(noReason).toMatchObject({
      ok: false,
      rejection: { code: 'LETTER.BLOCKED_WITHOUT_REASON', field: 'missing' },
    });
    expect(h.state.letters[0]).toMatchObject({
      status: 'blocked',
      missing: ['reasons'],
    });
  });

  it('marks a printed letter posted, only from the print queue', () => {
    const h = emailed();
    h.do(
      {
        type: 'record-letter',
        letterId: 'p/1',
        kind: 'stage1-response',
        outcome: 'queued-for-post',
        pdfKey: 'letters/p-1.pdf',
      },
      at('2026-11-20'),
      system,
    );

    h.do({ type: 'mark-letter-posted', letterId: 'p/1' }, at('2026-11-23'));
    const twice = h.try(
      { type: 'mark-letter-posted', letterId: 'p/1' },
      at('2026-11-23'),
    );
    const unknown = h.try(
      { type: 'mark-letter-posted', letterId: 'nope' },
      at('2026-11-23'),
    );

    expect(h.state.letters[0]).toMatchObject({
      status: 'posted',
      on: '2026-11-23',
      pdfKey: 'letters/p-1.pdf',
    });
    expect(twice).toMatchObject({
      ok: false,
      rejection: { code: 'LETTER.NOT_IN_PRINT_QUEUE' },
    });
    expect(unknown).toMatchObject({
      ok: false,
      rejection: { code: 'LETTER.NOT_FOUND' },
    });
  });

  it('records the same email once, and keeps its attachments', () => {
    const h = emailed();
    const reply = {
      type: 'record-correspondence',
      direction: 'in',
      channel: 'email',
      at: at('2026-11-21', '08:00'),
      summary: 'Photos of the damp',
      messageId: '<reply@example.org>',
      attachments: [
        {
          key: 'attachments/c-1/damp.jpg',
          filename: 'damp.jpg',
          contentType: 'image/jpeg',
          size: 1200,
          receivedAt: at('2026-11-21', '08:00'),
        },
      ],
    } as const;

    h.do(reply, at('2026-11-21'), system);
    const again = h.do(reply, at('2026-11-21', '11:00'), system);
    const original = h.do(
      { ...reply, messageId: '<first@example.org>' },
      at('2026-11-21'),
      system,
    );

    expect(again.events).toEqual([]);
    expect(original.events).toEqual([]);
    expect(h.state.correspondence).toHaveLength(1);
    expect(h.state.attachments.map((a) => a.filename)).toEqual(['damp.jpg']);
  });
});
