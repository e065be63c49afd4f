/**
 * Sanitized HTML for web pages and apps: raw HTML in the markdown is shown as text, link
 * and image URLs are limited to http(s)/mailto/tel/relative, links open with noopener.
 */
import type { FormatSpec } from '../walk';
import { escapeHtml, safeUrl } from '../escape';

export const html: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeURIComponent(v) : escapeHtml(v)),
  text: escapeHtml,
  strong: (s) => `<strong>${s}</strong>`,
  em: (s) => `<em>${s}</em>`,
  del: (s) => `<del>${s}</del>`,
  codespan: (s) => `<code>${escapeHtml(s)}</code>`,
  br: () => '<br>',
  link(href, inner) {
    const url = href === null ? null : safeUrl(href);
    return url ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer" target="_blank">${inner}</a>` : inner;
  },
  image(src, alt) {
    const url = src === null ? null : safeUrl(src);
    return url ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">` : escapeHtml(alt);
  },
  html: (raw) => escapeHtml(raw),
  heading: (inner, depth) => `<h${depth}>${inner}</h${depth}>`,
  paragraph: (inner) => `<p>${inner}</p>`,
  code: (s) => `<pre><code>${escapeHtml(s)}</code></pre>`,
  hr: () => '<hr>',
  blockquote: (blocks) => `<blockquote>${blocks.join('')}</blockquote>`,
  list(items, ordered, start) {
    const lis = items.map((b) => `<li>${b.map((x) => x.replace(/^<p>(.*)<\/p>$/s, '$1')).join('')}</li>`).join('');
    return ordered ? `<ol${start !== 1 ? ` start="${start}"` : ''}>${lis}</ol>` : `<ul>${lis}</ul>`;
  },
  table(header, rows) {
    const th = header.map((c) => `<th>${c}</th>`).join('');
    const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
    return `<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
  },
};
