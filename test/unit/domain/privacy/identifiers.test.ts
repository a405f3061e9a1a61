import { describe, expect, it } from 'vitest';
import {
  namePostcode,
  normaliseEmail,
  normaliseName,
  normalisePostcode,
  normaliseUkPhone,
  postcodeOf,
  residentIdentifier,
  searchIdentifiers,
} from '../../../../domain/index.js';

describe('normalising what staff type', () => {
  it.each([
    [' Jo.Bloggs@Example.ORG ', 'jo.bloggs@example.org'],
    ['jo@example.org', 'jo@example.org'],
    ['not an email', undefined],
    ['@example.org', undefined],
    ['jo@', undefined],
  ])('email %j → %j', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it.each([
    ['07700 900123', '07700900123'],
    ['+44 7700 900123', '07700900123'],
    ['+44 (0)7700 900-123', '07700900123'],
    ['0044 20 7946 0000', '02079460000'],
    ['(01632) 960 001', '01632960001'],
    ['+353 1 234 5678', '+35312345678'],
    ['12345', undefined],
    ['phone me', undefined],
  ])('UK phone %j → %j', (input, expected) => {
    expect(normaliseUkPhone(input)).toBe(expected);
  });

  it.each([
    [' ex1 1aa', 'EX11AA'],
    ['EX11AA', 'EX11AA'],
    ['SW1A 1AA', 'SW1A1AA'],
    ['M1 1AE', 'M11AE'],
    ['Exeter', undefined],
  ])('postcode %j → %j', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it('finds the postcode on the last line of an address that has one', () => {
    expect(postcodeOf(['1 High Street', 'Exeter', 'EX1 1AA'])).toBe('EX11AA');
    expect(postcodeOf(['1 High Street', 'EX1 1AA', 'Devon'])).toBe('EX11AA');
    expect(postcodeOf(['1 High Street'])).toBeUndefined();
    expect(postcodeOf(undefined)).toBeUndefined();
  });

  it('spells a name one way, and needs both halves of name and postcode', () => {
    expect(normaliseName('  Mrs. J  Smith ')).toBe('mrs j smith');
    expect(normaliseName('Zoë  O’Brien')).toBe('zoë o brien');
    expect(namePostcode('Jo Bloggs', 'ex1 1aa')).toBe('jo bloggs|EX11AA');
    expect(namePostcode('Jo Bloggs', undefined)).toBeUndefined();
    expect(namePostcode('...', 'EX1 1AA')).toBeUndefined();
    expect(namePostcode('Jo', 'nowhere')).toBeUndefined();
  });
});

describe('the one identifier a complaint is indexed under', () => {
  const address = ['1 High Street', 'Exeter', 'EX1 1AA'];

  it('is the email if there is one, else the phone, else name and postcode', () => {
    expect(
      residentIdentifier({
        name: 'Jo',
        email: 'JO@example.org',
        phone: '07700 900123',
        address,
      }),
    ).toEqual({ kind: 'email', value: 'jo@example.org' });
    expect(
      residentIdentifier({ name: 'Jo', phone: '07700 900123', address }),
    ).toEqual({ kind: 'phone', value: '07700900123' });
    expect(residentIdentifier({ name: 'Jo Bloggs', address })).toEqual({
      kind: 'name-postcode',
      value: 'jo bloggs|EX11AA',
    });
  });

  it('passes over values that do not normalise', () => {
    expect(
      residentIdentifier({ name: 'Jo', email: 'none', phone: '07700 900123' }),
    ).toEqual({ kind: 'phone', value: '07700900123' });
  });

  it('is none for a resident with no email, phone or postcode', () => {
    expect(residentIdentifier({ name: 'Jo', address: ['Exeter'] })).toBe(
      undefined,
    );
  });

  it('is found by the same value whichever way staff type it', () => {
    const held = residentIdentifier({ name: 'Jo', phone: '+44 7700 900123' });

    expect(searchIdentifiers({ phone: '07700-900-123' })).toEqual([held]);
  });

  it('searches by each identifier given, in order, leaving out what does not normalise', () => {
    expect(
      searchIdentifiers({
        email: 'Jo@Example.org',
        phone: 'n/a',
        name: 'Jo Bloggs',
        postcode: 'ex1 1aa',
      }),
    ).toEqual([
      { kind: 'email', value: 'jo@example.org' },
      { kind: 'name-postcode', value: 'jo bloggs|EX11AA' },
    ]);
    expect(searchIdentifiers({})).toEqual([]);
    expect(searchIdentifiers({ name: 'Jo' })).toEqual([]);
  });
});
