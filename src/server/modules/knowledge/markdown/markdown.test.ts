import { describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from '../../../../../e2e/knowledge/xss-payloads.js';
import { markdownToText, renderMarkdown } from './markdown.js';

const ALLOWED_TAGS = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'span',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'del',
  's',
  'sub',
  'sup',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'href',
  'title',
  'target',
  'rel',
  'src',
  'alt',
  'width',
  'height',
  'align',
  'start',
  'class',
  'type',
  'checked',
  'disabled',
]);

/** Every tag and attribute of sanitised HTML (sanitize-html escapes any `<` of text, so each `<` opens a real tag). */
function tagsOf(html: string) {
  return [...html.matchAll(/<\/?([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((match) => ({
    tag: match[1].toLowerCase(),
    attributes: [...match[2].matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => ({
      name: a[1].toLowerCase(),
      value: decode(a[2] ?? ''),
    })),
  }));
}
const decode = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);?/g, (_m, n) => String.fromCharCode(Number(n)));

describe('knowledge Markdown sanitiser (KB-1)', () => {
  it('keeps the fixture broad (OWASP cheat sheet, DOMPurify fixtures)', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(80);
  });

  it.each(XSS_PAYLOADS.map((payload, index) => [index, payload]))(
    'neutralises payload %i',
    (_index, payload) => {
      const html = renderMarkdown(payload as string);
      // Every `<` left is one of the allowed tags, with allowed attributes and safe URLs.
      const tags = tagsOf(html);
      expect(html.split('<').length - 1, html).toBe(tags.length);
      for (const { tag, attributes } of tags) {
        expect(ALLOWED_TAGS.has(tag), `${tag} in ${html}`).toBe(true);
        for (const { name, value } of attributes) {
          expect(ALLOWED_ATTRIBUTES.has(name), `${name} in ${html}`).toBe(true);
          expect(name.startsWith('on')).toBe(false);
          if (name === 'href' || name === 'src') {
            const scheme = value
              .replace(/[\u0000-\u0020]/g, '')
              .match(/^([a-z][a-z0-9+.-]*):/i)?.[1]
              ?.toLowerCase();
            expect(
              scheme === undefined || ['http', 'https', 'mailto', 'tel'].includes(scheme),
              `${name}=${value}`,
            ).toBe(true);
          }
          if (name === 'type') expect(value).toBe('checkbox');
        }
      }
      expect(html).not.toMatch(
        /<(script|style|iframe|object|embed|svg|math|base|meta|link|form|template|noscript)/i,
      );
    },
  );

  it('keeps ordinary Markdown, links and task lists', () => {
    const html = renderMarkdown(
      '# Titre\n\n**gras** [site](https://example.com) ![x](https://example.com/a.png)\n\n- [x] fait\n\n```js\nx\n```',
    );
    expect(html).toContain('<h1>Titre</h1>');
    expect(html).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    );
    // A remote image would load without a click (a tracking pixel): it becomes a link.
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '<a href="https://example.com/a.png" target="_blank" rel="noopener noreferrer nofollow">x</a>',
    );
    expect(renderMarkdown('![](https://t.example/p.gif)')).toBe(
      '<p><a href="https://t.example/p.gif" target="_blank" rel="noopener noreferrer nofollow">https://t.example/p.gif</a></p>\n',
    );
    expect(renderMarkdown('![plan](/api/v1/knowledge/1/attachments/2)')).toContain(
      '<img src="/api/v1/knowledge/1/attachments/2" alt="plan" />',
    );
    expect(renderMarkdown('![x](//t.example/p.gif)')).not.toContain('<img');
    expect(html).toMatch(
      /<input type="checkbox" disabled checked \/>|<input type="checkbox" checked disabled \/>/,
    );
    expect(html).toContain('<code class="language-js">');
    expect(renderMarkdown('<input type="text" value="x">')).not.toContain('<input');
    expect(markdownToText('**a** <script>x</script> & b')).toBe('a  & b');
  });

  it('renders Markdown nested thousands deep without overflowing the stack', () => {
    for (const deep of [
      '>'.repeat(3000),
      '- '.repeat(5000),
      '1. '.repeat(3000) + 'x',
      '> - '.repeat(2000) + 'fin',
    ]) {
      expect(typeof renderMarkdown(deep)).toBe('string');
      expect(typeof markdownToText(deep)).toBe('string');
    }
    expect(renderMarkdown('> - '.repeat(2000) + 'fin')).toContain('fin');
  });
});
