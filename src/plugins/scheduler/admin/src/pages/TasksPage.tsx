import * as React from 'react';
import { DateTime } from 'luxon';
import { Link } from 'react-router-dom';
import { Box, Button, Flex, LinkButton, Loader, Typography } from '@strapi/design-system';
import { ArrowClockwise, Calendar } from '@strapi/icons';
import { Layouts, Page } from '@strapi/admin/strapi-admin';
import { useGet } from '../utils/api';
import { useT } from '../utils/translate';
import { viewerZone } from '../utils/time';
import { sectionsByDay, taskWindow, type DaySection } from '../lib/tasks';
import { TaskSlotCard } from '../components/TaskSlotCard';
import { CalendarFeedSection } from '../components/CalendarFeedSection';
import { PLUGIN_ID } from '../pluginId';
import type { TaskSlot } from '../types';

/** Waiting tasks appear by themselves: the list is read again every minute. */
const REFRESH_MS = 60_000;

/** Two big buttons rather than a select: one tap on a phone. */
const Segmented = ({ value, onChange }: { value: boolean; onChange: (mine: boolean) => void }) => {
  const t = useT();
  return (
    <Flex gap={1} role="group" aria-label={t('tasks.whose')}>
      {[true, false].map((mine) => (
        <Button
          key={String(mine)}
          size="L"
          variant={mine === value ? 'default' : 'tertiary'}
          aria-pressed={mine === value}
          onClick={() => onChange(mine)}
          data-testid={mine ? 'tasks-mine' : 'tasks-everyone'}
        >
          {t(mine ? 'tasks.mine' : 'tasks.everyone')}
        </Button>
      ))}
    </Flex>
  );
};

const DayHeading = ({ section }: { section: DaySection }) => {
  const t = useT();
  const date = DateTime.fromISO(section.date).toFormat('yyyy-MM-dd');
  const label = section.kind === 'date' ? date : t(`tasks.day.${section.kind}`, { date });
  return (
    <Typography variant="beta" tag="h2" data-testid="tasks-day" data-date={section.date}>
      {label}
    </Typography>
  );
};

export const TasksPage = () => {
  const t = useT();
  const zone = viewerZone();
  const [mine, setMine] = React.useState(true);
  // The window and "now" move with each refresh (tick), not on every render.
  const [tick, setTick] = React.useState(0);
  const now = React.useMemo(() => new Date(), [tick]); // eslint-disable-line react-hooks/exhaustive-deps
  const span = taskWindow(now, zone);
  const query = new URLSearchParams({ mine: String(mine), from: span.from, to: span.to });
  const slots = useGet<TaskSlot[]>(`/tasks/slots?${query.toString()}`);
  React.useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const refresh = () => setTick((n) => n + 1);
  // A phone's connection drops now and then: a failed refresh keeps the last list on screen (with the error above it).
  const [last, setLast] = React.useState<TaskSlot[] | null>(null);
  React.useEffect(() => {
    if (slots.data) setLast(slots.data);
  }, [slots.data]);
  const data = slots.data ?? last;

  const today = DateTime.fromJSDate(now).setZone(zone).toISODate() as string;
  const sections = sectionsByDay(data ?? [], zone, today);

  return (
    <Page.Main>
      <Page.Title>{t('tasks.title')}</Page.Title>
      <Layouts.Header title={t('tasks.title')} subtitle={t('tasks.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5} data-testid="tasks" style={{ maxWidth: '72rem', minWidth: 0 }}>
          {/* Actions live here, not in the header: Strapi's sticky header would keep them over the tasks on a phone. */}
          <Flex justifyContent="space-between" gap={2} wrap="wrap">
            <Segmented value={mine} onChange={setMine} />
            <Flex gap={2} wrap="wrap">
              <Button variant="secondary" size="L" startIcon={<ArrowClockwise />} onClick={refresh} data-testid="tasks-refresh">
                {t('common.refresh')}
              </Button>
              <LinkButton
                tag={Link}
                to={`/plugins/${PLUGIN_ID}`}
                variant="tertiary"
                size="L"
                startIcon={<Calendar />}
                data-testid="tasks-calendar-link"
              >
                {t('tasks.openCalendar')}
              </LinkButton>
            </Flex>
          </Flex>

          {slots.error && (
            <Typography textColor="danger600" data-testid="tasks-error">
              {t('common.error', { message: slots.error })}
            </Typography>
          )}
          {slots.loading && !data && <Loader>{t('common.loading')}</Loader>}

          {data && sections.length === 0 && (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} data-testid="tasks-empty">
              <Typography variant="delta" tag="p">
                {t('tasks.empty')}
              </Typography>
              <Typography tag="p" textColor="neutral600" paddingTop={2}>
                {t('tasks.empty.explain')}
              </Typography>
            </Box>
          )}

          {sections.map((section) => (
            <Flex key={section.date} direction="column" alignItems="stretch" gap={3}>
              <DayHeading section={section} />
              {section.slots.map((slot) => (
                <TaskSlotCard key={slot.key} slot={slot} zone={zone} now={now} onChanged={refresh} />
              ))}
            </Flex>
          ))}

          <CalendarFeedSection />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default TasksPage;
