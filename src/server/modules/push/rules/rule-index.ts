import type { Actor } from '../../../db/access.js';
import type { Database, Queryable } from '../../../db/client.js';
import { createHash } from 'node:crypto';
import {
  anchorOf,
  compile,
  norm,
  PreparedFields,
  rangeAnchorOf,
  readsOf,
  type Condition,
  type Predicate,
} from './conditions.js';
import { renderMarkdown } from '../delivery/markdown.js';
import { RuleBucket } from './rule-bucket.js';
import { holdsAt, ProgramFields, RuleProgram } from './rule-program.js';
import { findAllRules, readRulesVersion, type RuleRow } from './rules.repository.js';

export type { RuleRow };

export type CompiledRule = {
  id: string;
  key: string;
  action: string;
  /** Field paths an acknowledgment is tied to: what the conditions read and the action's key fields. */
  reads: string[];
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
  /** Whether the conditions hold for these fields. */
  test: (fields: Record<string, unknown>) => boolean;
  /** The same on fields prepared once for all the rules of a check. */
  holds: Predicate;
  /** The alert as JSON per language, for the database-free fast path of a check. */
  json: { fr: string; en: string };
};

/**
 * One action's rules (by their number in `Indexed`): by the values of their `eq`/`in` anchor,
 * the others in one bucket; in each bucket, rules with a range on a field are found through an
 * interval tree.
 */
type ActionIndex = {
  byField: Map<string, Map<string, RuleBucket<number>>>;
  rest: RuleBucket<number>;
};

/**
 * What a check reads of the rules it reaches, by rule number, in consecutive memory: when they
 * are in force, whether they name an audience, where their program starts (what the index did
 * not already check: the anchor value it was found by, a closed range holding the value).
 */
type Indexed = {
  rules: CompiledRule[];
  /** Per rule, side by side (one memory read): [from, to, has an audience (1/0), program start]. */
  facts: Float64Array;
  program: RuleProgram;
};
const FACTS = 4;
/** What the index needs to know of the catalogue: key fields and which actions share rules. */
export type CatalogueShape = Map<string, { keyFields: string[]; alsoChecks: string[] }>;

/** Compiles one rule (references resolved through `resolve`). */
export function compileRule(
  row: RuleRow,
  resolve: (key: string) => Condition | undefined,
  keyFields: string[] = [],
): CompiledRule {
  const html = { fr: renderMarkdown(row.message_fr), en: renderMarkdown(row.message_en) };
  const holds = compile(row.conditions, resolve, [row.key]);
  const json = (locale: 'fr' | 'en') =>
    JSON.stringify({
      ruleId: row.id,
      ruleKey: row.key,
      version: row.version,
      name: row.name,
      severity: row.severity,
      message: locale === 'fr' ? row.message_fr : row.message_en,
      html: html[locale],
      knowledge: [],
      requiresAck: false,
      acknowledgedAt: null,
    });
  return {
    id: row.id,
    key: row.key,
    action: row.action,
    reads: [...new Set([...keyFields, ...readsOf(row.conditions, resolve, [row.key])])].sort(),
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
    test: (fields) => holds(new PreparedFields(fields)),
    holds,
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
  private indexed: Indexed = {
    rules: [],
    facts: new Float64Array(0),
    program: new RuleProgram().seal(),
  };
  private loadedVersion = -1;
  private stale = true;
  private loading?: Promise<void>;
  private lastVerified = 0;
  private unlisten?: () => Promise<void>;

  private also = new Map<string, string[]>();
  private byId = new Map<string, CompiledRule>();

  constructor(
    private db: Database,
    private options: { verifyEveryMs?: number; catalogue?: (via: Queryable) => Promise<CatalogueShape> } = {},
  ) {}

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
      const version = await readRulesVersion(via);
      if (version !== undefined && version !== this.loadedVersion) this.stale = true;
    }
    if (!this.stale) return;
    this.loading ??= this.load(via).finally(() => (this.loading = undefined));
    await this.loading;
  }

  /** `via` is the caller's transaction when there is one (PGlite has a single connection). */
  private async load(via: Queryable): Promise<void> {
    this.stale = false;
    const version = await readRulesVersion(via);
    const rows = await findAllRules(via);
    this.replace(rows, await this.options.catalogue?.(via));
    this.loadedVersion = version ?? 0;
    this.lastVerified = Date.now();
  }

  /** Builds the index from rows (the bench calls it directly). */
  replace(rows: RuleRow[], catalogue: CatalogueShape = new Map()): void {
    const byKey = new Map(rows.map((row) => [row.key, row.conditions]));
    this.also = new Map([...catalogue].map(([name, action]) => [name, action.alsoChecks]));
    const byId = new Map<string, CompiledRule>();
    const resolve = (key: string) => byKey.get(key);
    const actions = new Map<string, ActionIndex>();
    const program = new RuleProgram();
    const rules: CompiledRule[] = [];
    const starts: number[] = [];
    // By action, so one action's programs sit together in memory.
    const enabled = rows
      .filter((row) => row.enabled)
      .sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
    for (const row of enabled) {
      let index = actions.get(row.action);
      if (!index) actions.set(row.action, (index = { byField: new Map(), rest: new RuleBucket() }));
      const rule = compileRule(row, resolve, catalogue.get(row.action)?.keyFields);
      const number = rules.push(rule) - 1;
      byId.set(rule.id, rule);
      const range = rangeAnchorOf(row.conditions);
      const anchor = anchorOf(row.conditions);
      const covered = new Set<Condition>();
      if (anchor) covered.add(anchor.leaf);
      if (range?.exact) covered.add(range.leaf);
      starts.push(program.add(row.conditions, covered, resolve, [row.key]));
      if (!anchor) {
        index.rest.add(number, range);
        continue;
      }
      let byValue = index.byField.get(anchor.field);
      if (!byValue) index.byField.set(anchor.field, (byValue = new Map()));
      for (const key of new Set(anchor.keys)) {
        let bucket = byValue.get(key);
        if (!bucket) byValue.set(key, (bucket = new RuleBucket()));
        bucket.add(number, range);
      }
    }
    for (const index of actions.values()) {
      index.rest.seal();
      for (const byValue of index.byField.values()) for (const bucket of byValue.values()) bucket.seal();
    }
    this.indexed = {
      rules,
      facts: Float64Array.from(
        rules.flatMap((rule, number) => [
          rule.from,
          rule.to,
          rule.roles || rule.teams ? 1 : 0,
          starts[number],
        ]),
      ),
      program: program.seal(),
    };
    this.actions = actions;
    this.byId = byId;
  }

  /** Enabled rules in force at `now` whose audience includes `actor`, whatever the fields. */
  applicableTo(actor: Pick<Actor, 'role' | 'memberTeamIds'>, now: number): CompiledRule[] {
    return [...this.byId.values()].filter(
      (rule) =>
        now >= rule.from &&
        now < rule.to &&
        (!rule.roles || rule.roles.has(actor.role)) &&
        (!rule.teams || actor.memberTeamIds.some((team) => rule.teams!.has(team))),
    );
  }

  /** An enabled rule as compiled now. */
  find(id: string): CompiledRule | undefined {
    return this.byId.get(id);
  }

  /** Compiles one rule on its own (e.g. a disabled one), with the current references and catalogue. */
  async compileOne(via: Queryable, id: string): Promise<CompiledRule> {
    const rows = await findAllRules(via);
    const byKey = new Map(rows.map((row) => [row.key, row.conditions]));
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`No rule ${id}`);
    const catalogue = await this.options.catalogue?.(via);
    return compileRule(row, (key) => byKey.get(key), catalogue?.get(row.action)?.keyFields);
  }

  /** How many enabled rules are indexed. */
  get ruleCount(): number {
    return this.byId.size;
  }

  /**
   * The rules of `action` (and of the actions it also checks) that fire for `actor` with
   * `fields` at `now` (synchronous, in-memory).
   */
  match(
    action: string,
    fields: Record<string, unknown>,
    actor: Pick<Actor, 'role' | 'memberTeamIds'>,
    now: number,
  ): CompiledRule[] {
    const fired: CompiledRule[] = [];
    const prepared = new PreparedFields(fields);
    const indexed = this.indexed;
    const programFields = new ProgramFields(prepared, indexed.program);
    const facts = indexed.facts;
    const consider = (number: number) => {
      const at = number * FACTS;
      if (now < facts[at] || now >= facts[at + 1]) return;
      if (facts[at + 2]) {
        const rule = indexed.rules[number];
        if (rule.roles && !rule.roles.has(actor.role)) return;
        if (rule.teams && !actor.memberTeamIds.some((team) => rule.teams!.has(team))) return;
      }
      if (holdsAt(indexed.program, facts[at + 3], programFields)) fired.push(indexed.rules[number]);
    };
    for (const name of [action, ...(this.also.get(action) ?? [])]) this.matchOne(name, prepared, consider);
    const order = { blocking: 0, warning: 1, info: 2 };
    return fired.length > 1 ? fired.sort((a, b) => order[a.severity] - order[b.severity]) : fired;
  }

  private matchOne(action: string, fields: PreparedFields, consider: (number: number) => void): void {
    const index = this.actions.get(action);
    if (!index) return;
    index.rest.visit(fields, consider);
    for (const [field, byValue] of index.byField) {
      const value = fields.raw[field];
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        // A rule anchored on several of the list's values is tested once.
        const seen = new Set<number>();
        const once = (number: number) => {
          if (seen.has(number)) return;
          seen.add(number);
          consider(number);
        };
        for (const item of value) byValue.get(norm(item))?.visit(fields, once);
      } else {
        byValue.get(norm(value))?.visit(fields, consider);
      }
    }
  }
}

/** Comparable form of a value: text trimmed and lower-cased, lists sorted, objects by key. */
function canonical(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (Array.isArray(value))
    return value
      .map(canonical)
      .map((item) => JSON.stringify(item))
      .sort();
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  return value;
}

const readPath = (fields: Record<string, unknown>, path: string): unknown =>
  path.startsWith('changes.')
    ? (fields.changes as Record<string, unknown> | undefined)?.[path.slice(8)]
    : fields[path];

/**
 * What an acknowledgment of `rule` covers (PUSH-2): the values its conditions read and the
 * thing acted on (the action's key fields). The same rule on another offer, another amount or
 * another country asks again.
 */
export function ackFingerprint(
  rule: Pick<CompiledRule, 'id' | 'reads'>,
  fields: Record<string, unknown>,
): string {
  const values = rule.reads.map((path) => [path, canonical(readPath(fields, path))]);
  return createHash('sha256')
    .update(JSON.stringify([rule.id, values]))
    .digest('base64url');
}
