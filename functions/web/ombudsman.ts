/**
 * The ombudsman the landlord's residents go to, from the domain's
 * contact details (the ones letters carry), and when they may go.
 */
import {
  type ComplaintState,
  type OmbudsmanContact,
  ombudsmanFor,
  type Policy,
} from '@hearth/domain';

/** The ombudsman for the policy's nation; none is shipped for Northern Ireland. */
export function ombudsmanOf(policy: Policy): OmbudsmanContact | undefined {
  try {
    return ombudsmanFor(policy.nation);
  } catch {
    return undefined;
  }
}

export function ombudsmanView(contact: OmbudsmanContact | undefined) {
  if (contact === undefined) return undefined;
  return {
    ...contact,
    href: `https://${contact.website.replace(/^https?:\/\//, '')}`,
  };
}

/** When this resident may go to the ombudsman, given where the complaint is. */
export function ombudsmanWhen(
  state: ComplaintState,
  contact: OmbudsmanContact | undefined,
): string {
  const name =
    contact === undefined ? 'the ombudsman' : `the ${contact.shortName}`;
  if (state.status === 'declined') {
    return `You can ask ${name} to look at our decision not to take your complaint forward.`;
  }
  if (state.status === 'escalation-refused') {
    return `You can ask ${name} to look at our decision not to take your complaint to stage 2.`;
  }
  if (state.stage2?.response !== undefined) {
    return `You have our final response. If you are still unhappy, you can ask ${name} to investigate now.`;
  }
  return `If you are still unhappy after our stage 2 (final) response, you can ask ${name} to investigate. You can also contact them for help at any time while your complaint is with us.`;
}
