import type { AppDeps } from '../../../platform/context.js';
import type { RuleIndex } from '../rules/rule-index.js';
import { NO_SOURCES, type PushSources } from './push-sources.js';

/** The VAPID key pair web pushes are signed with (PUSH-6). */
export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

/**
 * Push's long-lived state for one app (one `AppDeps`): the rule index, the VAPID keys once read,
 * and the other modules' sources. Kept here, typed, rather than in the shared extension map.
 */
export type PushState = {
  rules?: RuleIndex;
  vapid?: VapidKeys;
  sources: PushSources;
};

const states = new WeakMap<AppDeps, PushState>();

export function pushStateOf(deps: AppDeps): PushState {
  let state = states.get(deps);
  if (!state) {
    state = { sources: NO_SOURCES };
    states.set(deps, state);
  }
  return state;
}

/** The rule index push registered for this app (PUSH-2). */
export function ruleIndexOf(deps: AppDeps): RuleIndex {
  const index = pushStateOf(deps).rules;
  if (!index) throw new Error('The push module is not registered.');
  return index;
}

/** The other modules' records as push reads them. */
export const sourcesOf = (deps: AppDeps): PushSources => pushStateOf(deps).sources;

/** "Now" for rules and schedules: the app's clock (tests set it). */
export const nowOf = (deps: AppDeps): Date => deps.clock();
