import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/admin/strapi-admin';
import { errorMessage, usePost } from '../utils/api';
import { useT } from '../utils/translate';
import { canMarkNow, openTaskIds, slotCounts, slotHeading } from '../lib/tasks';
import type { TaskSlot, TaskView } from '../types';
import { ConfirmDialog } from './ConfirmDialog';
import { TaskRow } from './TaskRow';

interface DoneMany {
  done: TaskView[];
  failed: { id: string; message: string }[];
}

/** One sitting: "08:00 · 早报 · 12 groups", its counts, "Mark all done", and a row per group. */
export const TaskSlotCard = ({ slot, zone, now, onChanged }: { slot: TaskSlot; zone: string; now: Date; onChanged: () => void }) => {
  const t = useT();
  const post = usePost();
  const { toggleNotification } = useNotification();
  const [confirming, setConfirming] = React.useState(false);
  const [failures, setFailures] = React.useState<{ group: string; message: string }[]>([]);
  const h = slotHeading(slot, zone);
  // Only what can be marked now: a planned task beyond the early window would only fail.
  const ids = openTaskIds(slot).filter((id) => canMarkNow(slot.tasks.find((x) => x.id === id) as TaskView, now));
  const name = (id: string) => slot.tasks.find((x) => x.id === id)?.group.name ?? id;

  const markAll = async () => {
    try {
      const res = await post<DoneMany>('/tasks/done', { ids });
      setFailures(res.failed.map((f) => ({ group: name(f.id), message: f.message })));
      toggleNotification({
        type: res.failed.length ? 'warning' : 'success',
        message: t('tasks.notice.allDone', { done: res.done.length, failed: res.failed.length }),
      });
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    }
    onChanged();
  };

  const heading = [
    h.zone ? `${h.time} (${h.zone})` : h.time,
    h.title ?? t(`source.${slot.source}`),
    t('tasks.slot.groups', { count: h.groups }),
  ].join(' · ');

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} data-testid="task-slot" data-slot-key={slot.key}>
      <Typography variant="delta" tag="h3" data-testid="task-slot-heading" style={{ overflowWrap: 'anywhere' }}>
        {heading}
      </Typography>
      {h.viewerTime && (
        <Typography variant="pi" textColor="neutral600" tag="p">
          {t('tasks.slot.viewerTime', { time: h.viewerTime })}
        </Typography>
      )}
      <Flex justifyContent="space-between" alignItems="center" gap={2} wrap="wrap" paddingTop={2} paddingBottom={2}>
        <Typography variant="omega" textColor="neutral700" data-testid="task-slot-counts">
          {slotCounts(slot.counts)
            .map((c) => t(`tasks.count.${c.key}`, { count: c.count }))
            .join(' · ')}
        </Typography>
        {ids.length > 0 && (
          <Button size="L" variant="success-light" onClick={() => setConfirming(true)} data-testid="task-slot-all-done">
            {t('tasks.allDone')}
          </Button>
        )}
      </Flex>
      {failures.length > 0 && (
        <Box background="danger100" hasRadius padding={3} marginBottom={2} data-testid="task-slot-failures">
          {failures.map((f, i) => (
            <Typography key={i} tag="p" textColor="danger700" style={{ overflowWrap: 'anywhere' }}>
              {t('tasks.failed', { group: f.group, message: f.message })}
            </Typography>
          ))}
        </Box>
      )}
      {slot.tasks.map((task) => (
        <TaskRow key={task.id} task={task} zone={zone} now={now} onChanged={onChanged} />
      ))}
      {confirming && (
        <ConfirmDialog
          testId="task-slot-confirm"
          title={t('tasks.allDone.title', { count: ids.length })}
          body={t('tasks.allDone.body', { count: ids.length })}
          confirm={t('tasks.allDone')}
          onConfirm={markAll}
          onClose={() => setConfirming(false)}
        />
      )}
    </Box>
  );
};
