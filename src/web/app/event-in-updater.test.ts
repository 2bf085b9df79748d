import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The body of every `setX((prev) => …)` state updater in a source text. */
function updaters(text: string): { line: number; body: string }[] {
  const found: { line: number; body: string }[] = [];
  for (const match of text.matchAll(/\bset\w*\(\s*\(?\w*\)?\s*=>/g)) {
    const open = text.indexOf('(', match.index);
    let depth = 0;
    let end = open;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    found.push({ line: text.slice(0, match.index).split('\n').length, body: text.slice(open, end) });
  }
  return found;
}

describe('state updaters', () => {
  // React may run an updater later, after the event is done and its target is null: reading
  // the event there crashed forms typed at human speed (issue 9, A2). Read the value first.
  it('never read the input event inside a state updater', () => {
    const offenders = sources(WEB).flatMap((file) =>
      updaters(readFileSync(file, 'utf8'))
        .filter(({ body }) => /currentTarget|\.target\b|\bevent\./.test(body))
        .map(({ line }) => `${path.relative(WEB, file)}:${line}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds the pattern it guards against', () => {
    expect(
      updaters(
        'const set = (k) => (event) => setValues((c) => ({ ...c, [k]: event.currentTarget.value }));',
      )[0].body,
    ).toContain('currentTarget');
  });
});
