/**
 * marked parses nested blocks recursively: `>` × 3000 or `1. ` × 1500 on one line overflows the
 * stack. Relais caps the block markers opening a line (quotes and list items) at
 * MAX_MARKDOWN_NESTING before any Markdown is parsed; the extra markers are dropped, so the text
 * survives and stored items stay readable. Every Markdown renderer calls this first.
 */
export const MAX_MARKDOWN_NESTING = 50;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

function capLine(line: string): string {
  let index = 0;
  let depth = 0;
  let out = '';
  while (index < line.length) {
    const start = index;
    while (line[index] === ' ' || line[index] === '\t') index += 1;
    const marker = line[index] === '>' ? '>' : (LIST_MARKER.exec(line.slice(index, index + 12))?.[0] ?? '');
    if (!marker) return out + line.slice(start);
    index += marker.length;
    depth += 1;
    if (depth <= MAX_MARKDOWN_NESTING) out += line.slice(start, index);
  }
  return out;
}

export function limitMarkdownNesting(markdown: string): string {
  // Fast path: only lines with many leading markers need the walk.
  if (!/^[ \t>*+\-\d.)]{100,}/m.test(markdown)) return markdown;
  return markdown.split('\n').map(capLine).join('\n');
}

/**
 * Images are loaded by the reader's browser (and mail client) without a click: a remote
 * `![](https://tracker.example/p.gif)` would tell a third party who read what, from inside the
 * company. Only same-origin paths (`/api/v1/…` attachments) and `data:` images stay images; a
 * remote one becomes a plain link with its alt text, for sanitize-html's `transformTags.img`.
 */
export function remoteImageToLink(
  tagName: string,
  attribs: Record<string, string>,
): { tagName: string; attribs: Record<string, string>; text?: string } {
  const src = (attribs.src ?? '').trim();
  const sameOrigin = src.startsWith('/') && !src.startsWith('//') && !src.startsWith('/\\');
  const inline = /^data:image\/(png|gif|jpeg|webp);/i.test(src);
  if (sameOrigin || inline) return { tagName, attribs };
  if (!/^https?:\/\//i.test(src)) return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
  return {
    tagName: 'a',
    attribs: { href: src, target: '_blank', rel: 'noopener noreferrer nofollow' },
    text: attribs.alt || src,
  };
}
