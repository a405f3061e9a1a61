import { describe, expect, it } from 'vitest';
import {
  safeContentType,
  safeFilename,
  storeAttachments,
} from '../../../../functions/email-intake/attachments.js';
import { MemoryObjects } from './support.js';

describe('safeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['con.txt\u0000.exe', 'con.txt.exe'],
    ['C:\\Users\\alex\\Desktop\\damp photo (1).jpg', 'damp_photo_1.jpg'],
    ['..', 'attachment'],
    ['.htaccess', 'htaccess'],
    ['résumé.pdf', 'resume.pdf'],
    ['\u202Egnp.exe', 'gnp.exe'],
    ['写真.jpg', 'jpg'],
    ['', 'attachment'],
    [undefined, 'attachment'],
    ['\u0001\u0002', 'attachment'],
  ])('%j → %j', (name, expected) => {
    expect(safeFilename(name)).toBe(expected);
  });

  it('caps the length and keeps the extension', () => {
    const name = safeFilename(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(100);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('only ever yields [A-Za-z0-9._-], never a leading dot', () => {
    for (const name of ['../../x', '...', '~/.ssh/id_rsa', 'a/b\\c:d*e?f']) {
      expect(safeFilename(name)).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
    }
  });
});

describe('safeContentType', () => {
  it('keeps a well-formed type, lower-cased', () => {
    expect(safeContentType('Image/JPEG')).toBe('image/jpeg');
  });

  it.each(['', 'nonsense', 'text/html\r\nX-Evil: 1', `a/${'b'.repeat(200)}`])(
    'replaces %j with octet-stream',
    (value) => {
      expect(safeContentType(value)).toBe('application/octet-stream');
    },
  );
});

describe('storeAttachments', () => {
  it('stores each file under the reference and lists it for the domain', async () => {
    const objects = new MemoryObjects();

    const listed = await storeAttachments(
      objects,
      'HTH-2026-000001',
      [
        {
          filename: '../../etc/passwd',
          contentType: 'text/plain',
          content: Buffer.from('root'),
        },
        { contentType: 'image/png', content: Buffer.from([137, 80]) },
      ],
      '2026-11-24T09:15:00.000Z',
    );

    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({
      filename: 'passwd',
      contentType: 'text/plain',
      size: 4,
      receivedAt: '2026-11-24T09:15:00.000Z',
    });
    expect(listed[0]?.key).toMatch(
      /^attachments\/HTH-2026-000001\/[0-9a-f-]{36}-passwd$/,
    );
    expect(listed[1]?.key).toMatch(/-attachment$/);
    for (const file of listed) {
      expect(objects.objects.get(file.key)?.contentType).toBe(file.contentType);
    }
  });
});
