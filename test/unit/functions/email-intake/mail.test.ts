import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  cut,
  limits,
  parseMail,
} from '../../../../functions/email-intake/mail.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/mail/${name}`, import.meta.url));

async function parsed(raw: Buffer | string) {
  const result = await parseMail(Buffer.from(raw));
  if (!result.ok) throw new Error(`quarantined: ${result.reason}`);
  return result.mail;
}

describe('parseMail', () => {
  it('reads a real-shaped complaint: sender, subject, text, date and files', async () => {
    const mail = await parsed(fixture('new-complaint.eml'));

    expect(mail).toMatchObject({
      messageId: '<CAF3x9k2m5Qp7wT1@mail.example.org>',
      from: { address: 'alex.resident@example.org', name: 'Alex Resident' },
      subject: 'Damp and mould in my bedroom - still not fixed',
      date: 'Tue, 24 Nov 2026 09:15:00 +0000',
      threadIds: [],
    });
    expect(mail.text).toContain('My son has asthma');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['bedroom wall.jpg', 'image/jpeg'],
      ['repair-log.pdf', 'application/pdf'],
    ]);
  });

  it('reads In-Reply-To first, then References newest first', async () => {
    const mail = await parsed(fixture('reply-to-letter.eml'));

    expect(mail.threadIds).toEqual([
      '<HTH-2026-000001.stage1-acknowledgement.2@livewest.example>',
      '<HTH-2026-000001.receipt-confirmation.1@livewest.example>',
    ]);
    expect(mail.from.address).toBe('Alex.Resident@Example.org');
  });

  it('converts an HTML-only body in another charset to text', async () => {
    const mail = await parsed(fixture('html-only.eml'));

    expect(mail.subject).toBe('Rent statement – overcharged');
    expect(mail.from.name).toBe("Siobhán O'Reilly");
    expect(mail.text).toContain('£12.50 twice');
    expect(mail.text).not.toContain('<p>');
    expect(mail.text).not.toContain('color: red');
  });

  it('keys a message without a Message-ID on the SHA-256 of the raw', async () => {
    const raw = fixture('no-message-id.eml');
    const mail = await parsed(raw);

    expect(mail.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await parsed(raw)).messageId).toBe(mail.messageId);
  });

  it('names the sender by the local part when there is no display name', async () => {
    const mail = await parsed(
      'From: sam.neighbour@example.com\nSubject: x\n\nbody',
    );
    expect(mail.from).toEqual({
      address: 'sam.neighbour@example.com',
      name: 'sam.neighbour',
    });
  });

  it('survives a part whose Content-Type the parser cannot read (found by the fuzz)', async () => {
    const mail = await parsed(
      'From: Alex <alex@example.org>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: "" <a@a.aa>\r\n\r\n\r\n',
    );
    expect(mail.attachments).toEqual([
      { contentType: 'application/octet-stream', content: expect.any(Buffer) },
    ]);
  });

  it('keeps every file with a name or a non-text type', async () => {
    const mail = await parsed(fixture('hostile-filenames.eml'));

    expect(mail.attachments.map((a) => a.filename)).toEqual([
      '../../etc/passwd',
      'con.txt\u0000.exe',
      undefined,
    ]);
  });
});

describe('parseMail tells a machine’s message', () => {
  it.each([
    ['a delivery report', 'bounce.eml', true],
    ['an Auto-Submitted reply', 'out-of-office.eml', true],
    ['a person’s reply', 'reply-to-letter.eml', false],
  ])('%s', async (_, name, automatic) => {
    expect((await parsed(fixture(name))).automatic).toBe(automatic);
  });
});

describe('parseMail quarantines', () => {
  it('a message without From', async () => {
    expect(await parseMail(fixture('no-from.eml'))).toEqual({
      ok: false,
      reason: 'no-from',
    });
  });

  it.each([
    ['an empty From', 'From: \nSubject: x\n\nbody'],
    ['a From with no address', 'From: Alex Resident\nSubject: x\n\nbody'],
    ['a From with a broken address', 'From: <alex@>\n\nbody'],
    ['binary junk', Buffer.from([0, 255, 1, 254, 10, 13, 0, 0])],
    ['nothing at all', ''],
  ])('%s as no-from', async (_, raw) => {
    expect(await parseMail(Buffer.from(raw))).toEqual({
      ok: false,
      reason: 'no-from',
    });
  });

  it('a header block past the limit as unparseable', async () => {
    const raw = `From: a@example.org\nX-Junk: ${'x'.repeat(limits.maxHeadBytes + 10)}\n\nbody`;
    expect(await parseMail(Buffer.from(raw))).toEqual({
      ok: false,
      reason: 'unparseable',
    });
  });

  it('too many MIME parts as unparseable', async () => {
    const parts = Array.from(
      { length: limits.maxParts + 5 },
      () => '--b\nContent-Type: text/plain\n\nx\n',
    ).join('');
    const raw = `From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n${parts}--b--\n`;
    expect(await parseMail(Buffer.from(raw))).toEqual({
      ok: false,
      reason: 'unparseable',
    });
  });

  it('more files than are kept', async () => {
    const parts = Array.from(
      { length: limits.maxAttachments + 1 },
      (_, i) =>
        `--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=f${i}.pdf\n\n%PDF\n`,
    ).join('');
    const raw = `From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n${parts}--b--\n`;
    expect(await parseMail(Buffer.from(raw))).toEqual({
      ok: false,
      reason: 'too-many-attachments',
    });
  });

  it('a message over 25 MB without parsing it', async () => {
    const raw = Buffer.alloc(limits.maxRawBytes + 1, 0x61);
    expect(await parseMail(raw)).toEqual({ ok: false, reason: 'too-large' });
  });
});

describe('cleanText and cut', () => {
  it('drops control characters and lone surrogates, keeps tabs and newlines', () => {
    expect(cleanText('a\u0000b\r\nc\td\u0007\uD800')).toBe('ab\nc\td\uFFFD');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(cut('ab😀', 3)).toBe('ab');
    expect(cut('ab😀', 4)).toBe('ab😀');
  });
});
