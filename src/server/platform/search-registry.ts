import type { Ctx } from './context.js';

/** One hit of the global search (Ctrl+K). `url` is the in-app path that opens it. */
export type SearchHit = { type: string; id: string; title: string; subtitle: string | null; url: string; score: number };
export type SearchProvider = (ctx: Ctx, query: string, limit: number) => Promise<SearchHit[]>;

/** Modules register a provider per record type; `GET /api/v1/search` asks the ones requested. */
export class SearchRegistry {
  private providers = new Map<string, SearchProvider>();

  register(type: string, provider: SearchProvider): void {
    this.providers.set(type, provider);
  }

  get types(): string[] {
    return [...this.providers.keys()];
  }

  async search(ctx: Ctx, query: string, types: string[] | undefined, limit: number): Promise<SearchHit[]> {
    const chosen = (types?.length ? types : this.types).filter((type) => this.providers.has(type));
    const results: SearchHit[] = [];
    // Sequential on purpose: all providers share the request's transaction.
    for (const type of chosen) results.push(...(await this.providers.get(type)!(ctx, query, limit)));
    return results.sort((a, b) => b.score - a.score).slice(0, limit * Math.max(1, chosen.length));
  }
}
