import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, classifyAddress, parseCidrList, vetAddresses } from './webhook-target.js';

describe('webhook URL shape', () => {
  it.each([
    ['ftp://shop.example.com/hook', 'only http and https'],
    ['file:///etc/passwd', 'only http and https'],
    ['gopher://shop.example.com/', 'only http and https'],
    ['javascript:alert(1)', 'only http and https'],
    ['https://user:pass@shop.example.com/hook', 'credentials'],
    ['https://user@shop.example.com/hook', 'credentials'],
    ['not a url', 'not a valid URL'],
    ['https://', 'not a valid URL'],
    ['http://[fe80::1%25eth0]/', 'not a valid URL'],
    [`https://shop.example.com/${'a'.repeat(2048)}`, 'at most 2048'],
  ])('refuses %s', (url, reason) => {
    const check = checkWebhookUrl(url);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it.each([
    ['https://shop.example.com/hooks/escrowflow?x=1', 'shop.example.com', false],
    ['http://SHOP.Example.com:8080/h', 'shop.example.com', false],
    ['http://127.0.0.1:9/x', '127.0.0.1', true],
    // Decimal, hex, octal and short IPv4 forms come out of the URL parser as dotted quads.
    ['http://2130706433/', '127.0.0.1', true],
    ['http://0x7f000001/', '127.0.0.1', true],
    ['http://0x7f.1/', '127.0.0.1', true],
    ['http://0177.0.0.1/', '127.0.0.1', true],
    ['http://10.1/', '10.0.0.1', true],
    ['http://[::1]/x', '::1', true],
    ['http://[::ffff:10.0.0.1]/', '::ffff:a00:1', true],
  ])('takes %s as host %s (literal: %s)', (url, host, literal) => {
    const check = checkWebhookUrl(url);
    expect(check).toMatchObject({ ok: true, host, ipLiteral: literal });
  });
});

describe('address classification', () => {
  it.each([
    // IPv4 that is not public
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['192.0.0.8', 'reserved'],
    // IPv4 written in other bases (as a resolver or a raw caller might hand them over)
    ['0177.0.0.1', 'loopback'],
    ['0x7f.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    // IPv6 that is not public
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::1', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['100::1', 'discard'],
    // IPv4-compatible (deprecated) form: outside 2000::/3, so not public although ipaddr calls it unicast
    ['::7f00:1', 'unicast'],
    ['::a00:1', 'unicast'],
  ])('refuses %s (%s)', (address, range) => {
    const verdict = classifyAddress(address);
    expect(verdict).toMatchObject({ allowed: false, range });
  });

  it.each([
    // IPv4-mapped IPv6 is judged as the IPv4 inside
    ['::ffff:127.0.0.1', '127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', '10.0.0.1', 'private'],
    ['::ffff:a00:1', '10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', '169.254.169.254', 'linkLocal'],
  ])('refuses IPv4-mapped %s as %s', (address, judged, range) => {
    expect(classifyAddress(address)).toMatchObject({ allowed: false, address: judged, family: 4, range });
  });

  it.each([
    ['93.184.216.34', 4],
    ['1.1.1.1', 4],
    ['8.8.8.8', 4],
    ['172.32.0.1', 4],
    ['100.128.0.1', 4],
    ['169.255.0.1', 4],
    ['2606:4700:4700::1111', 6],
    ['2a00:1450:4001:82a::200e', 6],
  ])('allows public %s', (address, family) => {
    expect(classifyAddress(address)).toMatchObject({ allowed: true, family, range: 'unicast' });
  });

  it('allows public IPv4 behind an IPv4-mapped IPv6 address', () => {
    expect(classifyAddress('::ffff:8.8.8.8')).toMatchObject({ allowed: true, address: '8.8.8.8' });
  });

  it('refuses what is not an address', () => {
    expect(classifyAddress('example.com')).toMatchObject({ allowed: false, range: 'invalid' });
    expect(classifyAddress('')).toMatchObject({ allowed: false, range: 'invalid' });
    expect(classifyAddress('1.2.3.4.5')).toMatchObject({ allowed: false, range: 'invalid' });
  });
});

describe('allow list', () => {
  it('parses CIDRs and bare addresses, and refuses anything else', () => {
    expect(parseCidrList('')).toEqual([]);
    expect(parseCidrList(undefined)).toEqual([]);
    expect(parseCidrList(' 127.0.0.1/32 , 10.0.0.0/8,::1, fd00::/8 ')).toEqual([
      '127.0.0.1/32',
      '10.0.0.0/8',
      '::1/128',
      'fd00::/8',
    ]);
    expect(() => parseCidrList('127.0.0.1/33')).toThrow(/not an address or CIDR: 127.0.0.1\/33/);
    expect(() => parseCidrList('localhost')).toThrow(/not an address or CIDR/);
    expect(() => parseCidrList('10.0.0.0/8,nope')).toThrow(/nope/);
  });

  it('lets exactly the listed ranges through', () => {
    const allow = parseCidrList('127.0.0.1/32,10.20.0.0/16,fd00::/8');
    expect(classifyAddress('127.0.0.1', allow)).toMatchObject({ allowed: true, allowedBy: '127.0.0.1/32' });
    expect(classifyAddress('127.0.0.2', allow).allowed).toBe(false);
    expect(classifyAddress('10.20.3.4', allow)).toMatchObject({ allowed: true, allowedBy: '10.20.0.0/16' });
    expect(classifyAddress('10.21.0.1', allow).allowed).toBe(false);
    expect(classifyAddress('fd00::5', allow)).toMatchObject({ allowed: true, allowedBy: 'fd00::/8' });
    expect(classifyAddress('fc00::5', allow).allowed).toBe(false);
    // An IPv4 CIDR covers the IPv4-mapped form too, never other IPv6 addresses.
    expect(classifyAddress('::ffff:127.0.0.1', allow)).toMatchObject({ allowed: true, address: '127.0.0.1' });
    expect(classifyAddress('::1', allow).allowed).toBe(false);
    expect(classifyAddress('169.254.169.254', allow).allowed).toBe(false);
  });
});

describe('vetting a host by all of its addresses', () => {
  it('is safe only when every address is allowed', () => {
    expect(vetAddresses(['93.184.216.34', '2606:4700:4700::1111'])).toMatchObject({ ok: true });
    // One private answer among public ones is enough to refuse (a resolver may pick either).
    expect(vetAddresses(['93.184.216.34', '10.0.0.1'])).toMatchObject({
      ok: false,
      reason: 'refused',
      refused: { address: '10.0.0.1', range: 'private' },
    });
    expect(vetAddresses(['127.0.0.1', '::1'], ['127.0.0.1/32'])).toMatchObject({
      ok: false,
      refused: { address: '::1' },
    });
    expect(vetAddresses(['127.0.0.1'], ['127.0.0.1/32'])).toMatchObject({ ok: true });
  });

  it('refuses a host without addresses', () => {
    expect(vetAddresses([])).toEqual({ ok: false, reason: 'unresolvable' });
  });
});
