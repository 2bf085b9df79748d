import { describe, expect, it } from 'vitest';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage, pageRange } from './cursor-pager';

describe('cursor pager', () => {
  it('walks forward and back through cursors', () => {
    const second = goToNextPage(firstPage, 'c2');
    const third = goToNextPage(second, 'c3');
    expect(currentCursor(third)).toBe('c3');
    expect(currentCursor(goToPreviousPage(third))).toBe('c2');
    expect(currentCursor(goToPreviousPage(goToPreviousPage(third)))).toBeUndefined();
    expect(goToPreviousPage(firstPage)).toBe(firstPage);
    expect(goToNextPage(third, null)).toBe(third);
  });

  it('forgets the forward history when branching', () => {
    const back = goToPreviousPage(goToNextPage(goToNextPage(firstPage, 'c2'), 'c3'));
    expect(goToNextPage(back, 'c3b').cursors).toEqual([undefined, 'c2', 'c3b']);
  });

  it('computes the visible range', () => {
    expect(pageRange(firstPage, 25, 25)).toEqual({ from: 1, to: 25 });
    expect(pageRange(goToNextPage(firstPage, 'c'), 25, 3)).toEqual({ from: 26, to: 28 });
    expect(pageRange(firstPage, 25, 0)).toBeUndefined();
  });
});
