import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { APP_UID } from '../constants';
import { renderAll } from '../rendering';
import { formatDate } from '../composing/cohort';
import { welcomeMarkdown } from '../composing/markdown';
import { getService } from '../utils/get-service';
import { documentsOf, type Doc } from '../utils/documents';

const FALLBACK_NICKNAME: Record<string, string> = { en: 'friend', 'zh-Hans': '新朋友' };

/**
 * Picks the welcome script for a member arriving from a channel (千人千面): the group's
 * own override for that channel, else the channel's script, else the group's default
 * override, else the default script. Published versions only, group locale first.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async resolve(input: { groupSlug: string; channelCode?: string | null; nickname?: string | null; at?: Date }) {
    const group = await getService('targets', strapi).bySlug(input.groupSlug);
    if (!group) throw new errors.NotFoundError(`No group with slug ${input.groupSlug}`);
    const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
    const locales = [...new Set([group.locale, defaultLocale])];

    let channel: Doc | null = null;
    if (input.channelCode) {
      for (const locale of locales) {
        channel = await documentsOf(strapi, APP_UID.channel).findFirst({ filters: { code: input.channelCode }, locale });
        if (channel) break;
      }
    }

    const candidates: { label: string; filters: Record<string, unknown> }[] = [];
    if (channel) {
      candidates.push({
        label: 'group-channel',
        filters: { group: { documentId: group.documentId }, channel: { documentId: channel.documentId } },
      });
      candidates.push({ label: 'channel', filters: { group: { id: { $null: true } }, channel: { documentId: channel.documentId } } });
    }
    candidates.push({ label: 'group-default', filters: { group: { documentId: group.documentId }, channel: { id: { $null: true } } } });
    candidates.push({ label: 'default', filters: { group: { id: { $null: true } }, channel: { id: { $null: true } } } });

    let script: Doc | null = null;
    let matched = '';
    for (const candidate of candidates) {
      for (const locale of locales) {
        script = await documentsOf(strapi, APP_UID.welcomeScript).findFirst({
          filters: candidate.filters,
          locale,
          status: 'published',
        });
        if (script) break;
      }
      if (script) {
        matched = candidate.label;
        break;
      }
    }
    if (!script) throw new errors.NotFoundError(`No published welcome script for group ${group.slug} (not even a default)`);

    const at = input.at ?? new Date();
    const values: Record<string, string> = {
      'group.name': group.name,
      date: formatDate(at, group.timezone, group.locale),
    };
    if (input.nickname) values['member.nickname'] = input.nickname;
    if (channel?.name) values['channel.name'] = channel.name;
    const markdown = welcomeMarkdown(script);
    const notes: string[] = [];
    if (input.channelCode && !channel) notes.push(`unknown channel "${input.channelCode}": the default script was used`);

    return {
      group: { slug: group.slug, name: group.name, locale: group.locale, platform: group.platform },
      channel: channel
        ? { code: channel.code, name: channel.name, known: true }
        : { code: input.channelCode ?? null, name: null, known: false },
      script: { documentId: script.documentId, locale: script.locale, matched },
      fallback: matched === 'default' || matched === 'group-default',
      notes,
      markdown,
      renditions: renderAll(markdown, {
        values,
        fallbacks: { 'member.nickname': FALLBACK_NICKNAME[group.locale] ?? FALLBACK_NICKNAME.en },
      }),
    };
  },
});
