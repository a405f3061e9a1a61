import type { Nation } from '../calendar/index.js';
import { InvalidInputError } from '../errors.js';
import type { OmbudsmanContact } from './letter.js';

/**
 * The Housing Ombudsman Service: the ombudsman for member landlords in
 * England, and the default for a policy whose nation is England and Wales.
 *
 * @example
 * housingOmbudsman.phone; // '0300 111 3000'
 */
export const housingOmbudsman: OmbudsmanContact = Object.freeze({
  name: 'Housing Ombudsman Service',
  shortName: 'Housing Ombudsman',
  address: Object.freeze(['PO Box 152', 'Liverpool', 'L33 7WQ']),
  phone: '0300 111 3000',
  email: 'info@housing-ombudsman.org.uk',
  website: 'www.housing-ombudsman.org.uk',
});

/**
 * The Scottish Public Services Ombudsman, for Scottish social landlords
 * (REGULATION §4).
 *
 * @example
 * scottishPublicServicesOmbudsman.website; // 'www.spso.org.uk'
 */
export const scottishPublicServicesOmbudsman: OmbudsmanContact = Object.freeze({
  name: 'Scottish Public Services Ombudsman',
  shortName: 'Scottish Public Services Ombudsman',
  address: Object.freeze([
    'Bridgeside House',
    '99 McDonald Road',
    'Edinburgh',
    'EH7 4NS',
  ]),
  phone: '0800 377 7330',
  website: 'www.spso.org.uk',
});

/**
 * The Public Services Ombudsman for Wales, for Welsh social landlords
 * (REGULATION §4).
 *
 * @example
 * publicServicesOmbudsmanWales.phone; // '0300 790 0203'
 */
export const publicServicesOmbudsmanWales: OmbudsmanContact = Object.freeze({
  name: 'Public Services Ombudsman for Wales',
  shortName: 'Public Services Ombudsman for Wales',
  address: Object.freeze(['1 Ffordd yr Hen Gae', 'Pencoed', 'CF35 5LJ']),
  phone: '0300 790 0203',
  website: 'www.ombudsman.wales',
});

/**
 * The ombudsman a landlord's residents go to, by the policy's nation.
 * `england-and-wales` means the Housing Ombudsman: a Welsh landlord sets its
 * nation to `wales`.
 *
 * @throws InvalidInputError for Northern Ireland: no contact details are
 *   shipped for its ombudsman (none were verified), so the caller must pass
 *   them rather than have letters go out with wrong ones.
 * @example
 * ombudsmanFor('scotland'); // scottishPublicServicesOmbudsman
 */
export function ombudsmanFor(nation: Nation): OmbudsmanContact {
  switch (nation) {
    case 'england-and-wales':
      return housingOmbudsman;
    case 'scotland':
      return scottishPublicServicesOmbudsman;
    case 'wales':
      return publicServicesOmbudsmanWales;
    default:
      throw new InvalidInputError(
        'context.ombudsman',
        `no default ombudsman for ${nation}: pass the ombudsman's contact details`,
      );
  }
}
