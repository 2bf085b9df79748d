/**
 * Cursor pagination state for `{items, nextCursor}` lists: a stack of the cursors that led to each
 * visited page, so "previous" works although the API only gives "next".
 */
export interface CursorPagerState {
  cursors: Array<string | undefined>;
  index: number;
}

export const firstPage: CursorPagerState = { cursors: [undefined], index: 0 };

export function currentCursor(state: CursorPagerState): string | undefined {
  return state.cursors[state.index];
}

export function goToNextPage(
  state: CursorPagerState,
  nextCursor: string | null | undefined,
): CursorPagerState {
  if (!nextCursor) return state;
  return { cursors: [...state.cursors.slice(0, state.index + 1), nextCursor], index: state.index + 1 };
}

export function goToPreviousPage(state: CursorPagerState): CursorPagerState {
  return state.index === 0 ? state : { ...state, index: state.index - 1 };
}

/** "21–40" for the second page of 20; `undefined` when the page is empty. */
export function pageRange(
  state: CursorPagerState,
  pageSize: number,
  itemCount: number,
): { from: number; to: number } | undefined {
  if (itemCount === 0) return undefined;
  const from = state.index * pageSize + 1;
  return { from, to: from + itemCount - 1 };
}
