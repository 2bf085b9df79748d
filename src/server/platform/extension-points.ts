import type { Ctx } from './context.js';


/** One entry of an account's merged timeline (CRM-6). */
export type TimelineEntry = {
  type: string;            // activity | offer | document | knowledge | discussion …
  id: string;
  at: string;              // ISO instant used for ordering
  title: string;
  summary: string | null;
  url: string;             // in-app path
  actorName: string | null;
  meta: Record<string, unknown>;
};
export type TimelineProvider = (ctx: Ctx, accountId: string, options: { before?: string; limit: number }) => Promise<TimelineEntry[]>;

/** A section of the client brief (CRM-7) contributed by another module (e.g. knowledge). */
export type BriefSection = { key: string; title: { fr: string; en: string }; items: { title: string; summary: string | null; url: string }[] };
export type BriefProvider = (ctx: Ctx, accountId: string) => Promise<BriefSection | null>;

/**
 * Runs before an action is saved (PUSH-2): the push module registers a guard that refuses a
 * blocking alert not yet acknowledged. `fields` are the action's fields as the rule sees them.
 */
export type ActionGuard = (ctx: Ctx, action: string, fields: Record<string, unknown>) => Promise<void>;

/** Extension points through which modules contribute to others without importing them. */
export class ExtensionPoints {
  readonly timelineProviders = new Map<string, TimelineProvider>();
  readonly briefProviders = new Map<string, BriefProvider>();
  private guards: ActionGuard[] = [];

  registerTimeline(type: string, provider: TimelineProvider) {
    this.timelineProviders.set(type, provider);
  }

  registerBrief(key: string, provider: BriefProvider) {
    this.briefProviders.set(key, provider);
  }

  registerActionGuard(guard: ActionGuard) {
    this.guards.push(guard);
  }

  /** Merged, newest first, across every registered provider (or only `types`). */
  async timeline(ctx: Ctx, accountId: string, options: { before?: string; limit: number; types?: string[] }): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    for (const [type, provider] of this.timelineProviders) {
      if (options.types?.length && !options.types.includes(type)) continue;
      entries.push(...(await provider(ctx, accountId, options)));
    }
    return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, options.limit);
  }

  async briefSections(ctx: Ctx, accountId: string): Promise<BriefSection[]> {
    const sections: BriefSection[] = [];
    for (const provider of this.briefProviders.values()) {
      const section = await provider(ctx, accountId);
      if (section) sections.push(section);
    }
    return sections;
  }

  /** Throws (409 push.ack_required, with the alerts) when a guard refuses the action. */
  async checkAction(ctx: Ctx, action: string, fields: Record<string, unknown>): Promise<void> {
    for (const guard of this.guards) await guard(ctx, action, fields);
  }
}


