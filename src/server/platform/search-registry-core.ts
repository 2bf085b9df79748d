import { noteSecretRows } from './secret-reads.js';

/** One hit of the global search (Ctrl+K). `url` is the in-app path that opens it. */
export type SearchHit = {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  url: string;
  score: number;
  /** Of a protected record: lets the registry audit secret hits (ID-4); never sent. */
  visibility?: string;
  ownerId?: string | null;
};
export type SearchProviderOf<C> = (ctx: C, query: string, limit: number) => Promise<SearchHit[]>;

/**
 * Modules register a provider per record type; `GET /api/v1/search` asks the ones requested.
 * Generic over the service context `C` so that this file does not import `context.ts`
 * (which names the registry in `AppDeps`): that import made a type-only cycle.
 * `search-registry.ts` binds `C` to the service context for modules.
 */
export class SearchRegistryOf<C> {
  private providers = new Map<string, SearchProviderOf<C>>();

  register(type: string, provider: SearchProviderOf<C>): void {
    this.providers.set(type, provider);
  }

  get types(): string[] {
    return [...this.providers.keys()];
  }

  async search(ctx: C, query: string, types: string[] | undefined, limit: number): Promise<SearchHit[]> {
    const chosen = (types?.length ? types : this.types).filter((type) => this.providers.has(type));
    const results: SearchHit[] = [];
    // Sequential on purpose: all providers share the request's transaction.
    for (const type of chosen) results.push(...(await this.providers.get(type)!(ctx, query, limit)));
    const hits = results.sort((a, b) => b.score - a.score).slice(0, limit * Math.max(1, chosen.length));
    // Every secret hit returned is a read of it (ID-4), audited once per request.
    for (const hit of hits) noteSecretRows(hit.type, [hit]);
    return hits.map(({ visibility: _visibility, ownerId: _ownerId, ...hit }) => hit);
  }
}
