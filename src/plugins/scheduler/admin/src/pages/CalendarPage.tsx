import * as React from 'react';
import { DateTime } from 'luxon';
import { Link } from 'react-router-dom';
import { Box, Button, Flex, LinkButton, SingleSelect, SingleSelectOption, Typography, Field, Loader } from '@strapi/design-system';
import { ArrowLeft, ArrowRight, ArrowClockwise, CheckCircle } from '@strapi/icons';
import { Layouts, Page } from '@strapi/admin/strapi-admin';
import { useGet } from '../utils/api';
import { PLUGIN_ID } from '../pluginId';
import { useT } from '../utils/translate';
import { viewerZone } from '../utils/time';
import { period, placeInZone, shift, weekdayOf, type View } from '../lib/period';
import { PostDetail, UpcomingDetail } from '../components/PostDetail';
import { STATUS_COLORS } from '../components/StatusBadge';
import type { CalendarEntry, CalendarPost } from '../types';
import { indexLines, lineOfPost, readinessWindow, type ReadinessLine } from '../lib/readiness';
import { entryCounts, entryStatus, expansionQuery, lineOfEntry, postOfEntry } from '../lib/entries';
import { ReadinessBadge } from '../components/ReadinessBadge';

type Post = CalendarPost;
interface Filters {
  groups: { slug: string; name: string; timezone: string }[];
  tags: { slug: string; name: string }[];
  horizonHours: number;
}

const SOURCES = ['text', 'morning-report', 'evening-report', 'daily-topic', 'lesson', 'lesson-reminder', 'welcome-rules', 'notice'];
const STATUSES = ['upcoming', 'planned', 'sending', 'sent', 'failed', 'dead', 'skipped', 'cancelled', 'missed'];
const ALL = '__all__';

/** A button in a day cell, coloured by a status (dashed while upcoming); `data` become data-* attributes. */
const Chip = ({
  status,
  onClick,
  title,
  data,
  strike,
  expanded,
  children,
}: {
  status: string;
  onClick: () => void;
  title: string;
  data: Record<string, string | number>;
  strike?: boolean;
  expanded?: boolean;
  children: React.ReactNode;
}) => {
  const c = STATUS_COLORS[status] ?? STATUS_COLORS.skipped;
  return (
    <Box
      tag="button"
      type="button"
      onClick={onClick}
      aria-expanded={expanded}
      {...Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]))}
      data-status={status}
      background={c.bg}
      borderColor={c.border}
      borderStyle={status === 'upcoming' ? 'dashed' : 'solid'}
      borderWidth="1px"
      hasRadius
      paddingLeft={2}
      paddingRight={2}
      paddingTop={1}
      paddingBottom={1}
      width="100%"
      style={{ textAlign: 'left', cursor: 'pointer', textDecoration: strike ? 'line-through' : undefined }}
      title={title}
    >
      {children}
    </Box>
  );
};

/** One post in a day cell: time, group, title, coloured by status. */
const PostChip = ({ post, time, onOpen, content }: { post: Post; time: string; onOpen: () => void; content: ReadinessLine | null }) => {
  const c = STATUS_COLORS[post.status] ?? STATUS_COLORS.skipped;
  return (
    <Chip
      status={post.status}
      onClick={onOpen}
      strike={post.status === 'cancelled'}
      title={`${time} ${post.groupName} · ${post.title ?? post.source} (${post.status})`}
      data={{
        testid: 'calendar-post',
        'delivery-id': post.id ?? '',
        title: post.title ?? '',
        source: post.source,
        content: content?.state ?? '',
      }}
    >
      <Typography variant="pi" textColor={c.text} ellipsis tag="div">
        <strong>{time}</strong> {post.groupName} · {post.title ?? post.source}
      </Typography>
      {content && <ReadinessBadge state={content.state} reason={content.reason} testId="calendar-post-content" />}
    </Chip>
  );
};

/**
 * Posts of one origin at one local time across groups: "08:00 · Morning report · 640
 * groups · 3 failed", coloured by its most urgent status; it opens to its groups.
 */
const EntryChip = ({
  entry,
  expanded,
  onToggle,
  content,
}: {
  entry: CalendarEntry;
  expanded: boolean;
  onToggle: () => void;
  content: ReadinessLine | null;
}) => {
  const t = useT();
  const status = entryStatus(entry);
  const c = STATUS_COLORS[status] ?? STATUS_COLORS.skipped;
  const counts = entryCounts(entry)
    .filter((x) => x.count < entry.count || ['failed', 'dead'].includes(x.status))
    .map((x) => `${x.count} ${t(`status.${x.status}`)}`);
  const name = entry.title ?? t(`source.${entry.source}`);
  const tally = [t('calendar.entry.groups', { count: entry.count }), ...counts];
  return (
    <Chip
      status={status}
      onClick={onToggle}
      expanded={expanded}
      title={`${entry.time} ${name} · ${tally.join(' · ')} — ${t(expanded ? 'calendar.entry.collapse' : 'calendar.entry.expand')}`}
      data={{ testid: 'calendar-entry', count: entry.count, title: entry.title ?? '', source: entry.source, content: content?.state ?? '' }}
    >
      <Typography variant="pi" textColor={c.text} ellipsis tag="div">
        <strong>{entry.time}</strong> {name}
      </Typography>
      {/* The group count on a line of its own, so a long title never hides it. */}
      <Typography variant="pi" textColor={c.text} ellipsis tag="div" data-testid="calendar-entry-counts">
        {tally.join(' · ')}
      </Typography>
      {content && <ReadinessBadge state={content.state} reason={content.reason} testId="calendar-post-content" />}
    </Chip>
  );
};

/** An opened entry: its posts, one per group, fetched when opened (an entry may hold thousands). */
const EntryPosts = ({
  entry,
  base,
  zone,
  notReady,
  onOpen,
  tick,
}: {
  entry: CalendarEntry;
  base: URLSearchParams;
  tick: number;
  zone: string | null;
  notReady: Map<string, ReadinessLine>;
  onOpen: (post: Post) => void;
}) => {
  const t = useT();
  const query = new URLSearchParams(base);
  for (const [k, v] of Object.entries(expansionQuery(entry))) query.set(k, v);
  const posts = useGet<Post[]>(`/calendar?${query.toString()}`, [tick]);
  const list = [...(posts.data ?? [])].sort((a, b) => a.groupName.localeCompare(b.groupName));
  return (
    <Box data-testid="calendar-entry-posts" paddingLeft={2} style={{ maxHeight: '24rem', overflowY: 'auto' }}>
      {posts.loading && !posts.data && <Loader small>{t('common.loading')}</Loader>}
      {posts.error && <Typography textColor="danger600">{t('common.error', { message: posts.error })}</Typography>}
      <Flex direction="column" gap={1} alignItems="stretch">
        {list.map((post) => (
          <PostChip
            key={post.id ?? post.key}
            post={post}
            time={placeInZone(post.dueAt, zone ?? post.groupTimezone).time}
            onOpen={() => onOpen(post)}
            content={post.status === 'planned' || post.status === 'upcoming' ? lineOfPost(post, notReady) : null}
          />
        ))}
      </Flex>
    </Box>
  );
};

export const CalendarPage = () => {
  const t = useT();
  const mine = viewerZone();
  const [view, setView] = React.useState<View>('week');
  const [anchor, setAnchor] = React.useState(DateTime.now().setZone(mine).toISODate() as string);
  const [zoneMode, setZoneMode] = React.useState<'group' | 'viewer'>('group');
  const [group, setGroup] = React.useState(ALL);
  const [tag, setTag] = React.useState(ALL);
  const [source, setSource] = React.useState(ALL);
  const [status, setStatus] = React.useState(ALL);
  const [open, setOpen] = React.useState<Post | null>(null);

  const p = period(view, anchor);
  const query = new URLSearchParams({ from: p.from, to: p.to });
  if (group !== ALL) query.set('groups', group);
  if (tag !== ALL) query.set('tag', tag);
  if (source !== ALL) query.set('source', source);
  if (status !== ALL) query.set('status', status);
  const filters = useGet<Filters>('/calendar/filters');
  const entriesQuery = new URLSearchParams(query);
  entriesQuery.set('zone', zoneMode === 'group' ? 'group' : mine);
  const posts = useGet<CalendarEntry[]>(`/calendar/entries?${entriesQuery.toString()}`);
  const list: CalendarEntry[] = posts.data ?? [];
  const [expanded, setExpanded] = React.useState<Set<string>>(new Set());
  // Opened entries fetch their posts again on refresh and after an action.
  const [tick, setTick] = React.useState(0);
  const reload = () => {
    posts.reload();
    setTick((n) => n + 1);
  };
  const toggle = (key: string) =>
    setExpanded((was) => {
      const next = new Set(was);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  // Content not written or not published for the visible posts from now on (one request, at most 14 days).
  // From the current minute: the path stays the same between renders.
  const span = readinessWindow(p.from, p.to, new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const readiness = useGet<ReadinessLine[]>(
    span ? `/readiness?${new URLSearchParams({ ...span, state: 'missing,draft' }).toString()}` : null
  );
  const notReady = React.useMemo(() => indexLines(readiness.data ?? []), [readiness.data]);

  // Each entry on its local date in the chosen zone (the server reads it there).
  const byDate = new Map<string, CalendarEntry[]>();
  for (const entry of list) byDate.set(entry.date, [...(byDate.get(entry.date) ?? []), entry]);
  for (const bucket of byDate.values()) bucket.sort((a, b) => a.time.localeCompare(b.time) || a.key.localeCompare(b.key));

  const today = DateTime.now().setZone(mine).toISODate();
  const perCell = view === 'month' ? 3 : Infinity;
  const label =
    view === 'month'
      ? DateTime.fromISO(anchor).toFormat('yyyy-MM')
      : view === 'week'
        ? `${p.dates[0]} – ${p.dates[p.dates.length - 1]}`
        : p.dates[0];

  const select = (id: string, label: string, value: string, onChange: (v: string) => void, options: { value: string; label: string }[]) => (
    <Box minWidth="18rem">
      <Field.Root name={id} data-testid={`calendar-filter-${id}`}>
        <Field.Label>{label}</Field.Label>
        <SingleSelect value={value} onChange={(v: string | number) => onChange(String(v))}>
          <SingleSelectOption value={ALL}>{t('common.all')}</SingleSelectOption>
          {options.map((o) => (
            <SingleSelectOption key={o.value} value={o.value}>
              {o.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Box>
  );

  return (
    <Page.Main>
      <Page.Title>{t('calendar.title')}</Page.Title>
      <Layouts.Header
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        secondaryAction={
          <LinkButton
            tag={Link}
            to={`/plugins/${PLUGIN_ID}/tasks`}
            variant="tertiary"
            startIcon={<CheckCircle />}
            data-testid="calendar-tasks-link"
          >
            {t('calendar.openTasks')}
          </LinkButton>
        }
        primaryAction={
          <Button
            variant="secondary"
            startIcon={<ArrowClockwise />}
            onClick={() => {
              reload();
              readiness.reload();
            }}
            data-testid="calendar-refresh"
          >
            {t('common.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Box data-testid="calendar">
          <Flex gap={4} wrap="wrap" alignItems="flex-end" paddingBottom={4}>
            {select(
              'group',
              t('calendar.filter.group'),
              group,
              setGroup,
              (filters.data?.groups ?? []).map((g) => ({ value: g.slug, label: g.name }))
            )}
            {select(
              'tag',
              t('calendar.filter.tag'),
              tag,
              setTag,
              (filters.data?.tags ?? []).map((g) => ({ value: g.slug, label: g.name }))
            )}
            {select(
              'source',
              t('calendar.filter.source'),
              source,
              setSource,
              SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))
            )}
            {select(
              'status',
              t('calendar.filter.status'),
              status,
              setStatus,
              STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))
            )}
            <Box minWidth="24rem">
              <Field.Root name="zone" data-testid="calendar-zone">
                <Field.Label>{t('calendar.zone')}</Field.Label>
                <SingleSelect value={zoneMode} onChange={(v: string | number) => setZoneMode(v as 'group' | 'viewer')}>
                  <SingleSelectOption value="group">{t('calendar.zone.group')}</SingleSelectOption>
                  <SingleSelectOption value="viewer">{t('calendar.zone.viewer', { zone: mine })}</SingleSelectOption>
                </SingleSelect>
              </Field.Root>
            </Box>
          </Flex>

          <Flex justifyContent="space-between" paddingBottom={4} wrap="wrap" gap={2}>
            <Flex gap={2}>
              <Button
                variant="tertiary"
                startIcon={<ArrowLeft />}
                onClick={() => setAnchor(shift(view, anchor, -1))}
                data-testid="calendar-previous"
              >
                {t('calendar.previous')}
              </Button>
              <Button variant="tertiary" onClick={() => setAnchor(today as string)} data-testid="calendar-today">
                {t('calendar.today')}
              </Button>
              <Button
                variant="tertiary"
                endIcon={<ArrowRight />}
                onClick={() => setAnchor(shift(view, anchor, 1))}
                data-testid="calendar-next"
              >
                {t('calendar.next')}
              </Button>
              <Typography variant="delta" tag="h2" data-testid="calendar-period">
                {label}
              </Typography>
            </Flex>
            <Flex gap={1}>
              {(['month', 'week', 'day'] as View[]).map((v) => (
                <Button
                  key={v}
                  variant={v === view ? 'default' : 'tertiary'}
                  onClick={() => setView(v)}
                  data-testid={`calendar-view-${v}`}
                  aria-pressed={v === view}
                >
                  {t(`calendar.view.${v}`)}
                </Button>
              ))}
            </Flex>
          </Flex>

          {posts.error && <Typography textColor="danger600">{t('common.error', { message: posts.error })}</Typography>}
          {posts.loading && !posts.data && <Loader>{t('common.loading')}</Loader>}

          <Box background="neutral0" hasRadius shadow="tableShadow" padding={2}>
            <Box style={{ display: 'grid', gap: '4px', gridTemplateColumns: `repeat(${view === 'day' ? 1 : 7}, minmax(0, 1fr))` }}>
              {view !== 'day' &&
                p.dates.slice(0, 7).map((date) => (
                  <Box key={`h${date}`} padding={1}>
                    <Typography variant="sigma" textColor="neutral600">
                      {t(`calendar.weekday.${weekdayOf(date)}`)}
                    </Typography>
                  </Box>
                ))}
              {p.dates.map((date) => {
                const items = byDate.get(date) ?? [];
                const outside = view === 'month' && date.slice(0, 7) !== anchor.slice(0, 7);
                return (
                  <Box key={date} minWidth={0}>
                    <Box
                      padding={2}
                      minHeight={view === 'month' ? '12rem' : '20rem'}
                      width="100%"
                      background={date === today ? 'primary100' : outside ? 'neutral100' : 'neutral0'}
                      borderColor="neutral150"
                      borderStyle="solid"
                      borderWidth="1px"
                      hasRadius
                      data-testid="calendar-day"
                      data-date={date}
                    >
                      <Flex justifyContent="space-between" paddingBottom={1}>
                        <Typography variant="pi" fontWeight="bold" textColor={outside ? 'neutral500' : 'neutral800'}>
                          {view === 'month' ? date.slice(8) : date}
                        </Typography>
                        {items.length > 0 && (
                          <Typography variant="pi" textColor="neutral500">
                            {t('calendar.count', { count: items.reduce((n, e) => n + e.count, 0) })}
                          </Typography>
                        )}
                      </Flex>
                      <Flex direction="column" gap={1} alignItems="stretch">
                        {items.slice(0, perCell).map((entry) => {
                          const post = postOfEntry(entry);
                          if (post)
                            return (
                              <PostChip
                                key={entry.key}
                                post={post}
                                time={entry.time}
                                onOpen={() => setOpen(post)}
                                content={post.status === 'planned' || post.status === 'upcoming' ? lineOfPost(post, notReady) : null}
                              />
                            );
                          const open = expanded.has(entry.key);
                          return (
                            <React.Fragment key={entry.key}>
                              <EntryChip
                                entry={entry}
                                expanded={open}
                                onToggle={() => toggle(entry.key)}
                                content={
                                  entry.byStatus.planned || entry.byStatus.upcoming
                                    ? lineOfEntry(entry, readiness.data ?? [], zoneMode)
                                    : null
                                }
                              />
                              {open && (
                                <EntryPosts
                                  entry={entry}
                                  base={query}
                                  zone={zoneMode === 'group' ? null : mine}
                                  notReady={notReady}
                                  onOpen={setOpen}
                                  tick={tick}
                                />
                              )}
                            </React.Fragment>
                          );
                        })}
                        {items.length > perCell && (
                          <Button
                            variant="ghost"
                            size="S"
                            onClick={() => {
                              setAnchor(date);
                              setView('day');
                            }}
                          >
                            {t('calendar.more', { count: items.length - perCell })}
                          </Button>
                        )}
                      </Flex>
                    </Box>
                  </Box>
                );
              })}
            </Box>
            {posts.data && list.length === 0 && (
              <Box padding={4}>
                <Typography textColor="neutral600">{t('calendar.empty')}</Typography>
              </Box>
            )}
          </Box>
        </Box>
        {open?.id && (
          <PostDetail id={open.id} zone={zoneMode === 'group' ? 'group' : mine} onClose={() => setOpen(null)} onChanged={reload} />
        )}
        {open && !open.id && (
          <UpcomingDetail
            post={open}
            zone={zoneMode === 'group' ? open.groupTimezone : mine}
            horizonHours={filters.data?.horizonHours ?? 48}
            onClose={() => setOpen(null)}
          />
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default CalendarPage;
