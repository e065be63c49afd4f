import * as React from 'react';
import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useForm, useNotification } from '@strapi/admin/strapi-admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { weekdayOf } from '../lib/period';
import { DAYS, PRESET_KINDS, presetToRule, ruleToPreset, type Day, type Preset, type PresetKind } from '../lib/presets';
import { errorMessage, useDebounced, useLivePost } from '../utils/api';
import { useT } from '../utils/translate';
import { MODELS } from '../pluginId';
import { relationEdit } from './relations';

interface Occurrence {
  utc: string;
  local: string;
  quiet: null | { action: 'defer' | 'skip'; window: string; movedTo?: { local: string } };
}
interface Preview {
  description: { en: string; zh: string };
  targets: { group: { slug: string; name: string; timezone: string }; timezone: string; occurrences: Occurrence[] }[];
  withoutTargets: null | { timezone: string; occurrences: Occurrence[] };
}

const DAY_KEYS: Record<Day, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };
/** "2026-11-23T08:00:00.000+08:00" → "Mon 2026-11-23 08:00" (the wall clock as the server gave it). */
const localLabel = (iso: string, weekday: (n: number) => string) =>
  `${weekday(weekdayOf(iso.slice(0, 10)))} ${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

const PresetEditor = ({ rule, onWrite }: { rule: string; onWrite: (rule: string) => void }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [preset, setPreset] = React.useState<Preset>(() => ruleToPreset(rule));
  // A rule typed by hand (or loaded) shows as its preset.
  React.useEffect(() => {
    const recognised = ruleToPreset(rule);
    if (recognised.kind !== 'custom' && presetToRule(recognised) !== presetToRule(preset)) setPreset(recognised);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rule]);
  const set = (over: Partial<Preset>) => setPreset((p) => ({ ...p, ...over }));

  const apply = () => {
    try {
      const next = presetToRule(preset);
      if (next) {
        onWrite(next);
        toggleNotification({ type: 'info', message: t('schedule.applied', { rule: next }) });
      }
    } catch (err) {
      toggleNotification({ type: 'warning', message: errorMessage(err) });
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Field.Root name="schedule-preset" data-testid="schedule-preset">
        <Field.Label>{t('schedule.preset')}</Field.Label>
        <SingleSelect value={preset.kind} onChange={(v: string | number) => set({ kind: v as PresetKind })}>
          {PRESET_KINDS.map((k) => (
            <SingleSelectOption key={k} value={k} data-testid={`schedule-preset-${k}`}>
              {t(`schedule.preset.${k}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {preset.kind !== 'custom' && (
        <>
          <Field.Root name="schedule-preset-time" data-testid="schedule-preset-time">
            <Field.Label>{t('schedule.time')}</Field.Label>
            <TextInput
              type="time"
              value={preset.time}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ time: e.target.value })}
            />
          </Field.Root>
          {(preset.kind === 'weekly' || preset.kind === 'monthly-last') && (
            <Box>
              <Typography variant="pi" fontWeight="bold">
                {t('schedule.days')}
              </Typography>
              <Flex gap={2} wrap="wrap">
                {DAYS.map((d) => (
                  <Checkbox
                    key={d}
                    checked={preset.days.includes(d)}
                    onCheckedChange={(checked: boolean) =>
                      set({
                        days: preset.kind === 'monthly-last' ? [d] : checked ? [...preset.days, d] : preset.days.filter((x) => x !== d),
                      })
                    }
                  >
                    {t(`calendar.weekday.${DAY_KEYS[d]}`)}
                  </Checkbox>
                ))}
              </Flex>
            </Box>
          )}
          {preset.kind === 'monthly-day' && (
            <Field.Root name="schedule-preset-monthday">
              <Field.Label>{t('schedule.monthDay')}</Field.Label>
              <NumberInput value={preset.monthDay} onValueChange={(v: number | undefined) => set({ monthDay: v ?? 1 })} />
            </Field.Root>
          )}
          {preset.kind === 'every-n-days' && (
            <Field.Root name="schedule-preset-interval">
              <Field.Label>{t('schedule.interval')}</Field.Label>
              <NumberInput value={preset.interval} onValueChange={(v: number | undefined) => set({ interval: v ?? 2 })} />
            </Field.Root>
          )}
          <Button variant="secondary" onClick={apply} data-testid="schedule-preset-apply">
            {t('schedule.apply')}
          </Button>
        </>
      )}
    </Flex>
  );
};

const OccurrenceList = ({ items }: { items: Occurrence[] }) => {
  const t = useT();
  const weekday = (n: number) => t(`calendar.weekday.${n}`);
  return (
    <Box tag="ol" paddingLeft={0} style={{ listStyle: 'none' }}>
      {items.map((o) => (
        <Box tag="li" key={o.utc} paddingTop={1} data-testid="schedule-occurrence" data-utc={o.utc}>
          <Typography
            variant="pi"
            textColor={o.quiet?.action === 'skip' ? 'neutral500' : 'neutral800'}
            style={{ textDecoration: o.quiet?.action === 'skip' ? 'line-through' : undefined }}
          >
            {localLabel(o.local, weekday)}
          </Typography>
          {o.quiet && (
            <Typography variant="pi" textColor="warning600" data-testid="schedule-quiet">
              {' '}
              {o.quiet.action === 'defer'
                ? t('schedule.quiet.defer', { time: o.quiet.movedTo?.local.slice(11, 16) ?? '', window: o.quiet.window })
                : t('schedule.quiet.skip', { window: o.quiet.window })}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
};

/** The schedule's fields the preview reads from the edit form (whose values Strapi types as `object`). */
interface ScheduleFormValues {
  rule?: string | null;
  timezone?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  exceptions?: unknown;
  quietHours?: unknown;
  groups?: unknown;
  tags?: unknown;
}

/** The live preview under the presets: description in both languages, next posts per target group. */
const SchedulePreview = ({ documentId }: { documentId?: string }) => {
  const t = useT();
  const values = useForm('SchedulePanel', (s) => s.values) as ScheduleFormValues;
  const onChange = useForm('SchedulePanel', (s) => s.onChange);
  const draft = useDebounced(
    JSON.stringify({
      documentId: documentId ?? null,
      rule: values.rule ?? '',
      timezone: values.timezone || null,
      startsAt: values.startsAt || null,
      endsAt: values.endsAt || null,
      exceptions: values.exceptions ?? null,
      quietHours: values.quietHours || null,
      groups: relationEdit(values.groups),
      tags: relationEdit(values.tags),
    }),
    350
  );
  const hasRule = String(JSON.parse(draft).rule).trim() !== '';
  const { data: preview, error } = useLivePost<Preview>('/editor/schedule-preview', hasRule ? draft : null);

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="schedule-preview">
      <PresetEditor rule={values.rule ?? ''} onWrite={(rule) => onChange('rule', rule)} />
      {!String(values.rule ?? '').trim() && <Typography variant="pi">{t('schedule.emptyRule')}</Typography>}
      {error && (
        <Box padding={2} background="danger100" hasRadius data-testid="schedule-preview-error">
          <Typography variant="pi" textColor="danger700">
            {t('schedule.error', { message: error })}
          </Typography>
        </Box>
      )}
      {preview && !error && (
        <>
          <Box>
            <Typography variant="sigma" textColor="neutral600">
              {t('schedule.description')}
            </Typography>
            <Typography tag="p" variant="omega" data-testid="schedule-description-en">
              {preview.description.en}
            </Typography>
            <Typography tag="p" variant="omega" data-testid="schedule-description-zh">
              {preview.description.zh}
            </Typography>
          </Box>
          <Typography variant="sigma" textColor="neutral600">
            {t('schedule.next', { count: 10 })}
          </Typography>
          {preview.targets.map((target) => (
            <Box key={target.group.slug} data-testid="schedule-target" data-group={target.group.slug}>
              <Typography variant="pi" fontWeight="bold">
                {target.group.name} · {target.timezone}
              </Typography>
              <OccurrenceList items={target.occurrences} />
            </Box>
          ))}
          {preview.withoutTargets && (
            <Box>
              <Typography variant="pi" textColor="neutral600">
                {t('schedule.noTargets', { zone: preview.withoutTargets.timezone })}
              </Typography>
              <OccurrenceList items={preview.withoutTargets.occurrences} />
            </Box>
          )}
        </>
      )}
    </Flex>
  );
};

export const SchedulePanel: PanelComponent = ({ model, documentId }) => {
  const t = useT();
  if (model !== MODELS.schedule) return null;
  return { title: t('schedule.panel.title'), content: <SchedulePreview documentId={documentId} /> };
};
