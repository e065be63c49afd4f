import * as React from 'react';
import { Box, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useForm } from '@strapi/admin/strapi-admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useDebounced, useLivePost } from '../utils/api';
import { useLabel, useT } from '../utils/translate';
import { MODELS } from '../pluginId';

interface Rendition {
  platform: string;
  /** The platform's name in both languages (from the server's platform registry). */
  labels: { en: string; 'zh-Hans': string };
  format: string;
  body: string;
  parts: number;
  size: number;
  limit: { unit: 'bytes' | 'chars'; max: number };
  overLimit: boolean;
}
interface ContentPreview {
  group: { slug: string; name: string; platform: string };
  groups: { slug: string; name: string; platform: string }[];
  empty: boolean;
  unknownPlaceholders: string[];
  knownPlaceholders: string[];
  renditions: Rendition[];
}

/** The entry as each platform will show it, for one group, from the unsaved form. */
const ContentPreviewBody = ({ model, documentId }: { model: string; documentId?: string }) => {
  const t = useT();
  const label = useLabel();
  const values = useForm('ContentPreviewPanel', (s) => s.values) as Record<string, unknown>;
  const [group, setGroup] = React.useState<string | null>(null);
  const locale = new URLSearchParams(window.location.search).get('plugins[i18n][locale]');
  const body = useDebounced(JSON.stringify({ model, data: values, group, documentId: documentId ?? null, locale }), 400);
  const { data: preview, error } = useLivePost<ContentPreview>('/editor/content-preview', body);

  if (error) return <Typography textColor="danger600">{t('common.error', { message: error })}</Typography>;
  if (!preview) return <Typography variant="pi">{t('common.loading')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="content-preview" style={{ minWidth: 0, maxWidth: '100%' }}>
      <Field.Root name="content-preview-group" style={{ minWidth: 0 }}>
        <Field.Label>{t('content.group')}</Field.Label>
        <SingleSelect value={preview.group.slug} onChange={(v: string | number) => setGroup(String(v))}>
          {preview.groups.map((g) => (
            <SingleSelectOption key={g.slug} value={g.slug}>
              {`${g.name} (${g.platform})`}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {preview.unknownPlaceholders.length > 0 && (
        <Box padding={2} background="warning100" hasRadius data-testid="content-unknown-placeholders">
          <Typography variant="pi" textColor="warning700">
            {t('content.unknownPlaceholders', {
              names: preview.unknownPlaceholders.map((n) => `{{${n}}}`).join(', '),
              known: preview.knownPlaceholders.map((n) => `{{${n}}}`).join(', '),
            })}
          </Typography>
        </Box>
      )}
      {preview.empty ? (
        <Typography variant="pi">{t('content.empty')}</Typography>
      ) : (
        preview.renditions.map((r) => (
          <Box key={r.platform} data-testid="content-rendition" data-platform={r.platform}>
            <Flex justifyContent="space-between">
              <Typography variant="sigma">{label(r.labels)}</Typography>
              <Typography variant="pi" textColor={r.overLimit ? 'danger600' : 'neutral600'}>
                {t('content.size', { size: r.size, max: r.limit.max, unit: t(`content.unit.${r.limit.unit}`) })}
              </Typography>
            </Flex>
            {r.overLimit && (
              <Typography variant="pi" textColor="danger600" tag="p" data-testid="content-over-limit">
                {t('content.overLimit', { platform: label(r.labels), parts: r.parts })}
              </Typography>
            )}
            <Box
              padding={2}
              background="neutral100"
              hasRadius
              marginTop={1}
              style={{ maxHeight: '24rem', maxWidth: '100%', overflow: 'auto' }}
            >
              <Typography
                tag="pre"
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'monospace', fontSize: '1.2rem' }}
              >
                {r.body}
              </Typography>
            </Box>
          </Box>
        ))
      )}
    </Flex>
  );
};

export const ContentPreviewPanel: PanelComponent = ({ model, documentId }) => {
  const t = useT();
  if (!(MODELS.content as readonly string[]).includes(model)) return null;
  return { title: t('content.panel.title'), content: <ContentPreviewBody model={model} documentId={documentId} /> };
};
