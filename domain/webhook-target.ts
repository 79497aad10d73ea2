/**
 * Where a seller's webhook may point (SSRF policy), as pure functions: URL shape and address
 * classification. Resolving names and connecting live in activities/outbound-webhook.ts.
 *
 * Policy: every address a host resolves to must be public unicast (IPv4 not loopback, RFC 1918,
 * link-local, CGNAT, unspecified, multicast, broadcast or reserved; IPv6 global unicast 2000::/3
 * outside its special ranges, IPv4-mapped forms judged as the IPv4 they carry), unless it falls
 * inside a CIDR of OUTBOUND_WEBHOOK_ALLOW_CIDRS.
 */
import ipaddr from 'ipaddr.js';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type WebhookUrlCheck =
  | { ok: true; url: URL; host: string; ipLiteral: boolean }
  | { ok: false; reason: string };

/** Shape only: http(s), no credentials, a host, at most MAX_WEBHOOK_URL_LENGTH characters. */
export function checkWebhookUrl(raw: string): WebhookUrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, reason: `at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'only http and https' };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  if (!url.hostname) return { ok: false, reason: 'a host is required' };
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, reason: `at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  // The WHATWG parser already turned decimal, hex and octal IPv4 forms into dotted quads.
  const bracketed = url.hostname.startsWith('[') && url.hostname.endsWith(']');
  const host = bracketed ? url.hostname.slice(1, -1) : url.hostname;
  return { ok: true, url, host, ipLiteral: bracketed || ipaddr.IPv4.isValidFourPartDecimal(host) };
}

/** Normalised CIDRs (`10.0.0.0/8`, `::1/128`) from a comma list; throws on an invalid entry. */
export function parseCidrList(csv: string | undefined): string[] {
  return (csv ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        const [address, prefix] = entry.includes('/')
          ? ipaddr.parseCIDR(entry)
          : [ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128];
        return `${address.toString()}/${prefix}`;
      } catch {
        throw new Error(`not an address or CIDR: ${entry}`);
      }
    });
}

export interface AddressVerdict {
  /** The address as judged (an IPv4-mapped IPv6 address as its IPv4). */
  address: string;
  family: 4 | 6;
  /** ipaddr.js range name (`unicast`, `private`, `loopback`, ...) or `invalid`. */
  range: string;
  allowed: boolean;
  /** The allow-list entry that let a non-public address through. */
  allowedBy?: string;
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

export function classifyAddress(raw: string, allowCidrs: readonly string[] = []): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(raw);
  } catch {
    return { address: raw, family: raw.includes(':') ? 6 : 4, range: 'invalid', allowed: false };
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const family = parsed.kind() === 'ipv4' ? 4 : 6;
  const range = parsed.range();
  const verdict = { address: parsed.toString(), family, range } as const;
  const allowedBy = allowCidrs.find((entry) => {
    const cidr = ipaddr.parseCIDR(entry);
    return cidr[0].kind() === parsed.kind() && parsed.match(cidr);
  });
  if (allowedBy) return { ...verdict, allowed: true, allowedBy };
  const isPublic = range === 'unicast' && (family === 4 || (parsed as ipaddr.IPv6).match(GLOBAL_UNICAST_V6));
  return { ...verdict, allowed: isPublic };
}

export type AddressesCheck =
  | { ok: true; addresses: AddressVerdict[] }
  | { ok: false; reason: 'unresolvable' }
  | { ok: false; reason: 'refused'; refused: AddressVerdict };

/** A host is safe only when it resolves and every one of its addresses is allowed. */
export function vetAddresses(
  addresses: readonly string[],
  allowCidrs: readonly string[] = [],
): AddressesCheck {
  if (addresses.length === 0) return { ok: false, reason: 'unresolvable' };
  const verdicts = addresses.map((a) => classifyAddress(a, allowCidrs));
  const refused = verdicts.find((v) => !v.allowed);
  return refused ? { ok: false, reason: 'refused', refused } : { ok: true, addresses: verdicts };
}
