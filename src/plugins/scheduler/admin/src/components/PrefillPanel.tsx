import * as React from 'react';
import { useLocation } from 'react-router-dom';
import { useForm } from '@strapi/admin/strapi-admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { AUDIENCE_MODELS, readPrefill } from '../lib/readiness';

/**
 * Strapi 5's create view starts from the schema's defaults only (useDocument's
 * getInitialFormValues: createDefaultForm, no query or location state), so a "write it"
 * link from the Content due soon widget carries `?prefill={"date":…,"edition":…}` and this
 * panel, which shows nothing, writes those fields into the form once through useForm's
 * onChange. Only on a create view (no documentId) of a report, topic or lesson; the locale
 * is the content manager's own `plugins[i18n][locale]`.
 */
export const PrefillPanel: PanelComponent = ({ model, documentId }) => {
  const { search } = useLocation();
  const onChange = useForm('PrefillPanel', (s) => s.onChange);
  const done = React.useRef<string | null>(null);
  const creating = !documentId && AUDIENCE_MODELS.includes(model);
  React.useEffect(() => {
    if (!creating || done.current === search) return;
    const prefill = readPrefill(search);
    done.current = search;
    if (!prefill) return;
    for (const [field, value] of Object.entries(prefill)) onChange(field, value);
  }, [creating, search, onChange]);
  return null;
};
