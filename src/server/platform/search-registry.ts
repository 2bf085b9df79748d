import type { Ctx } from './context.js';
import { SearchRegistryOf, type SearchProviderOf } from './search-registry-core.js';

/** The global search (Ctrl+K) bound to the service context `Ctx`; see search-registry-core.ts. */
export type { SearchHit } from './search-registry-core.js';
export type SearchProvider = SearchProviderOf<Ctx>;
export class SearchRegistry extends SearchRegistryOf<Ctx> {}
