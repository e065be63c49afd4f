import { useIntl } from 'react-intl';
import EN from '../translations/en.json';
import { PLUGIN_ID } from '../pluginId';

/** Our message ids are prefixed with the plugin id (registerTrads does the same to the JSON keys). */
export const tid = (id: string) => `${PLUGIN_ID}.${id}`;

const english = EN as Record<string, string>;

/** `t('calendar.title')`, with the English text of en.json as the fallback. */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, values?: Record<string, string | number>) =>
    formatMessage({ id: tid(id), defaultMessage: english[id] ?? id }, values);
}

/** Texts the server sends in both languages (e.g. a platform's name), in the admin's language. */
export function useLabel() {
  const { locale } = useIntl();
  return (labels: { en: string; 'zh-Hans'?: string } & Record<string, string | undefined>) => labels[locale] ?? labels.en;
}

/** Texts the server writes as `{ en, zh }` (a schedule's calendar notes): the admin's language, English otherwise. */
export function useEnZh() {
  const { locale } = useIntl();
  return (text: { en: string; zh: string }) => (locale.toLowerCase().startsWith('zh') ? text.zh : text.en) || text.en;
}
