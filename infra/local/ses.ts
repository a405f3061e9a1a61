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
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { baseUrl, boundPort, closeHttpServer, defaultHost } from './listen.js';

export interface SesOptions {
  /** 0 for any free port. */
  readonly port: number;
  /** Defaults to loopback (the package itself would listen on every interface). */
  readonly host?: string;
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
    },
  };
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
