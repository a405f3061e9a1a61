import { describe, expect, it } from 'vitest';
import { lettersSettings } from '../../../../functions/letters/settings.js';
import { envKeys } from '../../../../functions/shared/env-keys.js';
import { addressLines } from '../../../../functions/shared/landlord.js';

const env = {
  [envKeys.senderAddress]: 'complaints@riverside.example',
  [envKeys.landlordName]: 'Riverside Homes',
  [envKeys.landlordAddress]: '1 Quay Street|Leeds|LS1 1AA',
  [envKeys.landlordPhone]: '0113 496 0000',
  [envKeys.lettersBucket]: 'hearth-letters',
};

describe('lettersSettings', () => {
  it('reads the sender, its domain, the landlord and the bucket', () => {
    expect(lettersSettings(env)).toEqual({
      senderAddress: 'complaints@riverside.example',
      senderDomain: 'riverside.example',
      landlord: {
        name: 'Riverside Homes',
        address: ['1 Quay Street', 'Leeds', 'LS1 1AA'],
        phone: '0113 496 0000',
        email: 'complaints@riverside.example',
      },
      lettersBucket: 'hearth-letters',
    });
  });

  it('names every bad or missing variable', () => {
    expect(() =>
      lettersSettings({
        ...env,
        [envKeys.senderAddress]: 'nobody',
        [envKeys.lettersBucket]: undefined,
      }),
    ).toThrow(/HEARTH_SENDER_ADDRESS: .*HEARTH_LETTERS_BUCKET: /);
  });
});

describe('addressLines', () => {
  it.each([
    ['1 Quay Street|Leeds|LS1 1AA', ['1 Quay Street', 'Leeds', 'LS1 1AA']],
    ['Unit 2, The Quay\nLeeds\n', ['Unit 2, The Quay', 'Leeds']],
    ['1 Quay Street, Leeds, LS1 1AA', ['1 Quay Street', 'Leeds', 'LS1 1AA']],
  ])('%j', (value, lines) => {
    expect(addressLines(value)).toEqual(lines);
  });
});
