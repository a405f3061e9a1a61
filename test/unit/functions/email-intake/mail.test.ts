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

/** A multipart whose deepest part is `depth` levels below the message. */
function nested(depth: number): string {
  let body = 'Content-Type: text/plain\n\nthe bottom\n';
  for (let level = depth - 1; level >= 1; level -= 1) {
    body = `Content-Type: multipart/mixed; boundary=b${level}\n\n--b${level}\n${body}--b${level}--\n`;
  }
  return `From: a@example.org\nContent-Type: multipart/mixed; boundary=b0\n\n--b0\n${body}--b0--\n`;
}

/** A multipart/mixed message of the parts given, closed. */
function multipart(parts: readonly string[], head = ''): string {
  const body = parts.map((p) => `--b\n${p}\n`).join('');
  return `From: a@example.org\n${head}Content-Type: multipart/mixed; boundary=b\n\n${body}--b--\n`;
}

describe('parseMail decodes legacy charsets (TextDecoder, full ICU)', () => {
  it('reads a Japanese ISO-2022-JP subject and body', async () => {
    const complaint = Buffer.from('\x1b$B6l>p\x1b(B', 'latin1'); // 苦情
    const raw = Buffer.from(
      [
        'From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.jp>',
        `Subject: =?ISO-2022-JP?B?${complaint.toString('base64')}?=`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=ISO-2022-JP',
        'Content-Transfer-Encoding: 7bit',
        '',
        // 部屋の雨漏り: a leak in the room
        '\x1b$BIt20$N1+O3$j\x1b(B',
        '',
      ].join('\r\n'),
      'latin1',
    );

    const mail = await parsed(raw);

    expect(mail.subject).toBe('苦情');
    expect(mail.from).toEqual({ address: 'yamada@example.jp', name: '山田' });
    expect(mail.text).toBe('部屋の雨漏り');
  });

  it('reads a windows-1252 subject and quoted-printable body', async () => {
    const raw = [
      'From: Pat <pat@example.org>',
      'Subject: =?windows-1252?Q?=80100_and_=A312_=96_charged_twice?=',
      'Content-Type: text/plain; charset=windows-1252',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'I was charged =80100 and =A312, =93twice=94.',
      '',
    ].join('\r\n');

    const mail = await parsed(raw);

    expect(mail.subject).toBe('€100 and £12 – charged twice');
    expect(mail.text).toBe('I was charged €100 and £12, “twice”.');
  });

  it('reads an 8-bit windows-1252 body as sent', async () => {
    const raw = Buffer.from(
      'From: pat@example.org\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\nCaf\xe9 \x85 \x93mould\x94\n',
      'latin1',
    );
    expect((await parsed(raw)).text).toBe('Café … “mould”');
  });
});

describe('parseMail limits the structure', () => {
  it('reads a message nested as deep as the limit', async () => {
    const mail = await parsed(nested(limits.maxDepth));
    expect(mail.text).toBe('the bottom');
  });

  it('quarantines a message nested deeper than the limit as unparseable', async () => {
    expect(await parseMail(Buffer.from(nested(limits.maxDepth + 1)))).toEqual({
      ok: false,
      reason: 'unparseable',
    });
  });

  it('reads a message of as many parts as the limit (itself counted)', async () => {
    const parts = Array.from(
      { length: limits.maxParts - 1 },
      (_, i) => `Content-Type: text/plain\n\npart ${i}`,
    );
    const mail = await parsed(multipart(parts));
    expect(mail.text).toContain(`part ${limits.maxParts - 2}`);
  });

  it('stops at the part past the limit, not after parsing them all', async () => {
    // Unchecked, 500,000 empty parts take the parser many seconds.
    const raw = `From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n${'--b\n\nx\n'.repeat(500_000)}--b--\n`;
    expect(await parseMail(Buffer.from(raw))).toEqual({
      ok: false,
      reason: 'unparseable',
    });
  }, 5_000);

  it('keeps as many files as the limit', async () => {
    const parts = Array.from(
      { length: limits.maxAttachments },
      (_, i) =>
        `Content-Type: image/png\nContent-Disposition: inline\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo${i}`,
    );
    const mail = await parsed(multipart(parts));
    expect(mail.attachments).toHaveLength(limits.maxAttachments);
    expect(mail.attachments[0]).toEqual({
      contentType: 'image/png',
      content: Buffer.from('iVBORw0KGgo0', 'base64'),
    });
  });

  it('quarantines one file more than the limit, inline images counted', async () => {
    const parts = Array.from(
      { length: limits.maxAttachments + 1 },
      (_, i) =>
        `Content-Type: image/jpeg; name="photo${i}.jpg"\nContent-Transfer-Encoding: base64\n\n/9j/4AAQ`,
    );
    expect(await parseMail(Buffer.from(multipart(parts)))).toEqual({
      ok: false,
      reason: 'too-many-attachments',
    });
  });
});

describe('parseMail reads as mailparser did', () => {
  it('makes the text of an HTML-only body: no tags, scripts or styles; entities decoded', async () => {
    const raw = [
      'From: a@example.org',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><head><title>Ignored</title><style>p{color:red}</style></head>',
      '<body><p>Rent&nbsp;of &pound;12.50 &amp; a<br>leak &#8211; it&#x2019;s',
      'bad</p><script>alert(1)</script><!-- hidden --><div>Thanks</div></body></html>',
    ].join('\n');

    expect((await parsed(raw)).text).toBe(
      'Rent of £12.50 & a\nleak – it’s bad\n\nThanks',
    );
  });

  it('makes text of hostile HTML in linear time', async () => {
    const unclosed = ['<', '<a href=x ', '<br ', '&#x', '</p '].map((t) =>
      t.repeat(100_000),
    );
    const html = `<p>kept</p>${unclosed.join('')}<style>${'<!--<p>'.repeat(100_000)}`;
    const raw = `From: a@example.org\nContent-Type: text/html\n\n${html}`;
    const mail = await parsed(raw);
    expect(mail.text.startsWith('kept\n')).toBe(true);
    expect(mail.text).not.toContain('<!--');
  }, 5_000);

  it('reads a delivery status as the text of the report, not a file', async () => {
    const mail = await parsed(fixture('bounce.eml'));
    expect(mail.text).toContain('Status: 5.1.1');
    expect(mail.attachments).toEqual([]);
  });

  it('reads the Content-Type of the message, not of a part, for a report', async () => {
    const report = multipart([
      'Content-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\nContent-Type: text/plain\n\nforwarded\n--r--',
    ]);
    expect((await parsed(report)).automatic).toBe(false);
    const commented = `From: a@example.org\nContent-Type: Multipart/Report (a bounce); boundary=r\n\n--r\n\nx\n--r--\n`;
    expect((await parsed(commented)).automatic).toBe(true);
  });

  it('counts any Auto-Submitted other than no, however many there are', async () => {
    const raw = (values: string[]) =>
      `From: a@example.org\n${values.map((v) => `Auto-Submitted: ${v}\n`).join('')}\nbody`;
    expect((await parsed(raw(['no', 'auto-replied']))).automatic).toBe(true);
    expect((await parsed(raw(['No']))).automatic).toBe(false);
  });

  it('reads a message whose Content-Type is blank as text', async () => {
    const mail = await parsed(
      'From: a@example.org\nContent-Type: \n\nmy boiler',
    );
    expect(mail.text).toBe('my boiler');
    expect(mail.attachments).toEqual([]);
  });

  it('brackets bare Message-IDs and reads every References header', async () => {
    const mail = await parsed(
      [
        'From: a@example.org',
        'Message-ID: abc@example.org',
        'In-Reply-To: reply@example.org',
        'References: one@example.org',
        'References: <two@example.org> three@example.org',
        '',
        'body',
      ].join('\n'),
    );
    expect(mail.messageId).toBe('<abc@example.org>');
    expect(mail.threadIds).toEqual([
      '<reply@example.org>',
      '<three@example.org>',
      '<two@example.org>',
      '<one@example.org>',
    ]);
  });

  it('takes the first Subject that is not blank once decoded', async () => {
    const mail = await parsed(
      'From: a@example.org\nSubject: =?utf-8?B??=\nSubject: Damp\n\nbody',
    );
    expect(mail.subject).toBe('Damp');
  });

  it.each([
    [
      'a list whose first mailbox is broken',
      '<alex@>, Alex <alex@example.org>',
    ],
    ['a group', 'Residents: Alex <alex@example.org>, b@example.org;'],
    ['an empty group first', 'Nobody:;, Alex <alex@example.org>'],
  ])('takes the first usable sender from %s', async (_, from) => {
    expect((await parsed(`From: ${from}\n\nbody`)).from).toEqual({
      address: 'alex@example.org',
      name: 'Alex',
    });
  });

  it('types an application/octet-stream file by its name', async () => {
    const mail = await parsed(
      multipart([
        'Content-Type: application/octet-stream\nContent-Disposition: attachment; filename="Repair Log.PDF"\n\n%PDF',
        'Content-Type: application/octet-stream\nContent-Disposition: attachment; filename="blob.xyz"\n\nxyz',
      ]),
    );
    expect(mail.attachments.map((a) => a.contentType)).toEqual([
      'application/pdf',
      'application/octet-stream',
    ]);
  });

  it('keeps an attached message as a file, unparsed', async () => {
    const mail = await parsed(
      multipart([
        'Content-Type: text/plain\n\nsee the forwarded letter',
        'Content-Type: message/rfc822\nContent-Disposition: inline\n\nFrom: b@example.org\nSubject: inner\nContent-Type: multipart/mixed; boundary=i\n\n--i\nContent-Type: application/pdf\n\n%PDF\n--i--',
      ]),
    );
    expect(mail.text).toBe('see the forwarded letter');
    expect(mail.attachments).toEqual([
      { contentType: 'message/rfc822', content: expect.any(Buffer) },
    ]);
    expect(mail.attachments[0]?.content.toString()).toContain('Subject: inner');
  });
});
