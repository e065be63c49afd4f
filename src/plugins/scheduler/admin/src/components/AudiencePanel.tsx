import { Box, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useGet } from '../utils/api';
import { useT } from '../utils/translate';
import { full } from '../utils/time';
import { AUDIENCE_MODELS, firstOf, type ReadinessLine } from '../lib/readiness';
import { ReadinessBadge } from './ReadinessBadge';

interface Audience {
  lines: ReadinessLine[];
  groups: { slug: string; name: string; timezone: string; firstDue: string }[];
}

/** Which groups get this entry in the next 14 days (its draft too: they will once it is published). */
const Audience = ({ uid, documentId, locale, version }: { uid: string; documentId: string; locale: string; version: string }) => {
  const t = useT();
  const query = new URLSearchParams({ uid, documentId, locale }).toString();
  const { data, error } = useGet<Audience>(`/readiness/entry?${query}`, [version]);
  if (error) return <Typography textColor="danger600">{t('common.error', { message: error })}</Typography>;
  if (!data) return <Typography variant="pi">{t('common.loading')}</Typography>;
  if (!data.groups.length)
    return (
      <Typography variant="pi" textColor="neutral600" data-testid="audience-none">
        {t('audience.none')}
      </Typography>
    );
  const first = data.groups[0];
  const posts = data.lines.reduce((n, l) => n + l.posts, 0);
  const { shown, more } = firstOf(data.groups);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="audience">
      <Typography variant="pi" data-testid="audience-first">
        {t('audience.first', { at: full(first.firstDue, first.timezone) })}
      </Typography>
      <Typography variant="pi" data-testid="audience-count">
        {t('audience.count', { groups: data.groups.length, posts })}
      </Typography>
      <Flex gap={1} wrap="wrap">
        {data.lines.map((l) => (
          <ReadinessBadge key={`${l.date}|${l.locale}|${l.fallbackFrom ?? ''}`} state={l.state} reason={l.reason} testId="audience-state" />
        ))}
      </Flex>
      <Box tag="ul">
        {shown.map((g) => (
          <li key={g.slug} data-testid="audience-group">
            <Typography variant="pi">
              {g.name} · {full(g.firstDue, g.timezone)}
            </Typography>
          </li>
        ))}
      </Box>
      {more > 0 && (
        <Typography variant="pi" textColor="neutral600" data-testid="audience-more">
          {t('audience.more', { count: more })}
        </Typography>
      )}
    </Flex>
  );
};

/** Edit view of a report, topic or lesson: "Who gets this". Nothing for an entry not saved yet. */
export const AudiencePanel: PanelComponent = ({ model, documentId, document }) => {
  const t = useT();
  const locale = (document as { locale?: string } | undefined)?.locale;
  if (!AUDIENCE_MODELS.includes(model) || !documentId || !locale) return null;
  const version = String((document as { updatedAt?: string } | undefined)?.updatedAt ?? '');
  return {
    title: t('audience.title'),
    content: <Audience uid={model} documentId={documentId} locale={locale} version={version} />,
  };
};
