/**
 * The extension points' machinery, generic over the service context `C` so that this file
 * does not import `context.ts` (which names the registry in `AppDeps`): that import made a
 * type-only cycle. `extension-points.ts` binds `C` to `Ctx` for modules.
 */
import type { Visibility } from '../../common/roles.js';
import { COUNT_CAP, cappedTotal, type Total } from './list-query.js';

/** One entry of an account's merged timeline (CRM-6). */
export type TimelineEntry = {
  type: string; // activity | offer | document | knowledge | discussion …
  id: string;
  at: string; // ISO instant used for ordering
  title: string;
  summary: string | null;
  url: string; // in-app path
  actorName: string | null;
  meta: Record<string, unknown>;
};
export type TimelineProviderOf<C> = (
  ctx: C,
  accountId: string,
  options: { before?: string; limit: number },
) => Promise<TimelineEntry[]>;
/**
 * How many entries a provider has for an account (the list's `total`), counted up to `cap`
 * (a count above it means "more than `cap`"); optional, see `timelineTotal`.
 */
export type TimelineCounterOf<C> = (ctx: C, accountId: string, cap: number) => Promise<number>;

/** A section of the client brief (CRM-7) contributed by another module (e.g. knowledge). */
export type BriefSection = {
  key: string;
  title: { fr: string; en: string };
  items: { title: string; summary: string | null; url: string }[];
};
export type BriefProviderOf<C> = (ctx: C, accountId: string) => Promise<BriefSection | null>;

/**
 * Runs before an action is saved (PUSH-2): the push module registers a guard that refuses a
 * blocking alert not yet acknowledged. `fields` are the action's fields as the rule sees them.
 */
export type ActionGuardOf<C> = (ctx: C, action: string, fields: Record<string, unknown>) => Promise<void>;

/** Types a rule condition can test; `changes` holds `{ field: { from, to } }`. */
export const ACTION_FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'strings', 'id', 'ids'] as const;
export type ActionFieldType = (typeof ACTION_FIELD_TYPES)[number];
export type ActionField = { name: string; type: ActionFieldType };
export type ActionFields = Record<string, unknown>;

/**
 * An action a module checks before saving (PUSH-2), contributed to the catalogue of actions
 * rules may watch. The owning module knows its records, so it also completes the fields.
 */
export type ActionDefinitionOf<C> = {
  name: string;
  label: { fr: string; en: string };
  fields: ActionField[];
  /**
   * The fields that say *which* thing is acted on (e.g. `offerId`, `lineId`). An acknowledgment
   * covers the same thing with the same values the rule reads, nothing else.
   */
  keyFields: string[];
  /** Rules written for these actions also watch this one (its fields include theirs). */
  alsoChecks?: string[];
  /**
   * Completes `fields` from the ids they name (the account's segment, the product's reference…)
   * under the caller's row-level security, so clients never have to send them. Values about
   * the action itself (the new discount…) win over derived ones; facts of named records win
   * over what a client claims.
   */
  derive?: (ctx: C, fields: ActionFields) => Promise<ActionFields>;
};

/**
 * Logs on an account what was e-mailed to one of its contacts (send to client), as an
 * activity written by the CRM's own service (guards, events, account gate). `visibility` is
 * the sender's: never more visible than what the mail names.
 */
export type ClientEmailLoggerOf<C> = (
  ctx: C,
  input: { accountId: string; contactId: string; subject: string; bodyMd: string; visibility: Visibility },
) => Promise<{ id: string }>;

/**
 * Forgets a contact's personal values in a module's own tables (ID-5), in the erasure's
 * transaction. `patterns` are escaped regular expressions of its names, addresses and phones.
 */
export type ContactErasureHookOf<C> = (ctx: C, contactId: string, patterns: string[]) => Promise<void>;

/** Extension points through which modules contribute to others without importing them. */
export class ExtensionRegistry<C> {
  readonly timelineProviders = new Map<string, TimelineProviderOf<C>>();
  private timelineCounters = new Map<string, TimelineCounterOf<C>>();
  readonly briefProviders = new Map<string, BriefProviderOf<C>>();
  private guards: ActionGuardOf<C>[] = [];
  private readonly actionDefinitions = new Map<string, ActionDefinitionOf<C>>();
  private clientEmailLogger?: ClientEmailLoggerOf<C>;

  private erasureHooks: ContactErasureHookOf<C>[] = [];

  /** A module holding copies of a contact's values (addresses, names) forgets them here. */
  registerContactErasure(hook: ContactErasureHookOf<C>) {
    this.erasureHooks.push(hook);
  }

  /** Called by the CRM's erasure (GDPR) once the contact itself is anonymised. */
  async contactErased(ctx: C, contactId: string, patterns: string[]): Promise<void> {
    for (const hook of this.erasureHooks) await hook(ctx, contactId, patterns);
  }

  /** The CRM registers how a mail to a client becomes an activity. */
  registerClientEmailLogger(logger: ClientEmailLoggerOf<C>) {
    this.clientEmailLogger = logger;
  }

  logClientEmail(ctx: C, input: Parameters<ClientEmailLoggerOf<C>>[1]): Promise<{ id: string }> {
    if (!this.clientEmailLogger) throw new Error('No module logs e-mails to clients (the CRM registers it).');
    return this.clientEmailLogger(ctx, input);
  }

  registerTimeline(type: string, provider: TimelineProviderOf<C>, counter?: TimelineCounterOf<C>) {
    this.timelineProviders.set(type, provider);
    if (counter) this.timelineCounters.set(type, counter);
  }

  registerBrief(key: string, provider: BriefProviderOf<C>) {
    this.briefProviders.set(key, provider);
  }

  registerActionGuard(guard: ActionGuardOf<C>) {
    this.guards.push(guard);
  }

  /** Adds actions to the catalogue rules may watch; a name is registered once. */
  registerActions(definitions: ActionDefinitionOf<C>[]) {
    for (const definition of definitions) {
      if (this.actionDefinitions.has(definition.name))
        throw new Error(`Action ${definition.name} is already registered.`);
      this.actionDefinitions.set(definition.name, definition);
    }
  }

  /** The catalogue contributed by modules (actions declared by other applications live in push). */
  get actions(): ReadonlyMap<string, ActionDefinitionOf<C>> {
    return this.actionDefinitions;
  }

  /** The fields of `action` completed by its module (unchanged for an action no module defines). */
  async deriveActionFields(ctx: C, action: string, fields: ActionFields): Promise<ActionFields> {
    const derive = this.actionDefinitions.get(action)?.derive;
    return derive ? derive(ctx, fields) : fields;
  }

  /** Merged, newest first, across every registered provider (or only `types`). */
  async timeline(
    ctx: C,
    accountId: string,
    options: { before?: string; limit: number; types?: string[] },
  ): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    for (const [type, provider] of this.timelineProviders) {
      if (options.types?.length && !options.types.includes(type)) continue;
      entries.push(...(await provider(ctx, accountId, options)));
    }
    return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, options.limit);
  }

  /**
   * Entries of the timeline in all (or only `types`), exact up to COUNT_CAP: an account with
   * 100k activities is "more than 1,000" (`totalAtLeast`), not a count of every visible row.
   * A provider without a counter is counted by listing (up to the cap).
   */
  async timelineTotal(ctx: C, accountId: string, types?: string[]): Promise<Total> {
    let total = 0;
    for (const [type, provider] of this.timelineProviders) {
      if (types?.length && !types.includes(type)) continue;
      if (total > COUNT_CAP) break;
      const counter = this.timelineCounters.get(type);
      total += counter
        ? await counter(ctx, accountId, COUNT_CAP)
        : (await provider(ctx, accountId, { limit: COUNT_CAP + 1 })).length;
    }
    return cappedTotal(total);
  }

  async briefSections(ctx: C, accountId: string): Promise<BriefSection[]> {
    const sections: BriefSection[] = [];
    for (const provider of this.briefProviders.values()) {
      const section = await provider(ctx, accountId);
      if (section) sections.push(section);
    }
    return sections;
  }

  /**
   * Called by services before every write a catalogue action names. Throws (409
   * push.ack_required, with the alerts) when a guard refuses the action. Guards complete the
   * fields through the action's `derive`, so a service passes the values it is about to save.
   */
  async checkAction(ctx: C, action: string, fields: ActionFields): Promise<void> {
    if (!this.actionDefinitions.has(action))
      throw new Error(`Action ${action} is not in the catalogue: register it first.`);
    for (const guard of this.guards) await guard(ctx, action, fields);
  }
}
