import { describe, expect, it } from 'vitest';
import {
  errorDocument,
  escapeXml,
  textElement,
} from '../../../infra/local/s3/xml.js';

describe('escapeXml', () => {
  it('escapes markup characters and quotes', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });

  it('writes control characters, carriage return included, as references', () => {
    expect(escapeXml('a\r\nb\u0001c\td')).toBe('a&#xD;&#xA;b&#x1;c&#x9;d');
  });

  it('leaves other Unicode as it is', () => {
    expect(escapeXml('caf\u00e9 \u{1F600}')).toBe('caf\u00e9 \u{1F600}');
  });
});

describe('documents', () => {
  it('omits an element whose text is undefined', () => {
    expect(textElement('Delimiter', undefined)).toBe('');
    expect(textElement('Prefix', '')).toBe('<Prefix></Prefix>');
  });

  it('writes the error document S3 sends', () => {
    expect(errorDocument('NoSuchKey', 'Gone.', { Key: 'a&b' }, 'REQ1')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>Gone.</Message><Key>a&amp;b</Key><RequestId>REQ1</RequestId><HostId>local</HostId></Error>',
    );
  });
});
