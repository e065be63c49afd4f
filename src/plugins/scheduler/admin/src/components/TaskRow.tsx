import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/admin/strapi-admin';
import { errorMessage, usePost } from '../utils/api';
import { useT } from '../utils/translate';
import { clock } from '../utils/time';
import { BADGE_COLORS, canMarkNow, isOpen, markableFrom, skipNote, taskBadge } from '../lib/tasks';
import type { TaskView } from '../types';
import { CopyPart } from './CopyPart';
import { SkipDialog } from './SkipDialog';

export const TaskBadgeView = ({ task }: { task: Pick<TaskView, 'status' | 'onTime'> }) => {
  const t = useT();
  const badge = taskBadge(task);
  const c = BADGE_COLORS[badge];
  return (
    <Badge backgroundColor={c.bg} textColor={c.text} data-testid="task-status" data-badge={badge}>
      {t(`tasks.badge.${badge}`)}
    </Badge>
  );
};

/** What happened to a finished task: who, when, on time; or why not. */
const Outcome = ({ task, zone }: { task: TaskView; zone: string }) => {
  const t = useT();
  const who = task.doneBy ?? t('tasks.someone');
  const at = task.doneAt ? clock(task.doneAt, zone) : '';
  let text: string;
  if (task.status === 'done') text = t(task.onTime === false ? 'tasks.outcome.doneLate' : 'tasks.outcome.done', { who, at });
  else if (task.status === 'skipped') {
    const note = skipNote(task.reason);
    text = t('tasks.outcome.skipped', { who: note.who ?? who, reason: note.why });
  } else if (task.status === 'missed') text = t('tasks.outcome.missed');
  else text = t('tasks.outcome.cancelled', { reason: task.reason ?? '' });
  return (
    <Typography variant="pi" textColor="neutral600" tag="p" data-testid="task-outcome" style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Typography>
  );
};

/**
 * One group's task in a slot: the text to paste (each part copyable), then Done or Skip.
 * Finished tasks fold their text away: what is left to do stays short on a phone.
 */
export const TaskRow = ({ task, zone, now, onChanged }: { task: TaskView; zone: string; now: Date; onChanged: () => void }) => {
  const t = useT();
  const post = usePost();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState(false);
  const [skipping, setSkipping] = React.useState(false);
  const open = isOpen(task);
  const markable = canMarkNow(task, now);

  const act = async (action: 'done' | 'skip', body: Record<string, string> = {}): Promise<boolean> => {
    setBusy(true);
    try {
      await post(`/tasks/${task.id}/${action}`, body);
      toggleNotification({
        type: 'success',
        message: t(action === 'done' ? 'tasks.notice.done' : 'tasks.notice.skipped', { group: task.group.name }),
      });
      onChanged();
      return true;
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      paddingTop={3}
      paddingBottom={3}
      borderColor="neutral150"
      borderStyle="solid"
      borderWidth="1px 0 0 0"
      data-testid="task"
      data-task-id={task.id}
      data-group={task.group.slug}
      data-status={task.status}
    >
      <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
        <Typography fontWeight="bold" tag="h4" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
          {task.group.name}
        </Typography>
        <Box style={{ flexShrink: 0 }}>
          <TaskBadgeView task={task} />
        </Box>
      </Flex>

      {open && (
        <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
          {task.problem ? (
            <Typography textColor="danger600" tag="p" data-testid="task-problem" style={{ overflowWrap: 'anywhere' }}>
              {t('tasks.problem', { problem: task.problem })}
            </Typography>
          ) : (
            task.parts.map((part, i) => <CopyPart key={i} text={part} index={i + 1} count={task.parts.length} />)
          )}
          <Flex gap={2} wrap="wrap">
            {!task.problem && (
              <Button size="L" disabled={!markable} loading={busy} onClick={() => act('done')} data-testid="task-done">
                {t('tasks.done')}
              </Button>
            )}
            <Button size="L" variant="tertiary" disabled={!markable || busy} onClick={() => setSkipping(true)} data-testid="task-skip">
              {t('tasks.skip')}
            </Button>
          </Flex>
          {!markable && (
            <Typography variant="pi" textColor="neutral600" tag="p">
              {t('tasks.markableFrom', { time: clock(markableFrom(task.dueAt), zone) })}
            </Typography>
          )}
        </Flex>
      )}
      {!open && (
        <Box paddingTop={1}>
          <Outcome task={task} zone={zone} />
        </Box>
      )}
      {skipping && (
        <SkipDialog groupName={task.group.name} onSkip={(reason) => act('skip', { reason })} onClose={() => setSkipping(false)} />
      )}
    </Box>
  );
};
