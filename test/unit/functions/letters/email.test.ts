import { renderLetterText } from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import {
  emailSubject,
  letterEmail,
  messageIdFor,
  renderLetterHtml,
} from '../../../../functions/letters/email.js';
import { escapeHtml } from '../../../../functions/shared/escape-html.js';
import {
  aHostileAcknowledgement,
  anAcknowledgement,
  aRepresentative,
  aResident,
  aStage1Response,
} from './fixtures.js';

const from = {
  name: 'Riverside Homes',
  address: 'complaints@riverside.example',
};

describe('renderLetterHtml', () => {
  it('escapes hostile text a resident typed, so no markup of theirs survives', () => {
    const html = renderLetterHtml(aHostileAcknowledgement());

    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html).toContain('Fix it &quot;now&quot; &amp;');
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
  });

  it('is a simple accessible page: language, title, one h1, section h2s, real lists', () => {
    const html = renderLetterHtml(aStage1Response());

    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).toContain(
      '<title>Your complaint: our Stage 1 response [RH-2026-0042]</title>',
    );
    expect(html.match(/<h1 /g)).toHaveLength(1);
    expect(html).toMatch(/<h2 [^>]*>Our decision<\/h2>/);
    expect(html).toMatch(/<h2 [^>]*>Putting things right<\/h2>/);
    expect(html).toMatch(/<ol [^>]*>\n<li [^>]*>The boiler broke/);
    expect(html).toMatch(/<ul [^>]*>\n<li [^>]*>Compensation/);
    expect(html).toMatch(/<ol start="2" [^>]*>\n<li [^>]*>The contractor/);
    expect(html).not.toMatch(/<(script|img|a|form|iframe)\b/);
  });

  it('says everything the plain text says', () => {
    const letter = aStage1Response();
    const text = renderLetterText(letter);
    const html = renderLetterHtml(letter)
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
    // Underlines and list markers become headings and <ol>/<ul>.
    const words = (s: string) =>
      s.split(/\s+/).filter((w) => w !== '' && !/^([-=]+|\d+\.)$/.test(w));

    for (const word of words(text)) expect(html).toContain(word);
  });

  it('sets a larger type size for a large-print letter', () => {
    const large = anAcknowledgement({
      resident: aResident({ formats: ['large-print'] }),
    });

    expect(renderLetterHtml(large)).toContain('font-size:20px');
    expect(renderLetterHtml(anAcknowledgement())).toContain('font-size:16px');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('messageIdFor', () => {
  it('is the letter id with dots for slashes, at the sender domain', () => {
    expect(
      messageIdFor(
        'HTH-2026-000001/stage1-acknowledgement/2',
        'riverside.example',
      ),
    ).toBe('<HTH-2026-000001.stage1-acknowledgement.2@riverside.example>');
  });

  it('keeps the local part a valid dot-atom whatever the id holds', () => {
    expect(messageIdFor('C 1/<x>/3', 'r.example')).toBe(
      '<C-1.-x-.3@r.example>',
    );
  });
});

describe('letterEmail', () => {
  it('sends the addressee the letter with the reference in the subject and the text as rendered', () => {
    const letter = anAcknowledgement();

    const mail = letterEmail(letter, {
      from,
      messageId: '<m1@riverside.example>',
      thread: [],
    });

    expect(mail).toMatchObject({
      from,
      to: [{ name: 'Ms Aisha Khan', address: 'aisha.khan@example.org' }],
      subject: 'Your complaint: we have logged it at Stage 1 [RH-2026-0042]',
      text: renderLetterText(letter),
      messageId: '<m1@riverside.example>',
      references: [],
    });
    expect(mail?.cc).toBeUndefined();
    expect(mail?.inReplyTo).toBeUndefined();
    expect(emailSubject(letter)).toBe(mail?.subject);
  });

  it('puts a consenting representative in To and the resident in Cc', () => {
    const letter = anAcknowledgement({ representative: aRepresentative() });

    const mail = letterEmail(letter, {
      from,
      messageId: '<m2@riverside.example>',
      thread: ['<in@resident.example>', '<l1@riverside.example>'],
    });

    expect(mail?.to).toEqual([
      { name: 'Mr Daniel Okafor', address: 'daniel.okafor@advice.example' },
    ]);
    expect(mail?.cc).toEqual([
      { name: 'Ms Aisha Khan', address: 'aisha.khan@example.org' },
    ]);
    expect(mail?.inReplyTo).toBe('<l1@riverside.example>');
    expect(mail?.references).toEqual([
      '<in@resident.example>',
      '<l1@riverside.example>',
    ]);
  });

  it('sends one copy to an address the resident and representative share', () => {
    const letter = anAcknowledgement({
      representative: aRepresentative({ email: 'AISHA.KHAN@example.org' }),
    });

    const mail = letterEmail(letter, {
      from,
      messageId: '<m@r.example>',
      thread: [],
    });

    expect(mail?.to).toEqual([
      { name: 'Mr Daniel Okafor', address: 'AISHA.KHAN@example.org' },
    ]);
    expect(mail?.cc).toBeUndefined();
  });

  it('sends no email when everyone gets the letter by post', () => {
    const letter = anAcknowledgement({
      resident: aResident({ preferredContact: 'post' }),
    });

    expect(
      letterEmail(letter, { from, messageId: '<m@r.example>', thread: [] }),
    ).toBeUndefined();
  });
});
