import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/admin/strapi-admin';
import { PLUGIN_ID } from '../pluginId';
import { errorMessage, errorStatus, useDelete, usePost } from '../utils/api';
import { copyText } from '../utils/clipboard';
import { useT } from '../utils/translate';
import { ConfirmDialog } from './ConfirmDialog';

interface FeedState {
  active: boolean;
  createdAt: string | null;
}

/**
 * The admin's personal calendar link (iCalendar feed of their task slots): a phone's
 * calendar subscribed to it reminds them at each slot, even with the admin closed. The URL
 * carries the secret, so the server shows it once, when it is made. A server without the
 * feed route (404) hides the section: the page works without it.
 */
export const CalendarFeedSection = () => {
  const t = useT();
  const { get } = useFetchClient();
  const post = usePost();
  const del = useDelete();
  const { toggleNotification } = useNotification();
  const [state, setState] = React.useState<FeedState | null>(null);
  const [hidden, setHidden] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [url, setUrl] = React.useState<string | null>(null);
  const [copied, setCopied] = React.useState(false);
  const [confirm, setConfirm] = React.useState<'replace' | 'revoke' | null>(null);

  React.useEffect(() => {
    let live = true;
    get(`/${PLUGIN_ID}/tasks/feed`)
      .then((res) => live && setState(((res.data as { data?: FeedState }).data ?? null) as FeedState | null))
      .catch((err: unknown) => {
        if (!live) return;
        if (errorStatus(err) === 404) setHidden(true);
        else setError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [get]);

  if (hidden) return null;

  const create = async () => {
    try {
      const res = await post<{ url: string; createdAt: string }>('/tasks/feed');
      setUrl(res.url);
      setState({ active: true, createdAt: res.createdAt });
      setCopied(false);
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    }
  };
  const revoke = async () => {
    try {
      await del('/tasks/feed');
      setUrl(null);
      setState({ active: false, createdAt: null });
      toggleNotification({ type: 'success', message: t('tasks.feed.revoked') });
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    }
  };

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} data-testid="task-feed">
      <Typography variant="delta" tag="h2">
        {t('tasks.feed.title')}
      </Typography>
      <Typography tag="p" textColor="neutral700" paddingTop={1}>
        {t('tasks.feed.explain')}
      </Typography>
      {error && (
        <Typography tag="p" textColor="danger600">
          {t('common.error', { message: error })}
        </Typography>
      )}
      {url && (
        <Box background="neutral100" hasRadius padding={3} marginTop={3}>
          <Typography tag="p" data-testid="task-feed-url" style={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }}>
            {url}
          </Typography>
          <Typography variant="pi" tag="p" textColor="warning700" paddingTop={1}>
            {t('tasks.feed.onlyNow')}
          </Typography>
          <Box paddingTop={2}>
            <Button
              size="L"
              variant={copied ? 'success-light' : 'secondary'}
              onClick={async () => setCopied(await copyText(url))}
              data-testid="task-feed-copy"
            >
              {copied ? t('tasks.copied') : t('tasks.feed.copy')}
            </Button>
          </Box>
        </Box>
      )}
      {state && (
        <Flex gap={2} wrap="wrap" paddingTop={3} alignItems="center">
          {state.active && !url && state.createdAt && (
            <Typography tag="p" variant="pi" textColor="neutral600" style={{ width: '100%' }}>
              {t('tasks.feed.active', { date: new Date(state.createdAt).toLocaleDateString() })}
            </Typography>
          )}
          {!state.active ? (
            <Button size="L" onClick={create} data-testid="task-feed-create">
              {t('tasks.feed.create')}
            </Button>
          ) : (
            <>
              <Button size="L" variant="secondary" onClick={() => setConfirm('replace')} data-testid="task-feed-replace">
                {t('tasks.feed.replace')}
              </Button>
              <Button size="L" variant="danger-light" onClick={() => setConfirm('revoke')} data-testid="task-feed-revoke">
                {t('tasks.feed.revoke')}
              </Button>
            </>
          )}
        </Flex>
      )}
      {confirm && (
        <ConfirmDialog
          testId="task-feed-confirm"
          title={confirm === 'replace' ? t('tasks.feed.replace') : t('tasks.feed.revoke')}
          body={t('tasks.feed.confirm')}
          confirm={confirm === 'replace' ? t('tasks.feed.replace') : t('tasks.feed.revoke')}
          variant="danger"
          onConfirm={confirm === 'replace' ? create : revoke}
          onClose={() => setConfirm(null)}
        />
      )}
    </Box>
  );
};
