/**
 * `GET /staff/subject-access?…`: who to find and in what form. Staff give
 * an email address, a phone number, or a name with a postcode (any of
 * them; each is looked up). A value that cannot be one of these is a 400
 * naming it.
 */
import {
  normaliseEmail,
  normalisePostcode,
  normaliseUkPhone,
  type ResidentSearch,
} from '@hearth/domain';
import * as z from 'zod';
import { RejectedError } from '../shared/middleware/problem-json.js';

const querySchema = z.strictObject({
  email: z.string().trim().min(1).max(254).optional(),
  phone: z.string().trim().min(1).max(40).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  postcode: z.string().trim().min(1).max(10).optional(),
  format: z.enum(['json', 'pdf']).default('json'),
});

export interface SubjectAccessQuery {
  readonly search: ResidentSearch;
  readonly format: 'json' | 'pdf';
}

function bad(field: string, message: string): never {
  throw new RejectedError({ code: 'REQUEST.BAD_QUERY', message, field });
}

/**
 * The query string as a search, validated.
 *
 * @throws RejectedError naming the field: an unknown parameter, a value
 * that is no email, phone or postcode, a name without a postcode (or the
 * other way round), or no identifier at all
 */
export function subjectAccessQuery(
  query: Readonly<Record<string, string | undefined>> | undefined,
): SubjectAccessQuery {
  const parsed = querySchema.safeParse(query ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue?.code === 'unrecognized_keys'
        ? String(issue.keys[0])
        : String(issue?.path[0] ?? 'query');
    bad(field, issue?.message ?? 'is not valid');
  }
  const { email, phone, name, postcode, format } = parsed.data;
  if (email !== undefined && normaliseEmail(email) === undefined) {
    bad('email', 'is not an email address');
  }
  if (phone !== undefined && normaliseUkPhone(phone) === undefined) {
    bad('phone', 'is not a phone number');
  }
  if (postcode !== undefined && normalisePostcode(postcode) === undefined) {
    bad('postcode', 'is not a UK postcode');
  }
  if (name !== undefined && postcode === undefined) {
    bad('postcode', 'is needed with a name');
  }
  if (postcode !== undefined && name === undefined) {
    bad('name', 'is needed with a postcode');
  }
  if (email === undefined && phone === undefined && name === undefined) {
    bad('email', 'give an email, a phone number, or a name and postcode');
  }
  return {
    search: {
      ...(email === undefined ? {} : { email }),
      ...(phone === undefined ? {} : { phone }),
      ...(name === undefined ? {} : { name }),
      ...(postcode === undefined ? {} : { postcode }),
    },
    format,
  };
}
