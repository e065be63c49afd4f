import * as React from 'react';
import { Button, Dialog, Field, Textarea } from '@strapi/design-system';
import { useT } from '../utils/translate';

/** Skipping needs a reason: the team reviews why a group got nothing ("group muted for the live event"). */
export const SkipDialog = ({
  groupName,
  onSkip,
  onClose,
}: {
  groupName: string;
  onSkip: (reason: string) => Promise<boolean>;
  onClose: () => void;
}) => {
  const t = useT();
  const [reason, setReason] = React.useState('');
  const [tried, setTried] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const empty = reason.trim().length === 0;
  const submit = async () => {
    setTried(true);
    if (empty) return;
    setBusy(true);
    const ok = await onSkip(reason.trim());
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Dialog.Root open onOpenChange={(open: boolean) => !open && !busy && onClose()}>
      <Dialog.Content data-testid="task-skip-dialog">
        <Dialog.Header>{t('tasks.skip.title', { group: groupName })}</Dialog.Header>
        <Dialog.Body>
          <Field.Root name="reason" required error={tried && empty ? t('tasks.skip.required') : undefined} width="100%">
            <Field.Label>{t('tasks.skip.reason')}</Field.Label>
            <Textarea
              value={reason}
              maxLength={500}
              placeholder={t('tasks.skip.placeholder')}
              onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)}
              data-testid="task-skip-reason"
            />
            <Field.Error />
          </Field.Root>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary" size="L" fullWidth disabled={busy}>
              {t('common.cancel')}
            </Button>
          </Dialog.Cancel>
          <Button size="L" fullWidth loading={busy} onClick={submit} data-testid="task-skip-confirm">
            {t('tasks.skip')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
