import type { ReactNode } from 'react';

/**
 * Check before acting (PUSH-2), used by every form that saves an action a rule may watch
 * (offer.create, offer.line.add, offer.stage.change, activity.create, account.update,
 * contact.update…). Usage in a form:
 *   const pushCheck = usePushCheck();
 *   …render {pushCheck.element}…
 *   if (!(await pushCheck.confirm('offer.create', fields))) return; // then save
 * `confirm` resolves true when there is nothing blocking (or the user acknowledged it), false
 * when the user cancelled. The push module implements it; until then it lets everything through.
 */
export function usePushCheck(): { confirm: (action: string, fields: Record<string, unknown>) => Promise<boolean>; element: ReactNode } {
  return { confirm: async () => true, element: null };
}
