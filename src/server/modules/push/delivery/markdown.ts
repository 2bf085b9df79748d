import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { limitMarkdownNesting } from '../../../platform/markdown-guard.js';

const ALLOWED = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'b',
    'i',
    'u',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};

/** Markdown → HTML safe to insert in a page or an e-mail (scripts, handlers, javascript: removed). */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(
    marked.parse(limitMarkdownNesting(markdown), { async: false, gfm: true, breaks: true }) as string,
    ALLOWED,
  );
}

/** Plain text of a Markdown message (web push payloads, e-mail text part). */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(marked.parse(limitMarkdownNesting(markdown), { async: false }) as string, {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
