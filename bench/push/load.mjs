// Load generator in its own process (so it does not share the server's event loop):
// reads { url, method?, token?, headers?, bodies?, connections, duration, timeout? } from argv[2] (JSON),
// prints autocannon's result as JSON, with exact p50/p95/p99 of the 2xx responses (autocannon's own
// histogram has no p95).
import autocannon from 'autocannon';

const {
  url,
  method = 'POST',
  token,
  headers = {},
  bodies = [],
  connections,
  duration,
  timeout = 10,
} = JSON.parse(process.argv[2]);
let i = 0;
const times = [];
const instance = autocannon({
  url,
  method,
  connections,
  duration,
  timeout,
  headers: {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(bodies.length ? { 'content-type': 'application/json' } : {}),
    ...headers,
  },
  requests: [
    {
      setupRequest: (request) =>
        bodies.length ? { ...request, body: bodies[i++ % bodies.length] } : request,
    },
  ],
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
});
const result = await instance;
times.sort((a, b) => a - b);
const at = (p) =>
  times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : null;
process.stdout.write(
  JSON.stringify({
    rps: result.requests.average,
    completed: times.length,
    latency: result.latency,
    percentiles: { p50: at(50), p95: at(95), p99: at(99) },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
