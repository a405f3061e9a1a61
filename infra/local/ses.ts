/**
 * The local SES v2 endpoint: `aws-ses-v2-local` run in this process. The
 * real `SESv2Client` sends to it by endpoint (simple, raw MIME and
 * templated SendEmail, attachments included); its web page at `/` shows
 * every message sent, and `GET /store` / `POST /clear-store` let tests
 * read and reset what was sent.
 *
 * Things to know about the package (2.10): its store of sent mail is one
 * per process, shared by every server started in it, so `clear()` clears
 * them all; it keeps mail in memory only; it forwards each message to an
 * SMTP server when the `SMTP_TRANSPORT` environment variable holds a
 * nodemailer transport config; and it refuses requests without an
 * `Authorization: AWS…` header, which the SDK always sends.
 *
 * Two local-only additions, both off unless asked for:
 * - with a `dataDir`, each message is appended to `<dataDir>/sent.jsonl`
 *   before SendEmail answers, and read back at start, so the mail page
 *   survives a restart, even a killed one, as the residents' inboxes would;
 * - `faults` makes SendEmail fail as SES does when it throttles or errs
 *   (nothing is sent), for the fault tests; over HTTP too: `POST
 *   /_local/faults` with `{ "fail": "error"|"throttle"|"reset",
 *   "count"?: n }`, `DELETE /_local/faults` to clear, `GET /_local/faults`
 *   → `{ refused, requests }`. No AWS code path reaches it.
 */
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  baseUrl,
  boundPort,
  closeHttpServer,
  defaultHost,
  readBody,
} from './listen.js';

export interface SesOptions {
  /** 0 for any free port. */
  readonly port: number;
  /** Defaults to loopback (the package itself would listen on every interface). */
  readonly host?: string;
  /** Keep sent mail in `<dataDir>/sent.jsonl` between runs; in memory without it. */
  readonly dataDir?: string;
}

/**
 * How a faulty SES answers a send (nothing is sent):
 * - `throttle`: 429 `TooManyRequestsException` ("Maximum sending rate exceeded");
 * - `error`: 500 `InternalFailure`;
 * - `reset`: the connection is dropped without an answer.
 */
export type SesFault = 'throttle' | 'error' | 'reset';

/** The stand-in's fault switch (local only: tests and demos). */
export interface SesFaults {
  /** Fails the next `count` sends, or every send until `clear()` without one. */
  fail(fault: SesFault, count?: number): void;
  /** Sends work again. */
  clear(): void;
  /** Sends failed on purpose since the stand-in started. */
  refused(): number;
  /** Sends that reached the stand-in since it started, failed or not. */
  requests(): number;
}

/** An attachment as the stand-in stores it. */
export interface StoredAttachment {
  readonly filename?: string;
  readonly contentType: string;
  /** The attachment's bytes, base64-encoded. */
  readonly content: string;
  readonly size: number;
}

/** One sent message, as `GET /store` reports it. */
export interface StoredMail {
  readonly messageId: string;
  /** As written: `Name <address>` for raw mail, the bare address for simple mail. */
  readonly from: string;
  readonly replyTo: readonly string[];
  /**
   * For raw mail, each entry is a whole header's text (`a@x, b@y` is one
   * entry); the SendEmail Destination is not recorded for raw mail.
   */
  readonly destination: {
    readonly to: readonly string[];
    readonly cc: readonly string[];
    readonly bcc: readonly string[];
  };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly attachments: readonly StoredAttachment[];
  readonly headers?: readonly {
    readonly name: string;
    readonly value: string;
  }[];
  /** When it was sent, in whole seconds since the epoch. */
  readonly at: number;
}

export interface RunningSes {
  /** For `SESv2Client({ endpoint })` or `AWS_ENDPOINT_URL_SESV2`. */
  readonly endpoint: string;
  /** The web page of sent mail. */
  readonly mailPageUrl: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Every message sent since the last clear, oldest first. */
  sent(): Promise<StoredMail[]>;
  clear(): Promise<void>;
  readonly faults: SesFaults;
}

type StartPackageServer = (config: {
  host: string;
  port: number;
}) => Promise<Server>;

/**
 * Starts the SES v2 stand-in.
 *
 * @example
 * const ses = await startSes({ port: 8005 });
 * const client = new SESv2Client({ endpoint: ses.endpoint, region: 'eu-west-2', credentials });
 */
export async function startSes(options: SesOptions): Promise<RunningSes> {
  const host = options.host ?? defaultHost;
  const server = await packageServer()({ host, port: options.port });
  // The package resolves even when listening failed (Express hands the
  // error to its callback, which ignores it), so check.
  if (!server.listening) {
    throw new Error(
      `The SES stand-in could not listen on ${host}:${options.port} (port in use?)`,
    );
  }
  const faults = faultSwitch();
  const journal =
    options.dataDir === undefined ? undefined : sentJournal(options.dataDir);
  interpose(server, (req, res) => {
    if ((req.url ?? '').split('?')[0] === '/_local/faults') {
      faultControl(faults.control, req, res);
      return true;
    }
    if (!isSend(req)) return false;
    if (faults.refuse(res)) return true;
    journal?.keepOnAnswer(res);
    return false;
  });
  const port = boundPort(server);
  const endpoint = baseUrl(host, port);
  return {
    endpoint,
    mailPageUrl: `${endpoint}/`,
    port,
    stop: () => closeHttpServer(server),
    sent: async () => {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`GET /store: ${response.status}`);
      const store = (await response.json()) as { emails: StoredMail[] };
      return store.emails;
    },
    clear: async () => {
      const response = await fetch(`${endpoint}/clear-store`, {
        method: 'POST',
      });
      if (!response.ok)
        throw new Error(`POST /clear-store: ${response.status}`);
      await response.arrayBuffer();
      journal?.clear();
    },
    faults: faults.control,
  };
}

/** `/_local/faults`, the fault switch over HTTP (see the file note). */
function faultControl(
  control: SesFaults,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const answer = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const counts = () => ({
    refused: control.refused(),
    requests: control.requests(),
  });
  if (req.method === 'DELETE') control.clear();
  if (req.method !== 'POST') {
    answer(
      req.method === 'GET' || req.method === 'DELETE' ? 200 : 405,
      counts(),
    );
    return;
  }
  readBody(req, 64 * 1024).then(
    (body) => {
      try {
        const request = JSON.parse(body?.toString('utf8') ?? '') as {
          fail?: unknown;
          count?: unknown;
        };
        if (
          request.fail !== 'error' &&
          request.fail !== 'throttle' &&
          request.fail !== 'reset'
        ) {
          throw new RangeError('fail must be "error", "throttle" or "reset"');
        }
        control.fail(
          request.fail,
          typeof request.count === 'number' ? request.count : undefined,
        );
        answer(200, counts());
      } catch (error) {
        answer(400, {
          message: `Send {"fail": "error"|"throttle"|"reset", "count"?: n}: ${String(error)}`,
        });
      }
    },
    () => answer(400, { message: 'Could not read the body' }),
  );
}

/** SendEmail and SendBulkEmail, v2 (and v1's form-encoded `POST /`). */
function isSend(req: IncomingMessage): boolean {
  const url = req.url ?? '/';
  return (
    req.method === 'POST' &&
    (url.startsWith('/v2/email/outbound-') || url === '/' || url === '/?')
  );
}

/**
 * Puts `before` in front of the package's Express app: when it returns
 * true it has answered the request itself.
 */
function interpose(
  server: Server,
  before: (req: IncomingMessage, res: ServerResponse) => boolean,
): void {
  const listeners = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (before(req, res)) return;
    for (const listener of listeners) listener.call(server, req, res);
  });
}

function faultSwitch() {
  let fault: SesFault | undefined;
  /** Sends still to fail; undefined: until cleared. */
  let remaining: number | undefined;
  let refused = 0;
  let requests = 0;
  return {
    control: {
      fail(next: SesFault, count?: number) {
        if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
          throw new RangeError(`Not a count of sends: ${count}`);
        }
        fault = next;
        remaining = count;
      },
      clear() {
        fault = undefined;
        remaining = undefined;
      },
      refused: () => refused,
      requests: () => requests,
    } satisfies SesFaults,
    /** Answers `res` with the fault, if one is on; true if it did. */
    refuse(res: ServerResponse): boolean {
      requests += 1;
      if (fault === undefined) return false;
      const now = fault;
      if (remaining !== undefined) {
        remaining -= 1;
        if (remaining === 0) fault = undefined;
      }
      refused += 1;
      if (now === 'reset') {
        res.socket?.destroy();
        return true;
      }
      const [status, type, message] =
        now === 'throttle'
          ? [429, 'TooManyRequestsException', 'Maximum sending rate exceeded.']
          : [500, 'InternalFailure', 'The request processing has failed.'];
      const body = JSON.stringify({ message });
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-amzn-errortype': type,
      });
      res.end(body);
      return true;
    },
  };
}

/**
 * Sent mail kept as JSON lines, one message each, appended before the
 * send is answered: a killed process loses at most a send it never
 * answered. A torn last line (killed mid-append) is skipped on reading.
 */
function sentJournal(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'sent.jsonl');
  const store = packageStore();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const known = new Set(store.emails.map((m) => m.messageId));
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const mail = JSON.parse(line) as StoredMail;
      if (!known.has(mail.messageId)) store.emails.push(mail);
      known.add(mail.messageId);
    } catch {
      // the line a kill cut short: its send was never answered
    }
  }
  return {
    /** Journals the message a successful send answer names, before it goes. */
    keepOnAnswer(res: ServerResponse) {
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        const [chunk] = args;
        if (res.statusCode === 200 && chunk !== undefined) {
          const id = messageIdIn(String(chunk));
          const mail = store.emails.find((m) => m.messageId === id);
          if (mail !== undefined) {
            appendFileSync(file, `${JSON.stringify(mail)}\n`);
          }
        }
        return end(...args);
      }) as typeof res.end;
    },
    clear() {
      writeFileSync(file, '');
    },
  };
}

function messageIdIn(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { MessageId?: unknown };
    return typeof parsed.MessageId === 'string' ? parsed.MessageId : undefined;
  } catch {
    return undefined;
  }
}

/** The package's one store of sent mail (see the file note). */
function packageStore(): { emails: StoredMail[] } {
  const require = createRequire(import.meta.url);
  const module = require('aws-ses-v2-local/dist/store.js') as {
    getStoreReadonly: () => { emails: StoredMail[] };
  };
  return module.getStoreReadonly();
}

/**
 * The package's `server(config)` export. It is CommonJS with an
 * `exports.default`; `require` gives the same object under Node and Vitest,
 * where an ESM default import would not.
 */
function packageServer(): StartPackageServer {
  const require = createRequire(import.meta.url);
  const module = require('aws-ses-v2-local') as { default: StartPackageServer };
  return module.default;
}
