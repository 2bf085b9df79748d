import type { LightMyRequestResponse } from 'fastify';
import type { RelaisApp } from '../src/server/app.js';

type Body = unknown;
type Options = { headers?: Record<string, string>; rawBody?: string | Buffer; contentType?: string };

/** Calls the app in-process (`inject`) as one user: keeps their cookie and sends their CSRF token. */
export class TestClient {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
  userId?: string;

  constructor(readonly app: RelaisApp) {}

  async signIn(email: string, password: string) {
    const response = await this.post('/api/v1/auth/login', { email, password });
    if (response.statusCode !== 200)
      throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
    const session = response.cookies.find((cookie) => cookie.name === 'relais_session');
    this.cookie = `relais_session=${session!.value}`;
    this.csrfToken = response.json().csrfToken;
    this.userId = response.json().user.id;
  }

  /** The same user, but authenticating with a bearer token instead of the cookie. */
  withToken(token: string): TestClient {
    const client = new TestClient(this.app);
    client.bearer = token;
    client.userId = this.userId;
    return client;
  }

  request(method: string, url: string, body?: Body, options: Options = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && !['GET', 'HEAD'].includes(method) && !headers['x-csrf-token'])
      headers['x-csrf-token'] = this.csrfToken;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      if (options.contentType) headers['content-type'] = options.contentType;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    return this.app.inject({ method: method as any, url, headers, payload });
  }

  get = (url: string, options?: Options) => this.request('GET', url, undefined, options);
  post = (url: string, body?: Body, options?: Options) => this.request('POST', url, body, options);
  patch = (url: string, body?: Body, options?: Options) => this.request('PATCH', url, body, options);
  put = (url: string, body?: Body, options?: Options) => this.request('PUT', url, body, options);
  delete = (url: string, options?: Options) => this.request('DELETE', url, undefined, options);
}

/** Asserts an RFC 9457 answer with the given status and code; returns the problem. */
export function expectProblem(response: LightMyRequestResponse, status: number, code?: string) {
  const problem = response.json();
  const summary = `${response.statusCode} ${response.body.slice(0, 300)}`;
  if (response.statusCode !== status)
    throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${summary}`);
  if (!String(response.headers['content-type']).startsWith('application/problem+json'))
    throw new Error(`not problem+json: ${summary}`);
  if (code && problem.code !== code) throw new Error(`expected code ${code}, got ${summary}`);
  for (const key of ['type', 'title', 'status', 'code', 'detail', 'errors', 'requestId']) {
    if (!(key in problem)) throw new Error(`problem lacks "${key}": ${summary}`);
  }
  return problem as {
    code: string;
    detail: string;
    errors: { field: string; message: string; code: string }[];
    requestId: string;
    [key: string]: unknown;
  };
}
