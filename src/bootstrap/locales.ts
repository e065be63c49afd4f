import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, LOCALES } from '../constants';

/** `en` (default) and `zh-Hans` exist on every database after the first boot. */
export async function ensureLocales(strapi: Core.Strapi) {
  const service = strapi.plugin('i18n').service('locales');
  const existing: { code: string }[] = await service.find();
  for (const locale of LOCALES) {
    if (!existing.some((l) => l.code === locale.code)) {
      await service.create({ code: locale.code, name: locale.name });
      strapi.log.info(`[bootstrap] created locale ${locale.code}`);
    }
  }
  // Only on a fresh database: an operator may have chosen another default since.
  if (existing.length === 0 || (existing.length === 1 && existing[0].code === DEFAULT_LOCALE)) {
    const current = await service.getDefaultLocale();
    if (current !== DEFAULT_LOCALE) await service.setDefaultLocale({ code: DEFAULT_LOCALE });
  }
}
