import { markdownToText } from '../markdown/markdown.js';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The mail a client receives (KB-6): the rep's message, then the item (or product sheet) and the
 * rep's name. One function for the mail sent and its preview, so the preview is what leaves.
 * `track` rewrites each link (sending); the preview keeps the links as written.
 */
export function composeMail(parts: {
  message: string;
  title: string;
  html: string;
  senderName: string;
  track?: (href: string, index: number) => string;
  pixel?: string;
}) {
  const links: string[] = [];
  const body = parts.track
    ? parts.html.replace(/href="(https?:\/\/[^"]+)"/g, (_all, href: string) => {
        links.push(href.replace(/&amp;/g, '&'));
        return `href="${parts.track!(href, links.length - 1)}"`;
      })
    : parts.html;
  const messageHtml = parts.message
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const html = `${messageHtml}<hr><h2>${escapeHtml(parts.title)}</h2>${body}<p style="color:#888">— ${escapeHtml(parts.senderName)}</p>${parts.pixel ?? ''}`;
  const text = `${parts.message}\n\n— ${parts.title} —\n\n${markdownToText(parts.html.replace(/<[^>]+>/g, ' '))}\n\n${parts.senderName}`;
  return { html, text, links };
}
