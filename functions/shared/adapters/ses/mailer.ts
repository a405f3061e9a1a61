/**
 * Outgoing mail through SES v2 `SendEmail` with `Content.Raw`: we build the
 * MIME message ourselves, so it carries the headers we choose (Message-ID,
 * In-Reply-To, References) and a Simple send's restrictions do not apply.
 *
 * Threading under SES: SES replaces any Message-ID it is given with its own
 * (SES developer guide, "Amazon SES header fields"). Replies then carry
 * SES's id in In-Reply-To, but they also copy our References header, so we
 * list our own Message-ID there too: a reply's References names the letter
 * it answers whichever id the resident's client saw.
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

/** A mailbox: a bare address, or a display name and an address. */
export type Mailbox =
  | string
  | { readonly name: string; readonly address: string };

export interface OutgoingMail {
  /** An SES verified identity (or an address at a verified domain). */
  readonly from: Mailbox;
  readonly to: readonly Mailbox[];
  readonly cc?: readonly Mailbox[];
  readonly replyTo?: Mailbox;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Our Message-ID, angle brackets included: `<local@domain>`. */
  readonly messageId: string;
  /** The message this one answers, `<…>`. */
  readonly inReplyTo?: string;
  /** Earlier messages of the thread, oldest first, each `<…>`. */
  readonly references?: readonly string[];
}

export interface SentMail {
  /** SES's id for the send (bounce and complaint notifications use it). */
  readonly sesMessageId: string;
}

/** The port the letters job sends through. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
}

const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

const address = (box: Mailbox): string =>
  typeof box === 'string' ? box : box.address;

/**
 * The message as RFC 5322 bytes: multipart/alternative (text, then HTML),
 * our Message-ID, and our own id last in References (see the file note).
 *
 * @example
 * const raw = await rawMessage({ from: 'complaints@riverside.example',
 *   to: ['resident@example.org'], subject: 'Hello [HTH-2026-000001]',
 *   html: '<p>Hello</p>', text: 'Hello',
 *   messageId: '<HTH-2026-000001.receipt-confirmation.1@riverside.example>' });
 */
export async function rawMessage(mail: OutgoingMail): Promise<Buffer> {
  for (const id of [mail.messageId, mail.inReplyTo, ...(mail.references ?? [])])
    if (id !== undefined && !MESSAGE_ID.test(id)) {
      throw new Error(`Not a Message-ID: ${JSON.stringify(id)}`);
    }
  if (mail.to.length === 0) throw new Error('A message needs a To address');
  const references = [
    ...(mail.references ?? []).filter((id) => id !== mail.messageId),
    mail.messageId,
  ];
  return new MailComposer({
    from: mail.from,
    to: [...mail.to],
    ...(mail.cc === undefined || mail.cc.length === 0
      ? {}
      : { cc: [...mail.cc] }),
    ...(mail.replyTo === undefined ? {} : { replyTo: mail.replyTo }),
    subject: mail.subject,
    messageId: mail.messageId,
    ...(mail.inReplyTo === undefined ? {} : { inReplyTo: mail.inReplyTo }),
    references,
    text: mail.text,
    html: mail.html,
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
}

/**
 * The mailer on SES v2. The envelope is given explicitly (To and Cc, never
 * anyone else), and the From address is the identity SES checks.
 */
export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #configurationSet: string | undefined;

  constructor(
    client: SESv2Client,
    options: { configurationSet?: string } = {},
  ) {
    this.#client = client;
    this.#configurationSet = options.configurationSet;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const data = await rawMessage(mail);
    const { MessageId } = await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: address(mail.from),
        Destination: {
          ToAddresses: mail.to.map(address),
          ...(mail.cc === undefined || mail.cc.length === 0
            ? {}
            : { CcAddresses: mail.cc.map(address) }),
        },
        Content: { Raw: { Data: data } },
        ...(this.#configurationSet === undefined
          ? {}
          : { ConfigurationSetName: this.#configurationSet }),
      }),
    );
    if (MessageId === undefined) throw new Error('SES returned no MessageId');
    return { sesMessageId: MessageId };
  }
}
