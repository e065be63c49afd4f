import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/admin/strapi-admin';
import { useGet } from '../utils/api';
import { useT } from '../utils/translate';
import { clock, inZone } from '../utils/time';
import { StatusBadge } from '../components/StatusBadge';

interface Post {
  id: string;
  dueAt: string;
  groupName: string;
  groupTimezone: string;
  title: string | null;
  source: string;
  status: string;
}

/** Homepage: the next 10 posts across all groups, in each group's local time. */
const NextPostsWidget = () => {
  const t = useT();
  const { data, error, loading } = useGet<Post[]>('/widgets/next-posts?limit=10');
  if (loading && !data) return <Widget.Loading />;
  if (error) return <Widget.Error>{error}</Widget.Error>;
  if (!data?.length) return <Widget.NoData>{t('widget.next.empty')}</Widget.NoData>;
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="widget-next-posts">
      {data.map((p) => (
        <Flex key={p.id} gap={2} justifyContent="space-between">
          <Box>
            <Typography variant="pi" fontWeight="bold">
              {inZone(p.dueAt, p.groupTimezone).toFormat('MM-dd')} {clock(p.dueAt, p.groupTimezone)}
            </Typography>{' '}
            <Typography variant="pi">
              {p.groupName} · {p.title ?? t(`source.${p.source}`)}
            </Typography>
          </Box>
          <StatusBadge status={p.status} />
        </Flex>
      ))}
    </Flex>
  );
};

export default NextPostsWidget;
