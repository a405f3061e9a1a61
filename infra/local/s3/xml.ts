/**
 * The XML S3 answers in, written as strings: the documents are small and
 * fixed in shape, so a builder library would add nothing.
 */

/** The namespace of every S3 response document. */
export const s3Namespace = 'http://s3.amazonaws.com/doc/2006-03-01/';

/**
 * Escapes text for an XML element. Control characters become character
 * references (as S3 writes them), carriage returns included: the SDK's
 * parser folds a raw `\r\n` into `\n` before it reads entities.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\p{Cc}]/gu, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;
    }
  });
}

/** `<name>escaped text</name>`, or nothing when `text` is undefined. */
export function textElement(name: string, text: string | undefined): string {
  return text === undefined ? '' : `<${name}>${escapeXml(text)}</${name}>`;
}

/** A whole response document with its declaration and S3's namespace. */
export function xmlDocument(root: string, content: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${s3Namespace}">${content}</${root}>`;
}

/** S3's `<Error>` document (it carries no namespace). */
export function errorDocument(
  code: string,
  message: string,
  details: Readonly<Record<string, string>>,
  requestId: string,
): string {
  const extra = Object.entries(details)
    .map(([name, value]) => textElement(name, value))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${textElement('Code', code)}${textElement('Message', message)}${extra}${textElement('RequestId', requestId)}<HostId>local</HostId></Error>`;
}
