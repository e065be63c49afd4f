import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/admin/strapi-admin';
import { useGet } from '../utils/api';
import { useT } from '../utils/translate';
import { clock } from '../utils/time';
import { StatusBadge } from '../components/StatusBadge';

interface Attention {
  failed: number;
  dead: number;
  overdue: number;
  planner: { lastRunAt: string | null; overdue: boolean };
  disabledEndpoints?: { group: string; since: string; reason: string | null }[];
  tasks?: { late: number; missed: number };
  items: {
    id: string;
    dueAt: string;
    groupName: string;
    groupTimezone: string;
    title: string | null;
    source: string;
    status: string;
    lastError: string | null;
  }[];
}

/** Homepage: failed and dead posts, overdue posts, late and missed staff tasks, and a stalled planner. */
const NeedsAttentionWidget = () => {
  const t = useT();
  const { data, error, loading } = useGet<Attention>('/widgets/attention?limit=5');
  if (loading && !data) return <Widget.Loading />;
  if (error) return <Widget.Error>{error}</Widget.Error>;
  if (!data) return null;
  const lines = [
    data.failed > 0 && t('widget.attention.failed', { count: data.failed }),
    data.dead > 0 && t('widget.attention.dead', { count: data.dead }),
    data.overdue > 0 && t('widget.attention.overdue', { count: data.overdue }),
    data.planner.overdue &&
      (data.planner.lastRunAt ? t('widget.attention.planner', { at: data.planner.lastRunAt }) : t('widget.attention.plannerNever')),
    (data.tasks?.late ?? 0) > 0 && t('widget.attention.tasksLate', { count: data.tasks?.late ?? 0 }),
    (data.tasks?.missed ?? 0) > 0 && t('widget.attention.tasksMissed', { count: data.tasks?.missed ?? 0 }),
    ...(data.disabledEndpoints ?? []).map((d) => t('widget.attention.disabled', { group: d.group, since: d.since })),
  ].filter(Boolean) as string[];
  if (lines.length === 0) return <Widget.NoData>{t('widget.attention.ok')}</Widget.NoData>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="widget-attention">
      {lines.map((line) => (
        <Typography key={line} variant="omega" textColor="danger600">
          {line}
        </Typography>
      ))}
      {data.items.map((p) => (
        <Flex key={p.id} gap={2} justifyContent="space-between">
          <Box>
            <Typography variant="pi" fontWeight="bold">
              {clock(p.dueAt, p.groupTimezone)}
            </Typography>{' '}
            <Typography variant="pi">
              {p.groupName} · {p.title ?? t(`source.${p.source}`)}
            </Typography>
            {p.lastError && (
              <Typography variant="pi" textColor="neutral600" tag="p" ellipsis>
                {p.lastError}
              </Typography>
            )}
          </Box>
          <StatusBadge status={p.status} />
        </Flex>
      ))}
    </Flex>
  );
};

export default NeedsAttentionWidget;
