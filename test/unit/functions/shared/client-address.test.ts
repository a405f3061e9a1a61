import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../../functions/shared/client-address.js';

const peer = { http: { sourceIp: '130.176.1.1' } };

describe('clientAddress', () => {
  it('is the viewer CloudFront saw, not the edge that called the API', () => {
    expect(
      clientAddress({
        headers: { 'cloudfront-viewer-address': '203.0.113.9:51234' },
        requestContext: peer,
      }),
    ).toBe('203.0.113.9');
    expect(
      clientAddress({
        headers: { 'cloudfront-viewer-address': '2001:db8::7:443' },
        requestContext: peer,
      }),
    ).toBe('2001:db8::7');
  });

  it('is the peer without CloudFront, or when the header is not an address', () => {
    expect(clientAddress({ headers: {}, requestContext: peer })).toBe(
      '130.176.1.1',
    );
    expect(
      clientAddress({
        headers: { 'cloudfront-viewer-address': 'x; drop table' },
        requestContext: peer,
      }),
    ).toBe('130.176.1.1');
  });
});
