import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Check, Duplicate } from '@strapi/icons';
import { copyText } from '../utils/clipboard';
import { useT } from '../utils/translate';

/**
 * One part of a task's text as it will be pasted, with a one-tap Copy. The text wraps
 * anywhere (long Chinese lines, URLs) so a phone never scrolls sideways.
 */
export const CopyPart = ({ text, index, count }: { text: string; index: number; count: number }) => {
  const t = useT();
  const [state, setState] = React.useState<'idle' | 'copied' | 'failed'>('idle');
  React.useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  const label = count > 1 ? t('tasks.copyPart', { index, count }) : t('tasks.copy');
  return (
    <Box background="neutral100" hasRadius padding={3} data-testid="task-part" data-index={index}>
      {count > 1 && (
        <Typography variant="sigma" textColor="neutral600" tag="p">
          {t('tasks.part', { index, count })}
        </Typography>
      )}
      <Typography
        tag="p"
        data-testid="task-part-text"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', wordBreak: 'break-word', lineHeight: 1.6 }}
      >
        {text}
      </Typography>
      <Flex paddingTop={2} gap={2} alignItems="center" wrap="wrap">
        <Button
          size="L"
          variant={state === 'copied' ? 'success-light' : 'secondary'}
          startIcon={state === 'copied' ? <Check /> : <Duplicate />}
          onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
          data-testid="task-copy"
          aria-live="polite"
        >
          {state === 'copied' ? t('tasks.copied') : label}
        </Button>
        {state === 'failed' && (
          <Typography variant="pi" textColor="danger600">
            {t('tasks.copyFailed')}
          </Typography>
        )}
      </Flex>
    </Box>
  );
};
