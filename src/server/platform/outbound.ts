import { promises as dns, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { AppDeps } from './context.js';

/**
 * Outgoing HTTP calls to addresses users give (web push endpoints, later webhooks) must not
 * reach the inside of the network the server runs in (SSRF): only https to public hosts, every
 * resolved address checked, and the connection made to the very address that was checked.
 */

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;
export type OutboundPolicy = {
  /** Hosts exempt from the public-address rule, also over plain http (a test receiver). */
  trustedHosts: string[];
  /** How host names are resolved (tests give their own; DNS otherwise). */
  resolve?: Resolver;
};

/** The policy from the settings (`OUTBOUND_TRUSTED_HOSTS`); tests may set `deps.resolveHost`. */
export const outboundPolicy = (deps: AppDeps): OutboundPolicy => ({
  trustedHosts: deps.config.outboundTrustedHosts,
  resolve: deps.resolveHost,
});

export class OutboundRefused extends Error {
  constructor(
    readonly code: 'not_https' | 'malformed' | 'not_public_host' | 'unresolvable',
    message: string,
  ) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

/** A public unicast address: not private, loopback, link-local, unique-local, multicast, reserved, CGNAT… */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase();
const isTrusted = (url: URL, policy: OutboundPolicy) => policy.trustedHosts.includes(bare(url.hostname));
const defaultResolve: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * Checks what can be checked without the network: an https URL without credentials whose host,
 * if it is an address, is public. Throws `OutboundRefused`.
 */
export function checkOutboundUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('malformed', 'Not a URL.');
  }
  if (url.username || url.password) throw new OutboundRefused('malformed', 'A URL without credentials.');
  const trusted = isTrusted(url, policy);
  if (url.protocol !== 'https:' && !(trusted && url.protocol === 'http:'))
    throw new OutboundRefused('not_https', 'An https URL.');
  const host = bare(url.hostname);
  if (
    !trusted &&
    (ipaddr.isValid(host)
      ? !isPublicAddress(host)
      : host === 'localhost' || host.endsWith('.localhost') || !host.includes('.'))
  ) {
    throw new OutboundRefused('not_public_host', 'The host must be a public Internet host.');
  }
  return url;
}

/** Resolves the host and refuses it when any of its addresses is not public. */
export async function resolvePublicHost(url: URL, policy: OutboundPolicy): Promise<LookupAddress[]> {
  const host = bare(url.hostname);
  if (ipaddr.isValid(host)) return [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  let addresses: LookupAddress[];
  try {
    addresses = await (policy.resolve ?? defaultResolve)(host);
  } catch {
    throw new OutboundRefused('unresolvable', `The host ${host} does not resolve.`);
  }
  if (addresses.length === 0) throw new OutboundRefused('unresolvable', `The host ${host} does not resolve.`);
  if (!isTrusted(url, policy) && addresses.some((entry) => !isPublicAddress(entry.address))) {
    throw new OutboundRefused(
      'not_public_host',
      `The host ${host} resolves to an address that is not public.`,
    );
  }
  return addresses;
}

/** A `lookup` for the socket: the connection goes to an address checked a moment before, none other. */
function guardedLookup(url: URL, policy: OutboundPolicy): LookupFunction {
  return ((
    _hostname: string,
    options: { all?: boolean; family?: number },
    callback: (...args: unknown[]) => void,
  ) => {
    resolvePublicHost(url, policy).then(
      (addresses) => {
        const usable = options?.family
          ? addresses.filter((entry) => entry.family === options.family)
          : addresses;
        const chosen = usable.length ? usable : addresses;
        if (options?.all) callback(null, chosen);
        else callback(null, chosen[0].address, chosen[0].family);
      },
      (error) => callback(error),
    );
  }) as LookupFunction;
}

export type OutboundResponse = { status: number; text: string; headers: Record<string, string> };

/**
 * Sends one request to a user-given URL under the policy (no redirects followed). Throws
 * `OutboundRefused` before any connection to a host that is not public.
 */
export async function sendOutbound(
  raw: string,
  request: {
    method: string;
    headers: Record<string, string>;
    body?: Buffer | string;
    timeoutMs?: number;
    /** What is kept of the answer's body (64 KiB unless said). */
    maxBytes?: number;
  },
  policy: OutboundPolicy,
): Promise<OutboundResponse> {
  const url = checkOutboundUrl(raw, policy);
  await resolvePublicHost(url, policy); // refuse early, with a clear reason, before opening a socket
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const outgoing = transport.request(
      url,
      {
        method: request.method,
        headers: request.headers,
        lookup: guardedLookup(url, policy),
        timeout: request.timeoutMs ?? 5000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= (request.maxBytes ?? 64 * 1024)) chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, value]) => [
                name,
                Array.isArray(value) ? value.join(', ') : String(value ?? ''),
              ]),
            ),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * A `fetch` for libraries that take one (openid-client): every call goes through
 * `sendOutbound`, so the same address rules apply, and redirects are not followed.
 */
export function outboundFetch(policy: OutboundPolicy, maxBytes = 512 * 1024) {
  return async (
    input: string | URL,
    init?: {
      method?: string;
      headers?: Record<string, string> | Headers;
      body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
    },
  ): Promise<Response> => {
    const url = typeof input === 'string' ? input : input.href;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const raw = init?.body;
    const body =
      raw == null
        ? undefined
        : typeof raw === 'string'
          ? raw
          : raw instanceof URLSearchParams
            ? raw.toString()
            : raw instanceof ReadableStream
              ? Buffer.from(await new Response(raw).arrayBuffer())
              : Buffer.from(raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw);
    const answer = await sendOutbound(
      url,
      { method: init?.method ?? 'GET', headers, body, maxBytes },
      policy,
    );
    // A Response cannot carry a body with these statuses.
    const empty = [204, 205, 304].includes(answer.status);
    return new Response(empty ? null : answer.text, { status: answer.status, headers: answer.headers });
  };
}
