/**
 * Sanitized HTML for web pages and apps. Only tags this file writes can appear: raw HTML
 * in the markdown is shown as text, link and image URLs are limited to
 * http(s)/mailto/tel/relative, links open in a new tab with rel="noopener noreferrer".
 */
import type { FormatSpec } from '../walk';
import { encodeUrlValue, escapeHtml, safeUrl } from '../escape';

const unwrapParagraph = (s: string) => (s.startsWith('<p>') && s.endsWith('</p>') && s.indexOf('<p>', 3) < 0 ? s.slice(3, -4) : s);

export const html: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeUrlValue(v) : escapeHtml(v)),
  text: escapeHtml,
  strong: (s) => `<strong>${s}</strong>`,
  em: (s) => `<em>${s}</em>`,
  del: (s) => `<del>${s}</del>`,
  codespan: (s) => `<code>${escapeHtml(s)}</code>`,
  br: () => '<br>',
  link(href, inner) {
    const url = safeUrl(href);
    return url === null ? inner : `<a href="${escapeHtml(url)}" rel="noopener noreferrer" target="_blank">${inner}</a>`;
  },
  image(src, alt) {
    const url = safeUrl(src);
    return url === null || url === '' ? escapeHtml(alt) : `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">`;
  },
  html: escapeHtml,
  font: (_color, inner) => inner,
  heading: (inner, depth) => `<h${depth}>${inner}</h${depth}>`,
  paragraph: (inner) => `<p>${inner}</p>`,
  code(s, lang) {
    const word = /^[\w+#.-]{1,30}$/.test(lang) ? lang : '';
    return `<pre><code${word ? ` class="language-${escapeHtml(word)}"` : ''}>${escapeHtml(s)}</code></pre>`;
  },
  hr: () => '<hr>',
  blockquote: (blocks) => `<blockquote>${blocks.join('')}</blockquote>`,
  list(items, ordered, start, loose) {
    let lis = '';
    for (const item of items) lis += `<li>${(loose ? item.blocks : item.blocks.map(unwrapParagraph)).join('')}</li>`;
    return ordered ? `<ol${start !== 1 ? ` start="${start}"` : ''}>${lis}</ol>` : `<ul>${lis}</ul>`;
  },
  table(header, rows) {
    const th = header.map((c) => `<th>${c}</th>`).join('');
    const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
    return `<table><thead><tr>${th}</tr></thead>${trs ? `<tbody>${trs}</tbody>` : ''}</table>`;
  },
};
