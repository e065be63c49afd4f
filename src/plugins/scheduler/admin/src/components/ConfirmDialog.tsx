import * as React from 'react';
import { Button, Dialog } from '@strapi/design-system';
import { useT } from '../utils/translate';

/**
 * "Are you sure?" before an action that cannot be taken back (marking a whole slot done,
 * replacing the calendar link). The action is a plain button, not Dialog.Action, so the
 * dialog stays open (with a spinner) until the request is answered.
 */
export const ConfirmDialog = ({
  title,
  body,
  confirm,
  variant = 'default',
  onConfirm,
  onClose,
  testId,
}: {
  title: string;
  body: string;
  confirm: string;
  variant?: 'default' | 'danger';
  onConfirm: () => Promise<void>;
  onClose: () => void;
  testId: string;
}) => {
  const t = useT();
  const [busy, setBusy] = React.useState(false);
  return (
    <Dialog.Root open onOpenChange={(open: boolean) => !open && !busy && onClose()}>
      <Dialog.Content data-testid={testId}>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body>
          <Dialog.Description style={{ overflowWrap: 'anywhere' }}>{body}</Dialog.Description>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary" size="L" fullWidth disabled={busy}>
              {t('common.cancel')}
            </Button>
          </Dialog.Cancel>
          <Button
            variant={variant}
            size="L"
            fullWidth
            loading={busy}
            data-testid={`${testId}-confirm`}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
              } finally {
                setBusy(false);
              }
              onClose();
            }}
          >
            {confirm}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
