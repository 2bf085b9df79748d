import type { Ctx } from './context.js';
import {
  ExtensionRegistry,
  type ActionDefinitionOf,
  type ActionGuardOf,
  type BriefProviderOf,
  type ClientEmailLoggerOf,
  type ContactErasureHookOf,
  type TimelineCounterOf,
  type TimelineProviderOf,
} from './extension-points-core.js';

/**
 * Extension points through which modules contribute to others without importing them, bound
 * to the service context `Ctx`. The machinery is generic in `extension-points-core.ts`, which
 * `context.ts` names without importing this file (no import cycle).
 */
export {
  ACTION_FIELD_TYPES,
  type ActionField,
  type ActionFieldType,
  type ActionFields,
  type BriefSection,
  type TimelineEntry,
} from './extension-points-core.js';
export type TimelineProvider = TimelineProviderOf<Ctx>;
export type TimelineCounter = TimelineCounterOf<Ctx>;
export type BriefProvider = BriefProviderOf<Ctx>;
export type ActionGuard = ActionGuardOf<Ctx>;
export type ActionDefinition = ActionDefinitionOf<Ctx>;
export type ClientEmailLogger = ClientEmailLoggerOf<Ctx>;
export type ContactErasureHook = ContactErasureHookOf<Ctx>;

export class ExtensionPoints extends ExtensionRegistry<Ctx> {}
