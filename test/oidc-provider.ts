import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (the kept `oidc-provider` package) running in this process on a random
 * localhost port, for single sign-on tests: one client with the app's redirect URI, PKCE
 * required, its dev interactions for login and consent, and accounts given by the test.
 * `tamperIdToken` rewrites the next ID token the token endpoint answers, signed again with the
 * provider's own key (or another one), to prove the client's checks.
 */
export type TestAccount = {
  email: string;
  emailVerified: boolean;
  givenName?: string;
  familyName?: string;
  locale?: string;
};

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Rewrites the claims of the next ID token; `foreignKey` signs it with a key the provider does not publish. */
  tamperIdToken(change: (claims: JWTPayload) => JWTPayload, options?: { foreignKey?: boolean }): void;
  close(): Promise<void>;
};

export async function startTestProvider(options: {
  redirectUri: string;
  host?: string;
  clientId?: string;
  clientSecret?: string;
}): Promise<TestProvider> {
  const clientId = options.clientId ?? 'relais';
  const clientSecret = options.clientSecret ?? 'relais-client-secret-for-tests-only';
  const accounts = new Map<string, TestAccount>();
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const foreign = await generateKeyPair('RS256', { extractable: true });
  let tamper: { change: (claims: JWTPayload) => JWTPayload; foreignKey: boolean } | undefined;

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${options.host ?? '127.0.0.1'}:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // A confidential client must still send a code challenge (S256 is the only method offered).
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name', 'locale'],
    },
    // Claims in the ID token itself, as many providers do, rather than only at the userinfo endpoint.
    conformIdTokenClaims: false,
    jwks: { keys: [jwk] },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 3600 },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: account.email,
            email_verified: account.emailVerified,
            given_name: account.givenName,
            family_name: account.familyName,
            name: [account.givenName, account.familyName].filter(Boolean).join(' ') || undefined,
            locale: account.locale,
          };
        },
      };
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && tamper && body?.id_token) {
      const { change, foreignKey } = tamper;
      tamper = undefined;
      body.id_token = await new SignJWT(change(decodeJwt(body.id_token)))
        .setProtectedHeader({ alg: 'RS256', kid: foreignKey ? 'test-key' : jwk.kid, typ: 'JWT' })
        .sign(foreignKey ? foreign.privateKey : privateKey);
    }
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamperIdToken(change, tamperOptions) {
      tamper = { change, foreignKey: tamperOptions?.foreignKey ?? false };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A tiny cookie jar over fetch, to walk the provider's pages as a browser would. */
export class ProviderBrowser {
  private cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /**
   * From the provider's authorization URL to the redirect back to the app: signs in as
   * `accountId` on the login page and approves the consent page (the provider's dev interactions).
   * Answers the URL the provider sends the browser back to.
   */
  async signIn(authorizationUrl: string, accountId: string): Promise<string> {
    let url = authorizationUrl;
    const origin = new URL(authorizationUrl).origin;
    for (let step = 0; step < 12; step++) {
      const response = await this.request(url);
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, url).href;
        if (!next.startsWith(origin)) return next;
        url = next;
        continue;
      }
      const page = await response.text();
      if (response.status !== 200)
        throw new Error(`provider answered ${response.status}: ${page.slice(0, 300)}`);
      const prompt = /name="prompt" value="([a-z]+)"/.exec(page)?.[1];
      const submitted = await this.request(url, {
        method: 'POST',
        form:
          prompt === 'login'
            ? { prompt, login: accountId, password: 'any' }
            : { prompt: prompt ?? 'consent' },
      });
      const after = submitted.headers.get('location');
      if (!after) throw new Error(`provider interaction ${prompt} answered ${submitted.status}`);
      url = new URL(after, url).href;
    }
    throw new Error('too many steps at the provider');
  }
}
