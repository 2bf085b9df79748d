// Load generator in its own process (so it does not share the server's event loop):
// reads { url, token, bodies, connections, duration } from argv[2] (JSON), prints autocannon's result as JSON.
import autocannon from 'autocannon';

const { url, token, bodies, connections, duration } = JSON.parse(process.argv[2]);
let i = 0;
const result = await autocannon({
  url,
  method: 'POST',
  connections,
  duration,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  requests: [{ setupRequest: (request) => ({ ...request, body: bodies[i++ % bodies.length] }) }],
});
process.stdout.write(JSON.stringify({ rps: result.requests.average, latency: result.latency, non2xx: result.non2xx, errors: result.errors }));
