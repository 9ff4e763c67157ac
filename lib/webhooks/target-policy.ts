import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { webhookSettings } from '../config';

/*
 * Where a webhook may be sent (SSRF): the one place that decides. A delivery is a request this
 * service makes to a URL a user typed, so it must never reach the service's own network: only
 * public unicast addresses, checked after DNS resolution, and the request then connects to the very
 * address that was checked (post-to-target.ts pins it), so a DNS answer that changes between the
 * check and the connection (rebinding) cannot move it. Ranges are ipaddr.js's own list of special
 * ranges (private, loopback, link-local, CGNAT, multicast, unique-local, NAT64, 6to4, Teredo, …):
 * anything it does not call `unicast` is refused.
 */

/** What the policy allows beyond the public internet: a loopback receiver over plain http, under the local cloud only. */
export interface TargetPolicy {
  allowLoopback: boolean;
}

export const targetPolicy = (): TargetPolicy => ({ allowLoopback: webhookSettings().allowLoopbackReceivers });

/** Why a target was refused, in a sentence for the endpoint's owner. */
export class WebhookTargetRefused extends Error {
  override name = 'WebhookTargetRefused';
}

/** A target that passed: the URL, and the address (and its family) the request must connect to. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

const resolveAll: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The URL's own rules, before any DNS: https (http only where loopback receivers are allowed), a host, no credentials. */
export function checkTargetUrl(raw: string, policy: TargetPolicy = targetPolicy()): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetRefused('This is not a URL.');
  }
  const allowedProtocols = policy.allowLoopback ? ['https:', 'http:'] : ['https:'];
  if (!allowedProtocols.includes(url.protocol)) throw new WebhookTargetRefused('Webhooks are sent over HTTPS only: give a URL that starts with https://.');
  if (url.username || url.password) throw new WebhookTargetRefused('A webhook URL cannot carry a user name or password.');
  if (!url.hostname) throw new WebhookTargetRefused('This URL has no host.');
  return url;
}

/** Whether one resolved address may be connected to; null when it may, else the refusal's sentence. */
export function addressRefusal(address: string, policy: TargetPolicy = targetPolicy()): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address.`;
  // process() reads an IPv4-mapped IPv6 address (::ffff:10.0.0.1) as the IPv4 address it is.
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'unicast') return null;
  if (range === 'loopback' && policy.allowLoopback) return null;
  return `It resolves to ${ip.toString()}, ${RANGE_NAMES[range] ?? 'a reserved address'}: webhooks go to public internet addresses only.`;
}

/** ipaddr.js's range names, as the owner reads them; any other is a special-purpose range, "reserved". */
const RANGE_NAMES: Record<string, string> = {
  private: 'a private address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  uniqueLocal: 'a unique local address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
};

/**
 * The target a delivery may connect to: the URL's rules, then every address its host resolves to
 * (an IP literal is its own), each of which must pass; the first is the one to connect to.
 */
export async function checkTarget(raw: string, policy: TargetPolicy = targetPolicy(), resolve: Resolve = resolveAll): Promise<CheckedTarget> {
  const url = checkTargetUrl(raw, policy);
  // URL keeps an IPv6 literal in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    addresses = await resolve(host).catch(() => {
      throw new WebhookTargetRefused(`The host ${host} could not be found.`);
    });
    if (addresses.length === 0) throw new WebhookTargetRefused(`The host ${host} could not be found.`);
  }
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal) throw new WebhookTargetRefused(refusal);
  }
  const [first] = addresses;
  return { url, address: first!.address, family: first!.family === 6 ? 6 : 4 };
}
