import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ReceivedMail,
  type RunningSmtp,
  startSmtp,
} from '../../infra/local/smtp.js';

const photo = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));

let mailDir: string;
let smtp: RunningSmtp | undefined;

beforeEach(async () => {
  mailDir = await mkdtemp(path.join(tmpdir(), 'hearth-smtp-'));
});

afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  await rm(mailDir, { recursive: true, force: true });
});

async function start(
  onMessage: (mail: ReceivedMail) => Promise<void>,
  maxBytes?: number,
) {
  smtp = await startSmtp({
    port: 0,
    mailDir,
    onMessage,
    ...(maxBytes !== undefined && { maxBytes }),
  });
  return smtp;
}

async function send(port: number, mail: SendMailOptions) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

const complaint: SendMailOptions = {
  from: 'Resident <resident@example.com>',
  to: 'complaints@livv.example',
  subject: 'Complaint about the repair to my boiler',
  text: 'The engineer did not come on the day agreed.',
  attachments: [
    { filename: 'boiler.jpg', contentType: 'image/jpeg', content: photo },
  ],
};

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(mailDir, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.eml'));
}

describe('the SMTP port standing in for SES receiving', () => {
  it('stores a message with its attachment, then hands on exactly what it stored', async () => {
    const received: ReceivedMail[] = [];
    const { port } = await start(async (mail) => {
      received.push(mail);
    });

    const info = await send(port, {
      ...complaint,
      envelope: {
        from: 'bounces@example.com',
        to: ['complaints@livv.example', 'audit@livv.example'],
      },
    });

    expect(info.response).toMatch(/^250/);
    const [mail, ...others] = received;
    expect(others).toEqual([]);
    if (mail === undefined) throw new Error('nothing handed on');
    expect(mail.key).toMatch(/^\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}\.eml$/);
    expect(mail.file).toBe(path.join(mailDir, mail.key));
    expect(await readFile(mail.file)).toEqual(mail.raw);
    expect(mail.envelope).toEqual({
      from: 'bounces@example.com',
      to: ['complaints@livv.example', 'audit@livv.example'],
    });
    const text = mail.raw.toString('latin1');
    expect(text).toContain('Subject: Complaint about the repair to my boiler');
    expect(text).toContain('filename=boiler.jpg');
    expect(text.replaceAll('\r\n', '')).toContain(photo.toString('base64'));
  });

  it('refuses a message over the size limit with 552 and keeps nothing', async () => {
    const onMessage = vi.fn(async () => {});
    const { port } = await start(onMessage, 1024);

    const sending = send(port, complaint);

    await expect(sending).rejects.toMatchObject({ responseCode: 552 });
    expect(onMessage).not.toHaveBeenCalled();
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses with 552 at MAIL FROM a message that declares a size over the limit', async () => {
    const onMessage = vi.fn(async () => {});
    const { port } = await start(onMessage, 1024);

    const replies = await converse(port, [
      'EHLO client.example',
      'MAIL FROM:<resident@example.com> SIZE=5000',
      'QUIT',
    ]);

    expect(replies[1]).toMatch(/^250 /);
    expect(replies[2]).toMatch(/^552 /);
    expect(onMessage).not.toHaveBeenCalled();
  });

  it('still answers 250 and keeps the message when processing fails', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { port } = await start(async () => {
      throw new Error('email-intake is down');
    });

    const info = await send(port, complaint);

    expect(info.response).toMatch(/^250/);
    const [file, ...others] = await storedFiles();
    expect(others).toEqual([]);
    expect(
      (await readFile(path.join(mailDir, file ?? ''))).toString(),
    ).toContain('Subject: Complaint about the repair to my boiler');
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('the message is kept at'),
      expect.objectContaining({ message: 'email-intake is down' }),
    );
    log.mockRestore();
  });

  it('offers neither AUTH nor STARTTLS', async () => {
    const { port } = await start(async () => {});
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      requireTLS: true,
    });

    try {
      await expect(transport.verify()).rejects.toThrow(/STARTTLS/);
    } finally {
      transport.close();
    }
  });
});

/**
 * Speaks SMTP line by line, one command after each reply, and returns the
 * final line of every reply (the greeting first).
 */
function converse(port: number, commands: readonly string[]) {
  return new Promise<string[]>((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const replies: string[] = [];
    const pending = [...commands];
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('close', () => resolve(replies));
    socket.on('data', (data: string) => {
      buffer += data;
      for (;;) {
        const end = buffer.indexOf('\r\n');
        if (end === -1) break;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^\d{3} /.test(line)) {
          replies.push(line);
          const next = pending.shift();
          if (next === undefined) socket.end();
          else socket.write(`${next}\r\n`);
        }
      }
    });
  });
}
