/**
 * A letter as an email: the plain text the domain renders, an HTML
 * version of the same words, our Message-ID, and the complaint reference in
 * the subject so a reply finds its case (DESIGN §6).
 */
import { type Letter, renderLetterText } from '@hearth/domain';
import type { Mailbox, OutgoingMail } from '../shared/adapters/ses/mailer.js';
import { escapeHtml } from '../shared/escape-html.js';
import { allBlocks, type LetterBlock, paragraphParts } from './layout.js';

/**
 * Our Message-ID for a letter: the letter id with `/` as `.`, at the
 * sender's domain, e.g. `<HTH-2026-000001.stage1-acknowledgement.2@riverside.example>`.
 */
export function messageIdFor(letterId: string, senderDomain: string): string {
  const local = letterId
    .replaceAll('/', '.')
    .replace(/[^A-Za-z0-9.!#$%&'*+=?^_`{|}~-]/g, '-');
  return `<${local}@${senderDomain}>`;
}

/** The subject line: the letter's subject and the complaint reference. */
export function emailSubject(letter: Letter): string {
  return `${letter.subject} [${letter.reference}]`;
}

const STYLE = {
  h1: 'font-size:1.5em;line-height:1.3;margin:1.2em 0 0.6em;',
  h2: 'font-size:1.2em;line-height:1.3;margin:1.4em 0 0.4em;',
  p: 'margin:0 0 1em;',
  list: 'margin:0 0 1em;padding-left:1.5em;',
  li: 'margin:0 0 0.5em;',
};

const lines = (texts: readonly string[]) =>
  texts.map(escapeHtml).join('<br>\n');

function blockHtml(block: LetterBlock): string {
  switch (block.kind) {
    case 'title':
      return `<h1 style="${STYLE.h1}">${escapeHtml(block.text)}</h1>`;
    case 'heading':
      return `<h2 style="${STYLE.h2}">${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return paragraphParts(block.lines)
        .map((part) => {
          if (part.kind === 'lines') {
            return `<p style="${STYLE.p}">${lines(part.lines)}</p>`;
          }
          const items = part.items
            .map((item) => `<li style="${STYLE.li}">${lines(item.lines)}</li>`)
            .join('\n');
          if (!part.ordered) {
            return `<ul style="${STYLE.list}">\n${items}\n</ul>`;
          }
          // A numbered list the text splits into paragraphs goes on counting.
          const first = Number.parseInt(part.items[0]?.marker ?? '1', 10);
          const start = first > 1 ? ` start="${first}"` : '';
          return `<ol${start} style="${STYLE.list}">\n${items}\n</ol>`;
        })
        .join('\n');
  }
}

/**
 * The letter as a simple, accessible HTML page: one column, real headings
 * and lists, system fonts, no images, no scripts, no links to follow.
 * Every piece of text is escaped: residents' and staff's words included.
 *
 * @example
 * renderLetterHtml(letter).startsWith('<!doctype html>'); // true
 */
export function renderLetterHtml(letter: Letter): string {
  const size = letter.format.largePrint ? 20 : 16;
  const subject = escapeHtml(emailSubject(letter));
  const body = allBlocks(letter).map(blockHtml).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;">
<div role="article" aria-label="${subject}" style="max-width:40em;margin:0 auto;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:${size}px;line-height:1.5;color:#1b1b1b;">
${body}
</div>
</body>
</html>
`;
}

export interface EmailOptions {
  /** The sender: an SES verified identity, with the landlord's name. */
  readonly from: Mailbox;
  readonly messageId: string;
  /** Earlier Message-IDs of this complaint's thread, oldest first. */
  readonly thread: readonly string[];
}

/**
 * The one email a letter's email recipients get: the addressee in To when
 * they are sent it by email (else the first email recipient), the others
 * in Cc. Undefined when nobody gets the letter by email.
 */
export function letterEmail(
  letter: Letter,
  options: EmailOptions,
): OutgoingMail | undefined {
  const seen = new Set<string>();
  const boxes = letter.recipients.flatMap((to) => {
    const address = to.delivery === 'email' ? to.email?.trim() : undefined;
    if (address === undefined || address === '') return [];
    // One copy to a shared address (a couple, a household).
    if (seen.has(address.toLowerCase())) return [];
    seen.add(address.toLowerCase());
    return [{ name: to.name, address }];
  });
  const [to, ...cc] = boxes;
  if (to === undefined) return undefined;
  const inReplyTo = options.thread.at(-1);
  return {
    from: options.from,
    to: [to],
    ...(cc.length === 0 ? {} : { cc }),
    subject: emailSubject(letter),
    html: renderLetterHtml(letter),
    text: renderLetterText(letter),
    messageId: options.messageId,
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    references: options.thread,
  };
}
