/**
 * A short plain-text title for platforms that show one beside the message (DingTalk's
 * markdown title, Feishu's card header): the post's title, else the first line of its
 * markdown without its markers, else the group's name; cut to `max` characters with "…".
 */
import type { PostForDelivery } from './types';

export function plainTitle(post: Pick<PostForDelivery, 'title' | 'markdown' | 'group'>, max: number): string {
  const firstLine =
    (post.markdown ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !/^(```|~~~|<!--)/.test(l)) ?? '';
  const plain = (post.title?.trim() || firstLine)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^(#{1,6}\s+|>\s*|[-+*]\s+|\d{1,9}[.)]\s+)+/, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(plain || post.group.name);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** A title numbered per part when a post is sent in several: "Title (2/3)". */
export const numberedTitle = (title: string, i: number, n: number) => (n > 1 ? `${title} (${i + 1}/${n})` : title);
