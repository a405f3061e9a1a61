/**
 * The letter's plain text (the domain's `renderLetterText`) read back as
 * blocks, so the email's HTML and the printed PDF say exactly what the
 * text says, in the same order, with the same headings. The domain
 * underlines the subject with `=` and each section heading with `-`, and
 * separates blocks with a blank line.
 */
import { type Letter, renderLetterText } from '@hearth/domain';

export type LetterBlock =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly lines: readonly string[] };

const UNDERLINE = { '=': 'title', '-': 'heading' } as const;

/**
 * Splits letter text into titles, headings and paragraphs (each paragraph
 * keeps its line breaks: lists and addresses are line by line).
 *
 * @example
 * letterBlocks('Hello\n=====\nFirst line\n\nSecond');
 * // [{ kind: 'title', text: 'Hello' },
 * //  { kind: 'paragraph', lines: ['First line'] },
 * //  { kind: 'paragraph', lines: ['Second'] }]
 */
export function letterBlocks(text: string): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  const chunks = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  for (const chunk of chunks) {
    const lines = chunk.split('\n').map((line) => line.trimEnd());
    while (lines.length > 0 && lines[0] === '') lines.shift();
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    if (lines.length === 0) continue;
    const [first = '', second = '', ...rest] = lines;
    const mark = second.charAt(0);
    const kind =
      (mark === '=' || mark === '-') &&
      new RegExp(`^\\${mark}{3,}$`).test(second) &&
      first.trim() !== ''
        ? UNDERLINE[mark]
        : undefined;
    if (kind === undefined) {
      blocks.push({ kind: 'paragraph', lines });
      continue;
    }
    blocks.push({ kind, text: first.trim() });
    if (rest.length > 0) blocks.push({ kind: 'paragraph', lines: rest });
  }
  return blocks;
}

/** The whole letter as blocks, from its letterhead to its sign-off. */
export function allBlocks(letter: Letter): LetterBlock[] {
  return letterBlocks(renderLetterText(letter));
}

/**
 * The letter's body as blocks: from "Our reference" on. The letterhead,
 * date and address block are left out, for a layout that places them
 * itself (the printed letter).
 */
export function bodyBlocks(letter: Letter): LetterBlock[] {
  const blocks = allBlocks(letter);
  const start = blocks.findIndex(
    (block) =>
      block.kind === 'paragraph' &&
      block.lines[0]?.startsWith('Our reference:') === true,
  );
  return start < 0 ? blocks : blocks.slice(start);
}

/** One list item: its marker (`•`, `3.`) and its lines. */
export interface ListItem {
  readonly marker: string;
  readonly lines: readonly string[];
}

/** Part of a paragraph: plain lines, or a list. */
export type ParagraphPart =
  | { readonly kind: 'lines'; readonly lines: readonly string[] }
  | {
      readonly kind: 'list';
      readonly ordered: boolean;
      readonly items: readonly ListItem[];
    };

const BULLET = /^- (.*)$/;
const NUMBERED = /^(\d+)\. (.*)$/;

/**
 * A paragraph's lines as the domain writes them: plain lines, `- item`
 * lists, and `1. item` lists whose items go on in indented lines.
 *
 * @example
 * paragraphParts(['You asked for:', '- A repair', '- An apology']);
 * // [{ kind: 'lines', lines: ['You asked for:'] },
 * //  { kind: 'list', ordered: false, items: [{ marker: '•', lines: ['A repair'] }, …] }]
 */
export function paragraphParts(lines: readonly string[]): ParagraphPart[] {
  const parts: ParagraphPart[] = [];
  type OpenList = {
    ordered: boolean;
    items: { marker: string; lines: string[] }[];
  };
  let list: OpenList | undefined;
  let plain: string[] | undefined;
  const openList = (ordered: boolean): OpenList => {
    if (list === undefined || list.ordered !== ordered) {
      list = { ordered, items: [] };
      plain = undefined;
      parts.push({ kind: 'list', ...list });
    }
    return list;
  };
  for (const line of lines) {
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (bullet !== null) {
      openList(false).items.push({ marker: '•', lines: [bullet[1] ?? ''] });
    } else if (numbered !== null) {
      openList(true).items.push({
        marker: `${numbered[1]}.`,
        lines: [numbered[2] ?? ''],
      });
    } else if (list?.ordered === true && /^\s+\S/.test(line)) {
      list.items.at(-1)?.lines.push(line.trim());
    } else {
      list = undefined;
      if (plain === undefined) {
        plain = [];
        parts.push({ kind: 'lines', lines: plain });
      }
      plain.push(line);
    }
  }
  return parts;
}
