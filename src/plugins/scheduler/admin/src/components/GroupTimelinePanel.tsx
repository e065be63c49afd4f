import { Box, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useGet } from '../utils/api';
import { useT } from '../utils/translate';
import { MODELS } from '../pluginId';
import { StatusBadge } from './StatusBadge';

interface Timeline {
  group: { name: string; timezone: string; quietHours: { start: string; end: string }[] };
  days: {
    date: string;
    posts: {
      key: string;
      local: string;
      title: string | null;
      source: string;
      status: string;
      quiet: null | { action: string; window: string };
    }[];
  }[];
}

/** A group's local today and tomorrow: every post with its time and state. */
const GroupTimeline = ({ documentId }: { documentId: string }) => {
  const t = useT();
  const { data, error } = useGet<Timeline>(`/groups/${documentId}/timeline`);
  if (error) return <Typography textColor="danger600">{t('common.error', { message: error })}</Typography>;
  if (!data) return <Typography variant="pi">{t('common.loading')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="group-timeline">
      <Typography variant="pi" textColor="neutral600">
        {t('group.zone', { zone: data.group.timezone })}
        {data.group.quietHours.length > 0 &&
          ` · ${t('group.quiet', { windows: data.group.quietHours.map((w) => `${w.start}–${w.end}`).join(', ') })}`}
      </Typography>
      {data.days.map((day, i) => (
        <Box key={day.date}>
          <Typography variant="sigma">{t(i === 0 ? 'group.today' : 'group.tomorrow', { date: day.date })}</Typography>
          {day.posts.length === 0 && (
            <Typography variant="pi" tag="p">
              {t('group.none')}
            </Typography>
          )}
          {day.posts.map((p) => (
            <Flex key={p.key} gap={2} paddingTop={1} data-testid="group-timeline-post">
              <Typography variant="pi" fontWeight="bold">
                {p.local.slice(11, 16)}
              </Typography>
              <Typography variant="pi" ellipsis>
                {p.title ?? t(`source.${p.source}`)}
              </Typography>
              <StatusBadge status={p.status} />
            </Flex>
          ))}
        </Box>
      ))}
    </Flex>
  );
};

export const GroupTimelinePanel: PanelComponent = ({ model, documentId }) => {
  const t = useT();
  if (model !== MODELS.group || !documentId) return null;
  return { title: t('group.panel.title'), content: <GroupTimeline documentId={documentId} /> };
};
