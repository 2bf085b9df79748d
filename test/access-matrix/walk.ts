import { randomUUID } from 'node:crypto';
import type { Hidden, Matrix, Probe } from './fixtures.js';

/** One request of the walk. `hiddenId`: the hidden record it names (an answer may echo it); `twin`: the same request naming nothing that exists. */
export type ProbeRequest = {
  op: string;
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  hiddenId?: string;
  twin?: ProbeRequest;
};

/** Path segments that say what a following `{id}` names. */
const SEGMENT_TYPES: Record<string, string> = {
  accounts: 'account',
  contacts: 'contact',
  offers: 'offer',
  activities: 'activity',
  knowledge: 'knowledge',
  documents: 'document',
  situations: 'situation',
  rules: 'rule',
  broadcasts: 'broadcast',
  'change-plans': 'plan',
  products: 'product',
  outbox: 'mail',
  reps: 'user',
};
/** Query parameters that name a record. */
const QUERY_TYPES: Record<string, string> = {
  accountId: 'account',
  contactId: 'contact',
  offerId: 'offer',
  itemId: 'knowledge',
  productId: 'product',
  product: 'product',
  ownerId: 'user',
  actorId: 'user',
  teamId: 'team',
  ruleId: 'rule',
  situation: 'situation',
  targetId: 'any',
};
/** Values for required query parameters that name no record. */
const REQUIRED_DEFAULTS: Record<string, string> = {
  entity: 'account',
  outcome: 'open',
  from: '1',
  to: '1',
  q: 'four',
  parentType: 'account',
};
/** What a walk cannot call: a stream never ends. */
export const SKIPPED = new Set(['GET /api/v1/events/stream']);
/** POST operations that only read (their bodies are built here); every other POST writes and is not walked. */
const POST_READS: Record<
  string,
  (
    m: Matrix,
    hiddenOf: (type: string) => Hidden[],
  ) => { body: unknown; hiddenId?: string; absent?: unknown }[]
> = {
  '/api/v1/knowledge/similar': (m) =>
    m.searchWords.map((word) => ({ body: { text: `${word} remise accord client` } })),
  '/api/v1/knowledge/preview': (_m, hiddenOf) =>
    hiddenOf('knowledge').map((h) => ({
      body: { body: `Voir [la fiche](/knowledge/${h.id}).` },
      hiddenId: h.id,
    })),
  '/api/v1/knowledge/{id}/send/preview': (m, hiddenOf) => [
    { body: { contactId: m.visible.contact, message: 'Bonjour' } },
    ...hiddenOf('contact').map((h) => ({
      body: { contactId: h.id, message: 'Bonjour' },
      hiddenId: h.id,
      absent: { contactId: ABSENT, message: 'Bonjour' },
    })),
  ],
  '/api/v1/push/check': (m, hiddenOf) => [
    {
      body: {
        action: 'offer.create',
        fields: { accountId: m.visible.account, contactId: m.visible.contact },
      },
    },
    ...hiddenOf('account').map((h) => ({
      body: { action: 'offer.create', fields: { accountId: h.id } },
      hiddenId: h.id,
      absent: { action: 'offer.create', fields: { accountId: ABSENT } },
    })),
    ...hiddenOf('contact').map((h) => ({
      body: { action: 'offer.create', fields: { accountId: m.visible.account, contactId: h.id } },
      hiddenId: h.id,
      absent: { action: 'offer.create', fields: { accountId: m.visible.account, contactId: ABSENT } },
    })),
  ],
  '/api/v1/broadcasts/audience-preview': (m) => [
    {
      body: { audience: { segments: [m.hiddenSegment] } },
      absent: { audience: { segments: ['segmentabsentq'] } },
    },
  ],
};
/** A well-formed id of nothing. */
export const ABSENT = randomUUID();

type Operation = { parameters?: { name: string; in: string; required?: boolean }[] };

function typeOfPathParam(path: string, name: string): string | null {
  const segments = path.split('/');
  const index = segments.indexOf(`{${name}}`);
  return SEGMENT_TYPES[segments[index - 1]] ?? null;
}

/**
 * Every request of the walk for one probe: each GET of the document (and the POST reads), path
 * parameters filled with a visible record and with each hidden one (plus a twin naming nothing),
 * record-naming query parameters likewise, `q` with each word that names a hidden record.
 */
export function requestsFor(
  doc: { paths: Record<string, Record<string, Operation>> },
  matrix: Matrix,
  probe: Probe,
): { requests: ProbeRequest[]; operations: number } {
  const hiddenOf = (type: string) =>
    matrix.hidden.filter((h) => h.hiddenFrom.includes(probe) && h.id && (type === 'any' || h.type === type));
  const visibleOf = (type: string | null) => (type && matrix.visible[type]) || ABSENT;
  const requests: ProbeRequest[] = [];
  let operations = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    const url = path.replace(/\{(\w+)\}/g, ':$1');
    if (ops.post && POST_READS[path]) {
      operations++;
      const at = (values: Record<string, string>) =>
        path.replace(
          /\{(\w+)\}/g,
          (_all, name: string) => values[name] ?? visibleOf(typeOfPathParam(path, name)),
        );
      const variants = POST_READS[path](matrix, hiddenOf);
      for (const variant of variants) {
        const twin: ProbeRequest | undefined = variant.absent
          ? { op: `POST ${path}`, method: 'POST', url: at({}), body: variant.absent }
          : undefined;
        requests.push({
          op: `POST ${path}`,
          method: 'POST',
          url: at({}),
          body: variant.body,
          hiddenId: variant.hiddenId,
          twin,
        });
      }
      // A path naming a hidden record answers like one naming nothing.
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        for (const h of hiddenOf(typeOfPathParam(path, name) ?? '-')) {
          const twin: ProbeRequest = {
            op: `POST ${path}`,
            method: 'POST',
            url: at({ [name]: ABSENT }),
            body: variants[0].body,
          };
          requests.push({
            op: `POST ${path}`,
            method: 'POST',
            url: at({ [name]: h.id }),
            body: variants[0].body,
            hiddenId: h.id,
            twin,
          });
        }
      }
    }
    const op = ops.get;
    if (!op || SKIPPED.has(`GET ${path}`)) continue;
    operations++;
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
    const query = params.filter((p) => p.in === 'query');
    const fill = (values: Record<string, string>) =>
      path.replace(/\{(\w+)\}/g, (_all, name: string) => encodeURIComponent(values[name]));
    const defaults: Record<string, string> = Object.fromEntries(
      pathParams.map((name) => [
        name,
        name === 'file'
          ? 'agenda.ics'
          : name === 'token'
            ? 'x'.repeat(20)
            : visibleOf(typeOfPathParam(path, name)),
      ]),
    );
    const required = new URLSearchParams();
    for (const p of query.filter((q) => q.required)) {
      const type = QUERY_TYPES[p.name] ?? (p.name === 'parentId' ? 'account' : null);
      required.set(p.name, type ? visibleOf(type) : (REQUIRED_DEFAULTS[p.name] ?? 'x'));
    }
    const withQuery = (base: string, search: URLSearchParams) =>
      search.toString() ? `${base}?${search}` : base;
    const get = (u: string, hiddenId?: string, twin?: string): ProbeRequest => ({
      op: `GET ${path}`,
      method: 'GET',
      url: u,
      hiddenId,
      twin: twin ? { op: `GET ${path}`, method: 'GET', url: twin } : undefined,
    });

    requests.push(get(withQuery(fill(defaults), required)));
    for (const name of pathParams) {
      for (const h of hiddenOf(typeOfPathParam(path, name) ?? '-')) {
        requests.push(
          get(
            withQuery(fill({ ...defaults, [name]: h.id }), required),
            h.id,
            withQuery(fill({ ...defaults, [name]: ABSENT }), required),
          ),
        );
      }
    }
    for (const p of query) {
      const type = QUERY_TYPES[p.name] ?? (p.name === 'parentId' ? 'account' : null);
      const variant = (value: string) => {
        const search = new URLSearchParams(required);
        search.set(p.name, value);
        return withQuery(fill(defaults), search);
      };
      if (p.name === 'q') {
        for (const word of matrix.searchWords) requests.push(get(variant(word)));
      } else if (type) {
        if (!p.required) requests.push(get(variant(visibleOf(type))));
        for (const h of hiddenOf(type)) requests.push(get(variant(h.id), h.id, variant(ABSENT)));
      }
    }
  }
  return { requests, operations };
}
