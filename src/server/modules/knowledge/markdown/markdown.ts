import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { limitMarkdownNesting, remoteImageToLink } from '../../../platform/markdown-guard.js';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * The only HTML Relais stores for knowledge (KB-1): Markdown rendered by marked, then passed
 * through an allow-list sanitiser (sanitize-html). No script, style, event handler, frame,
 * form or `javascript:`/`data:` URL survives; links open in a new tab without an opener; a remote
 * image becomes a link (no tracking pixel), only same-origin images (attachments) stay images.
 * The same HTML is reused by e-mails and feeds.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
    code: ['class'],
    input: ['type', 'checked', 'disabled'],
  },
  allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Task-list checkboxes only; any other input is dropped.
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
  transformTags: {
    img: remoteImageToLink,
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
    }),
    // Any other input keeps its type, so exclusiveFilter (run after the transforms) drops it.
    input: (tagName, attribs) => ({
      tagName,
      attribs: {
        type: attribs.type === 'checkbox' ? 'checkbox' : 'other',
        disabled: '',
        ...(attribs.checked !== undefined ? { checked: '' } : {}),
      },
    }),
  },
};

export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** Markdown → safe HTML. Raw HTML inside the Markdown goes through the same allow-list. */
export function renderMarkdown(markdown: string): string {
  return sanitize(marked.parse(limitMarkdownNesting(markdown)) as string);
}

/** Plain text of some Markdown (for e-mail text parts, snippets and similarity). */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(marked.parse(limitMarkdownNesting(markdown)) as string, {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
