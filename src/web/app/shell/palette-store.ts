import { createSpotlight } from '@mantine/spotlight';

/** The Ctrl+K palette's own store, so the app can select an action (Mantine does not export that for its default store). */
export const [paletteStore, palette] = createSpotlight();

/** Marks the first action of the open palette as selected, as Mantine's arrow keys do: Enter then opens it. */
export function selectFirstAction(): void {
  const { listId } = paletteStore.getState();
  const list = listId ? document.getElementById(listId) : null;
  const first = list?.querySelector('[data-action]');
  if (!list || !first) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  first.setAttribute('data-selected', 'true');
  paletteStore.setState((state) => ({ ...state, selected: 0 }));
}
