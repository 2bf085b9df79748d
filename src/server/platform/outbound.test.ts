import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  checkOutboundUrl,
  isPublicAddress,
  OutboundRefused,
  outboundFetch,
  resolvePublicHost,
  sendOutbound,
  type OutboundPolicy,
} from './outbound.js';

const fixed =
  (table: Record<string, string>): OutboundPolicy['resolve'] =>
  async (host) => {
    if (!table[host]) throw new Error('ENOTFOUND');
    return [{ address: table[host], family: table[host].includes(':') ? 6 : 4 }];
  };

describe('outbound calls reach public hosts only', () => {
  it('tells public addresses from private, loopback, link-local and other special ones', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4007:80e::200a'])
      expect(isPublicAddress(address), address).toBe(true);
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '198.18.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:a00:1::',
      'not-an-ip',
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });

  it('refuses non-https URLs, credentials, internal names and private address literals', () => {
    const policy: OutboundPolicy = { trustedHosts: [] };
    const code = (url: string) => {
      try {
        checkOutboundUrl(url, policy);
        return 'ok';
      } catch (error) {
        return (error as OutboundRefused).code;
      }
    };
    expect(code('https://fcm.googleapis.com/fcm/send/abc')).toBe('ok');
    expect(code('http://fcm.googleapis.com/fcm/send/abc')).toBe('not_https');
    expect(code('ftp://example.com/x')).toBe('not_https');
    expect(code('https://user:pw@example.com/x')).toBe('malformed');
    expect(code('not a url')).toBe('malformed');
    for (const url of [
      'https://127.0.0.1:3000/x',
      'https://[::1]/x',
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.7/x',
      'https://localhost/x',
      'https://db.localhost/x',
      'https://intranet/x',
      'https://[::ffff:7f00:1]/x',
    ]) {
      expect(code(url), url).toBe('not_public_host');
    }
    // A trusted host (a test receiver) may be local and plain http.
    expect(checkOutboundUrl('http://127.0.0.1:9/x', { trustedHosts: ['127.0.0.1'] }).hostname).toBe(
      '127.0.0.1',
    );
  });

  it('resolves the name and refuses it when it points inside the network', async () => {
    const policy: OutboundPolicy = {
      trustedHosts: [],
      resolve: fixed({
        'push.example.net': '93.184.216.34',
        'inside.example.net': '10.1.2.3',
        'v6.example.net': 'fd00::1',
      }),
    };
    expect(await resolvePublicHost(new URL('https://push.example.net/x'), policy)).toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
    await expect(resolvePublicHost(new URL('https://inside.example.net/x'), policy)).rejects.toMatchObject({
      code: 'not_public_host',
    });
    await expect(resolvePublicHost(new URL('https://v6.example.net/x'), policy)).rejects.toMatchObject({
      code: 'not_public_host',
    });
    await expect(resolvePublicHost(new URL('https://nowhere.example.net/x'), policy)).rejects.toMatchObject({
      code: 'unresolvable',
    });
  });

  it('never opens a connection to a name that resolves to a loopback address (DNS rebinding included)', async () => {
    let connections = 0;
    const server = createServer((_request, response) => response.writeHead(201).end('ok'));
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const rebinding: OutboundPolicy = {
        trustedHosts: [],
        resolve: fixed({ 'rebind.example.net': '127.0.0.1' }),
      };
      await expect(
        sendOutbound(`https://rebind.example.net:${port}/push`, { method: 'POST', headers: {} }, rebinding),
      ).rejects.toBeInstanceOf(OutboundRefused);
      await expect(
        sendOutbound(`https://127.0.0.1:${port}/push`, { method: 'POST', headers: {} }, { trustedHosts: [] }),
      ).rejects.toBeInstanceOf(OutboundRefused);
      // Public when checked, loopback a moment later when the socket connects: the socket's own lookup refuses it.
      let asked = 0;
      const flipping: OutboundPolicy = {
        trustedHosts: [],
        resolve: async () => [{ address: asked++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }],
      };
      await expect(
        sendOutbound(`https://flip.example.net:${port}/push`, { method: 'POST', headers: {} }, flipping),
      ).rejects.toBeInstanceOf(OutboundRefused);
      expect(asked).toBe(2);
      expect(connections).toBe(0);
      // The setting lets a test receiver through, and the request really arrives.
      const answer = await sendOutbound(
        `http://127.0.0.1:${port}/push`,
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' },
        { trustedHosts: ['127.0.0.1'] },
      );
      expect(answer).toMatchObject({ status: 201, text: 'ok' });
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it('gives libraries a fetch under the same rules (single sign-on discovery)', async () => {
    let connections = 0;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () =>
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ method: request.method, body: Buffer.concat(chunks).toString('utf8') })),
      );
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await expect(outboundFetch({ trustedHosts: [] })(`http://127.0.0.1:${port}/x`)).rejects.toBeInstanceOf(
        OutboundRefused,
      );
      expect(connections).toBe(0);
      const answer = await outboundFetch({ trustedHosts: ['127.0.0.1'] })(
        new URL(`http://127.0.0.1:${port}/token`),
        {
          method: 'POST',
          headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
          body: new URLSearchParams({ grant_type: 'authorization_code' }),
        },
      );
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(await answer.json()).toEqual({ method: 'POST', body: 'grant_type=authorization_code' });
    } finally {
      server.close();
    }
  });
});
