/**
 * A long form of flat field names (`evidence-6-2`), read whole: the
 * self-assessment has 48 textareas of up to 2,000 characters each, more
 * than the shared form reader's 64 KB allows, and needs none of its
 * nesting. Blank fields are absent; line ends are `\n`.
 */
import { FormError, type FormEvent } from '../shared/pages/http.js';

/** 48 rows × 2,000 characters, url-encoded (up to 3 bytes a character), and room. */
export const LONG_FORM_BYTES = 400 * 1024;

export function longFormOf(
  event: FormEvent,
  maxBytes = LONG_FORM_BYTES,
): Map<string, string> {
  const type = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  if (!type?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new FormError('The form must be sent url-encoded');
  }
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  if (Buffer.byteLength(raw) > maxBytes) {
    throw new FormError('The form is too large');
  }
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(raw)) {
    const text = value.replace(/\r\n?/g, '\n');
    if (text.trim() !== '' && !form.has(name)) form.set(name, text);
  }
  return form;
}
