import * as React from 'react';
import { Box, Button, Flex, Modal, Typography, Loader } from '@strapi/design-system';
import { useNotification } from '@strapi/admin/strapi-admin';
import { errorMessage, useGet, usePost } from '../utils/api';
import { useT } from '../utils/translate';
import { full } from '../utils/time';
import { StatusBadge } from './StatusBadge';
import type { CalendarPost } from '../types';

interface Detail extends CalendarPost {
  id: string;
  origin: { kind: string; id: string | null };
  scheduledFor: string;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  sentAt: string | null;
  reason: string | null;
  lastError: string | null;
  missingAction?: 'skipped' | 'fallback' | 'held' | null;
  rendition: { asSent: boolean; parts: { format?: string; url?: string; body: string }[]; reason?: string };
}

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex gap={2} alignItems="flex-start">
    <Box minWidth="16rem">
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
    </Box>
    <Typography variant="omega">{children}</Typography>
  </Flex>
);

/** Where and when a post goes: the rows the planned and the upcoming detail share. */
const PostFacts = ({ post, zone }: { post: CalendarPost; zone: string }) => {
  const t = useT();
  return (
    <>
      <Row label={t('detail.status')}>
        <StatusBadge status={post.status} />
      </Row>
      <Row label={t('detail.group')}>{`${post.groupName} (${post.group}, ${post.groupTimezone})`}</Row>
      <Row label={t('detail.local')}>
        <span data-testid="post-local">{full(post.dueAt, zone)}</span>
      </Row>
      <Row label={t('detail.utc')}>
        <span data-testid="post-utc">{post.dueAt.replace('.000Z', 'Z')}</span>
      </Row>
    </>
  );
};

/** The dialog both details open in; `actions` sit beside Close. */
const DetailModal = ({
  title,
  onClose,
  actions,
  children,
}: {
  title: string;
  onClose: () => void;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) => {
  const t = useT();
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content data-testid="post-detail">
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.close')}</Button>
          </Modal.Close>
          {actions}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** A requests' JSON body shown as what the group will read: its text/markdown content when there is one. */
function readable(body: string): string {
  try {
    const json = JSON.parse(body);
    return json?.content?.text ?? json?.markdown?.content ?? json?.text?.content ?? json?.text ?? body;
  } catch {
    return body;
  }
}

/** One post: where, when (local and UTC), what exactly, how it went; and the operator's actions. */
export const PostDetail = ({
  id,
  zone,
  onClose,
  onChanged,
}: {
  id: string;
  zone: 'group' | string;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const t = useT();
  const post = usePost();
  const { toggleNotification } = useNotification();
  const { data, error, loading, reload } = useGet<Detail>(`/deliveries/${id}`);
  const [busy, setBusy] = React.useState<string | null>(null);

  const act = async (action: 'retry' | 'cancel' | 'send-now', done: string) => {
    setBusy(action);
    try {
      await post(`/deliveries/${id}/${action}`);
      toggleNotification({ type: 'success', message: t(done) });
      reload();
      onChanged();
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const shownZone = data ? (zone === 'group' ? data.groupTimezone : zone) : 'UTC';
  const actions = data && (
    <Flex gap={2}>
      {['planned', 'failed'].includes(data.status) && (
        <Button
          variant="danger-light"
          loading={busy === 'cancel'}
          onClick={() => act('cancel', 'detail.done.cancel')}
          data-testid="post-cancel"
        >
          {t('detail.cancel')}
        </Button>
      )}
      {['failed', 'dead', 'cancelled', 'skipped'].includes(data.status) && (
        <Button variant="secondary" loading={busy === 'retry'} onClick={() => act('retry', 'detail.done.retry')} data-testid="post-retry">
          {t('detail.retry')}
        </Button>
      )}
      {['planned', 'failed'].includes(data.status) && (
        <Button loading={busy === 'send-now'} onClick={() => act('send-now', 'detail.done.sendNow')} data-testid="post-send-now">
          {t('detail.sendNow')}
        </Button>
      )}
      <Button variant="tertiary" onClick={reload} data-testid="post-refresh">
        {t('common.refresh')}
      </Button>
    </Flex>
  );
  return (
    <DetailModal title={data ? t('detail.title', { group: data.groupName }) : t('common.loading')} onClose={onClose} actions={actions}>
      {loading && !data && <Loader small>{t('common.loading')}</Loader>}
      {error && <Typography textColor="danger600">{t('common.error', { message: error })}</Typography>}
      {data && (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <PostFacts post={data} zone={shownZone} />
          {data.scheduledFor !== data.dueAt && <Row label={t('detail.scheduledFor')}>{full(data.scheduledFor, shownZone)}</Row>}
          <Row label={t('detail.source')}>{`${t(`source.${data.source}`)}${data.title ? ` · ${data.title}` : ''}`}</Row>
          <Row label={t('detail.origin')}>{`${data.origin.kind}${data.origin.id ? ` ${data.origin.id}` : ''}`}</Row>
          <Row label={t('detail.attempts')}>{`${data.attempts} / ${data.maxAttempts}`}</Row>
          {data.nextAttemptAt && data.status === 'failed' && (
            <Row label={t('detail.nextAttempt')}>{full(data.nextAttemptAt, shownZone)}</Row>
          )}
          {data.sentAt && <Row label={t('detail.sentAt')}>{full(data.sentAt, shownZone)}</Row>}
          {data.lastError && (
            <Row label={t('detail.lastError')}>
              <span data-testid="post-error">{data.lastError}</span>
            </Row>
          )}
          {data.missingAction && (
            <Row label={t('detail.missingAction')}>
              <span data-testid="post-missing-action">{t(`detail.missingAction.${data.missingAction}`)}</span>
            </Row>
          )}
          {data.reason && <Row label={t('detail.reason')}>{data.reason}</Row>}
          <Box>
            <Typography variant="sigma" textColor="neutral600">
              {data.rendition.asSent ? t('detail.rendition.sent') : t('detail.rendition.planned')}
            </Typography>
            {data.rendition.parts.length === 0 && (
              <Typography tag="p">{t('detail.rendition.none', { reason: data.rendition.reason ?? '' })}</Typography>
            )}
            {data.rendition.parts.map((part, i) => {
              // Parts are numbered within their format (a webhook gets text, html and markdown at once).
              const same = data.rendition.parts.filter((q) => q.format === part.format);
              const index = same.indexOf(part) + 1;
              return (
                <Box key={i} marginTop={2} padding={3} background="neutral100" hasRadius data-testid="post-rendition">
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    {[part.format, part.url, same.length > 1 ? t('detail.part', { index, count: same.length }) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                  <Typography
                    tag="pre"
                    style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'monospace', fontSize: '1.2rem' }}
                  >
                    {data.rendition.asSent ? readable(part.body) : part.body}
                  </Typography>
                </Box>
              );
            })}
          </Box>
        </Flex>
      )}
    </DetailModal>
  );
};

/** A post beyond the planner's horizon: when and where it will go; actions come once it is planned. */
export const UpcomingDetail = ({
  post,
  zone,
  horizonHours,
  onClose,
}: {
  post: CalendarPost;
  zone: string;
  horizonHours: number;
  onClose: () => void;
}) => {
  const t = useT();
  return (
    <DetailModal title={t('detail.title', { group: post.groupName })} onClose={onClose}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <PostFacts post={post} zone={zone} />
        <Row label={t('detail.source')}>{`${t(`source.${post.source}`)}${post.title ? ` · ${post.title}` : ''}`}</Row>
        <Typography variant="pi" textColor="neutral600">
          {t('detail.upcoming', { hours: horizonHours })}
        </Typography>
      </Flex>
    </DetailModal>
  );
};
