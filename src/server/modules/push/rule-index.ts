import type { Actor } from '../../db/access.js';
import type { Database, Queryable } from '../../db/client.js';
import { anchorOf, compile, norm, type Condition, type Predicate } from './conditions.js';
import { renderMarkdown } from './markdown.js';

export type RuleRow = {
  id: string;
  key: string;
  name: string;
  action: string;
  conditions: Condition;
  effective_from: string | null;
  effective_to: string | null;
  audience_team_ids: string[];
  audience_roles: string[];
  severity: 'info' | 'warning' | 'blocking';
  message_fr: string;
  message_en: string;
  knowledge_ids: string[];
  enabled: boolean;
  version: number;
};

export type CompiledRule = {
  id: string;
  key: string;
  name: string;
  version: number;
  severity: RuleRow['severity'];
  from: number;
  to: number;
  teams: Set<string> | null;
  roles: Set<string> | null;
  message: { fr: string; en: string };
  html: { fr: string; en: string };
  knowledgeIds: string[];
  test: Predicate;
  /** The alert as JSON per language, for the database-free fast path of a check. */
  json: { fr: string; en: string };
};

type ActionIndex = { byField: Map<string, Map<string, CompiledRule[]>>; scan: CompiledRule[] };

/** Compiles one rule (references resolved through `resolve`). */
export function compileRule(row: RuleRow, resolve: (key: string) => Condition | undefined): CompiledRule {
  const html = { fr: renderMarkdown(row.message_fr), en: renderMarkdown(row.message_en) };
  const json = (locale: 'fr' | 'en') =>
    JSON.stringify({
      ruleId: row.id, ruleKey: row.key, version: row.version, name: row.name, severity: row.severity,
      message: locale === 'fr' ? row.message_fr : row.message_en, html: html[locale], knowledge: [], requiresAck: false, acknowledgedAt: null,
    });
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    version: row.version,
    severity: row.severity,
    from: row.effective_from ? Date.parse(row.effective_from) : -Infinity,
    to: row.effective_to ? Date.parse(row.effective_to) : Infinity,
    teams: row.audience_team_ids.length ? new Set(row.audience_team_ids) : null,
    roles: row.audience_roles.length ? new Set(row.audience_roles) : null,
    message: { fr: row.message_fr, en: row.message_en },
    html,
    knowledgeIds: row.knowledge_ids,
    test: compile(row.conditions, resolve, [row.key]),
    json: { fr: json('fr'), en: json('en') },
  };
}

/**
 * Every enabled rule compiled and indexed by action, then by the values of its anchor field,
 * so a check only evaluates the few rules that can match (microseconds with 10,000 rules).
 * Invalidated by the version counter in `push_rules_state` (NOTIFY `relais_push_rules`).
 */
export class RuleIndex {
  private actions = new Map<string, ActionIndex>();
  private loadedVersion = -1;
  private stale = true;
  private loading?: Promise<void>;
  private lastVerified = 0;
  private unlisten?: () => Promise<void>;

  constructor(private db: Database, private options: { verifyEveryMs?: number } = {}) {}

  async listen(): Promise<void> {
    this.unlisten = await this.db.listen('relais_push_rules', (payload) => {
      if (Number(payload) !== this.loadedVersion) this.stale = true;
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
  }

  invalidate(): void {
    this.stale = true;
  }

  /** Reloads when told to, or when the shared version moved (checked every few seconds). */
  async ensureFresh(via: Queryable = this.db): Promise<void> {
    if (!this.stale && Date.now() - this.lastVerified > (this.options.verifyEveryMs ?? 5000)) {
      this.lastVerified = Date.now();
      const [row] = await via.query<{ version: number }>(`select version from push_rules_state where id = 1`);
      if (row && row.version !== this.loadedVersion) this.stale = true;
    }
    if (!this.stale) return;
    this.loading ??= this.load(via).finally(() => (this.loading = undefined));
    await this.loading;
  }

  /** `via` is the caller's transaction when there is one (PGlite has a single connection). */
  private async load(via: Queryable): Promise<void> {
    this.stale = false;
    const [state] = await via.query<{ version: number }>(`select version from push_rules_state where id = 1`);
    const rows = await via.query<RuleRow>(`select * from push_rules`);
    this.replace(rows);
    this.loadedVersion = state?.version ?? 0;
    this.lastVerified = Date.now();
  }

  /** Builds the index from rows (the bench calls it directly). */
  replace(rows: RuleRow[]): void {
    const byKey = new Map(rows.map((row) => [row.key, row.conditions]));
    const resolve = (key: string) => byKey.get(key);
    const actions = new Map<string, ActionIndex>();
    for (const row of rows) {
      if (!row.enabled) continue;
      let index = actions.get(row.action);
      if (!index) actions.set(row.action, (index = { byField: new Map(), scan: [] }));
      const rule = compileRule(row, resolve);
      const anchor = anchorOf(row.conditions);
      if (!anchor) {
        index.scan.push(rule);
        continue;
      }
      let byValue = index.byField.get(anchor.field);
      if (!byValue) index.byField.set(anchor.field, (byValue = new Map()));
      for (const key of anchor.keys) {
        const list = byValue.get(key);
        if (list) list.push(rule);
        else byValue.set(key, [rule]);
      }
    }
    this.actions = actions;
  }

  get ruleCount(): number {
    let count = 0;
    for (const index of this.actions.values()) {
      const seen = new Set<CompiledRule>(index.scan);
      for (const byValue of index.byField.values()) for (const list of byValue.values()) for (const rule of list) seen.add(rule);
      count += seen.size;
    }
    return count;
  }

  /** The rules of `action` that fire for `actor` with `fields` at `now` (synchronous, in-memory). */
  match(action: string, fields: Record<string, unknown>, actor: Pick<Actor, 'role' | 'memberTeamIds'>, now: number): CompiledRule[] {
    const index = this.actions.get(action);
    if (!index) return [];
    const fired: CompiledRule[] = [];
    let seen: Set<CompiledRule> | undefined;
    const consider = (rule: CompiledRule) => {
      if (now < rule.from || now >= rule.to) return;
      if (rule.roles && !rule.roles.has(actor.role)) return;
      if (rule.teams && !actor.memberTeamIds.some((team) => rule.teams!.has(team))) return;
      if (rule.test(fields)) fired.push(rule);
    };
    for (const rule of index.scan) consider(rule);
    for (const [field, byValue] of index.byField) {
      const value = fields[field];
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        seen ??= new Set();
        for (const item of value) {
          for (const rule of byValue.get(norm(item)) ?? []) {
            if (!seen.has(rule)) {
              seen.add(rule);
              consider(rule);
            }
          }
        }
      } else {
        for (const rule of byValue.get(norm(value)) ?? []) consider(rule);
      }
    }
    const order = { blocking: 0, warning: 1, info: 2 };
    return fired.length > 1 ? fired.sort((a, b) => order[a.severity] - order[b.severity]) : fired;
  }
}
