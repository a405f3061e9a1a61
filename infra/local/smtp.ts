/**
 * Mail in, locally: an SMTP port standing in for SES receiving. In AWS a
 * receipt rule stores each message raw in S3 and the email-intake function
 * reads it from there; here each accepted message is written first to
 * `<mailDir>/<yyyy-mm-dd>/<uuid>.eml` (the local "raw mail in S3"), then
 * handed to `onMessage`. A message is on disk before anyone processes it,
 * and stays there if processing fails: the sender still gets 250, because
 * the mail was received (processing is retried by the stack, not by the
 * sender).
 *
 * Loopback only, no AUTH and no STARTTLS: it is a development port.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SMTPServer,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { boundPort, defaultHost } from './listen.js';

/** One received message, as stored and as handed on. */
export interface ReceivedMail {
  /** Where it is under `mailDir`, as an S3 key: `2026-11-24/<uuid>.eml`. */
  readonly key: string;
  /** The absolute path of the stored `.eml` file. */
  readonly file: string;
  /** The message exactly as received (and as stored). */
  readonly raw: Buffer;
  /** The SMTP envelope (`MAIL FROM`, `RCPT TO`), which headers may not show. */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
}

export interface SmtpOptions {
  /** 0 for any free port. */
  readonly port: number;
  /** Defaults to loopback. */
  readonly host?: string;
  /** The folder messages are kept in. */
  readonly mailDir: string;
  /** Larger messages are refused with 552; defaults to 25 MB. */
  readonly maxBytes?: number;
  onMessage(mail: ReceivedMail): Promise<void>;
}

export interface RunningSmtp {
  readonly port: number;
  stop(): Promise<void>;
}

/** The default message size limit. */
export const defaultMaxBytes = 25 * 1024 * 1024;

/**
 * Starts the SMTP port.
 *
 * @example
 * const smtp = await startSmtp({ port: 2525, mailDir: '.hearth/mail-in',
 *   onMessage: async (mail) => console.log(mail.key) });
 */
export async function startSmtp(options: SmtpOptions): Promise<RunningSmtp> {
  const host = options.host ?? defaultHost;
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const server = new SMTPServer({
    name: 'hearth.localhost',
    banner: 'Hearth local mail in (stands in for SES receiving)',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Clients that linger after stop() are cut off after a second.
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      receive(stream, session, options, maxBytes).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client's broken connection surfaces as an error event: log, never crash.
  server.on('error', (error) => console.error('[smtp]', error.message));
  return {
    port: boundPort(server.server),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function receive(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  options: SmtpOptions,
  maxBytes: number,
): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Read to the end even when over the limit, so the reply follows the data.
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (stream.sizeExceeded || size > maxBytes) {
    throw smtpError(
      552,
      `Error: message exceeds fixed maximum message size ${maxBytes}`,
    );
  }
  const raw = Buffer.concat(chunks);
  const key = `${new Date().toISOString().slice(0, 10)}/${randomUUID()}.eml`;
  const file = path.resolve(options.mailDir, ...key.split('/'));
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, raw, { flag: 'wx' });
  } catch (error) {
    console.error('[smtp] could not store a message', error);
    throw smtpError(451, 'Requested action aborted: local error in processing');
  }
  const { mailFrom, rcptTo } = session.envelope;
  const mail: ReceivedMail = {
    key,
    file,
    raw,
    envelope: {
      from: mailFrom === false ? '' : mailFrom.address,
      to: rcptTo.map((recipient) => recipient.address),
    },
  };
  try {
    await options.onMessage(mail);
  } catch (error) {
    console.error(
      `[smtp] processing ${key} failed; the message is kept at ${file}`,
      error,
    );
  }
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
