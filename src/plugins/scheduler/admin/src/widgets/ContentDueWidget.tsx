import { Link } from 'react-router-dom';
import { Box, Flex, LinkButton, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/admin/strapi-admin';
import { useGet } from '../utils/api';
import { useT } from '../utils/translate';
import { clock, viewerZone } from '../utils/time';
import { dayWord, lineTarget, type ReadinessLine } from '../lib/readiness';
import { ReadinessBadge } from '../components/ReadinessBadge';

interface Filters {
  groups: { slug: string; timezone: string }[];
}

/**
 * Homepage: the content the next 48 hours' posts need that is not written or not published
 * (missing, draft; scheduled as a reassurance), in order of the first post, each with a
 * button to its entry or to a new one with date, edition and locale filled in.
 */
const ContentDueWidget = () => {
  const t = useT();
  const { data, error, loading } = useGet<ReadinessLine[]>('/readiness?state=missing,draft,scheduled');
  // The groups' zones: a line is dated in the zone of its first group.
  const filters = useGet<Filters>('/calendar/filters');
  if ((loading && !data) || (filters.loading && !filters.data)) return <Widget.Loading />;
  if (error) return <Widget.Error>{error}</Widget.Error>;
  if (!data?.length) return <Widget.NoData>{t('widget.due.empty')}</Widget.NoData>;
  const zones = new Map((filters.data?.groups ?? []).map((g) => [g.slug, g.timezone]));
  const now = new Date();
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="widget-content-due">
      {data.slice(0, 20).map((line) => {
        const zone = zones.get(line.groups[0]) ?? viewerZone();
        const day = dayWord(line.firstDue, zone, now);
        const target = lineTarget(line);
        const what =
          line.day !== undefined
            ? t('widget.due.lessonDay', { source: t(`source.${line.source}`), day: line.day })
            : t(`source.${line.source}`);
        return (
          <Flex
            key={`${line.source}|${line.date}|${line.locale}|${line.fallbackFrom ?? ''}|${line.course ?? ''}|${line.day ?? ''}|${line.time ?? ''}`}
            gap={2}
            justifyContent="space-between"
            data-testid="content-due-line"
            data-source={line.source}
            data-state={line.state}
            data-date={line.date}
            data-locale={line.locale}
          >
            <Box>
              <Typography variant="pi" fontWeight="bold">
                {clock(line.firstDue, zone)} {zone} {t(`widget.due.${day.word}`, { date: day.date })}
              </Typography>{' '}
              <Typography variant="pi" title={line.reason ?? undefined}>
                · {what} · {line.fallbackFrom ?? line.locale} · {t('widget.due.groups', { count: line.groups.length })}
              </Typography>
            </Box>
            <Flex gap={2}>
              <ReadinessBadge state={line.state} reason={line.reason} />
              {target && line.state !== 'scheduled' && (
                <LinkButton tag={Link} to={target} size="S" variant="secondary" data-testid="content-due-open">
                  {t(line.entry || line.source === 'lesson-reminder' ? 'widget.due.open' : 'widget.due.create')}
                </LinkButton>
              )}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
};

export default ContentDueWidget;
