import * as React from 'react';
import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { DateTime } from 'luxon';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { errorMessage, useDelete, useGet, usePost } from '../utils/api';
import { full, viewerZone } from '../utils/time';
import { useT } from '../utils/translate';

/** Editorial types with draft & publish (the server checks again: a 400 naming `uid`). */
export const PUBLISHABLE = [
  'api::daily-report.daily-report',
  'api::daily-topic.daily-topic',
  'api::lesson.lesson',
  'api::course.course',
  'api::welcome-script.welcome-script',
  'api::playbook.playbook',
];

interface Publication {
  id: number;
  action: 'publish' | 'unpublish';
  at: string;
  status: string;
  reason: string | null;
}

/** This entry's publications in this locale, and a time (the editor's zone) to publish or unpublish at. */
const PublishAtBody = ({ model, documentId }: { model: string; documentId: string }) => {
  const t = useT();
  const zone = viewerZone();
  const locale = new URLSearchParams(window.location.search).get('plugins[i18n][locale]');
  const query = `?uid=${encodeURIComponent(model)}&documentId=${encodeURIComponent(documentId)}${locale ? `&locale=${encodeURIComponent(locale)}` : ''}`;
  const { data, error, reload } = useGet<Publication[]>(`/publications${query}`);
  const post = usePost();
  const del = useDelete();
  const [when, setWhen] = React.useState('');
  const [problem, setProblem] = React.useState<string | null>(null);

  const schedule = async (action: Publication['action']) => {
    // The input is wall-clock time in the editor's zone; the server gets the instant with its offset.
    const at = DateTime.fromISO(when, { zone });
    if (!at.isValid) return setProblem(t('publish.invalid'));
    try {
      await post('/publications', { uid: model, documentId, locale, action, at: at.toISO() });
      setProblem(null);
      setWhen('');
      reload();
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  const cancel = async (id: number) => {
    try {
      await del(`/publications/${id}`);
      reload();
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="publish-at">
      {error && <Typography textColor="danger600">{t('common.error', { message: error })}</Typography>}
      {(data ?? []).map((p) => (
        <Flex key={p.id} justifyContent="space-between" gap={2} data-testid="publish-at-row">
          <Typography variant="pi">
            {t(`publish.action.${p.action}`)} · {full(p.at, zone)} · {t(`publish.status.${p.status}`)}
            {p.reason ? ` (${p.reason})` : ''}
          </Typography>
          {p.status === 'planned' && (
            <Button variant="tertiary" size="S" onClick={() => cancel(p.id)}>
              {t('common.cancel')}
            </Button>
          )}
        </Flex>
      ))}
      <Field.Root name="publish-at" hint={t('publish.zone', { zone })}>
        <Field.Label>{t('publish.when')}</Field.Label>
        <TextInput type="datetime-local" value={when} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setWhen(e.target.value)} />
        <Field.Hint />
      </Field.Root>
      <Flex gap={2}>
        <Button size="S" disabled={!when} onClick={() => schedule('publish')}>
          {t('publish.publishAt')}
        </Button>
        <Button size="S" variant="secondary" disabled={!when} onClick={() => schedule('unpublish')}>
          {t('publish.unpublishAt')}
        </Button>
      </Flex>
      {problem && <Typography textColor="danger600">{problem}</Typography>}
    </Flex>
  );
};

export const PublishAtPanel: PanelComponent = ({ model, documentId }) => {
  const t = useT();
  if (!PUBLISHABLE.includes(model) || !documentId) return null;
  return { title: t('publish.panel.title'), content: <PublishAtBody model={model} documentId={documentId} /> };
};
