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
import {
  CALENDARS,
  DAYS,
  FESTIVAL_IDS,
  PRESET_KINDS,
  presetToSchedule,
  ruleToPreset,
  type Calendar,
  type Day,
  type Festival,
  type Preset,
  type PresetKind,
} from '../lib/presets';
import { errorMessage, useDebounced, useLivePost } from '../utils/api';
import { useEnZh, useT } from '../utils/translate';
import { MODELS } from '../pluginId';
import { relationEdit } from './relations';

interface Occurrence {
  utc: string;
  local: string;
  quiet: null | { action: 'defer' | 'skip'; window: string; movedTo?: { local: string } };
}
type EnZh = { en: string; zh: string };
/** A day the schedule's calendar changes (upcoming, at most 30 over the next 366 days). */
interface Adjustment {
  date: string;
  change: 'skipped' | 'added';
  reason: EnZh;
  text: EnZh;
}
interface CalendarWarning extends EnZh {
  code: 'holiday-data-missing';
  year: number;
}
/** The calendar notes of one target (absent from a server without calendars). */
interface CalendarNotes {
  adjustments?: Adjustment[];
  warnings?: CalendarWarning[];
}
interface Preview {
  description: EnZh;
  calendar?: Calendar;
  targets: ({
    group: { slug: string; name: string; timezone: string };
    timezone: string;
    occurrences: Occurrence[];
  } & CalendarNotes)[];
  withoutTargets: null | ({ timezone: string; occurrences: Occurrence[] } & CalendarNotes);
}

const DAY_KEYS: Record<Day, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };
/** "2026-11-23T08:00:00.000+08:00" → "Mon 2026-11-23 08:00" (the wall clock as the server gave it). */
const localLabel = (iso: string, weekday: (n: number) => string) =>
  `${weekday(weekdayOf(iso.slice(0, 10)))} ${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** What a preset writes, as a comparable string ('' when it writes nothing or is not valid yet). */
const written = (p: Preset, calendar: Calendar) => {
  try {
    return JSON.stringify(presetToSchedule(p, calendar));
  } catch {
    return '';
  }
};

const PresetEditor = ({
  rule,
  calendar,
  onWrite,
}: {
  rule: string;
  calendar: Calendar;
  onWrite: (next: { rule: string; calendar: Calendar }) => void;
}) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [preset, setPreset] = React.useState<Preset>(() => ruleToPreset(rule, calendar));
  // A rule typed by hand (or loaded), with the calendar chosen in the form, shows as its preset.
  React.useEffect(() => {
    const recognised = ruleToPreset(rule, calendar);
    if (recognised.kind !== 'custom' && written(recognised, calendar) !== written(preset, calendar)) setPreset(recognised);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rule, calendar]);
  const set = (over: Partial<Preset>) => setPreset((p) => ({ ...p, ...over }));

  const apply = () => {
    try {
      const next = presetToSchedule(preset, calendar);
      if (next) {
        onWrite(next);
        const message =
          next.calendar === calendar
            ? t('schedule.applied', { rule: next.rule })
            : calendar === 'cn-workdays' && next.calendar === 'none' && preset.kind !== 'lunar'
              ? t('schedule.applied.workdaysReset', { rule: next.rule })
              : t('schedule.applied.calendar', { rule: next.rule, calendar: t(`schedule.calendar.${next.calendar}`) });
        toggleNotification({ type: 'info', message });
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
          {preset.kind === 'lunar' && (
            <Field.Root name="schedule-preset-festival" data-testid="schedule-preset-festival">
              <Field.Label>{t('schedule.festival')}</Field.Label>
              <SingleSelect value={preset.festival} onChange={(v: string | number) => set({ festival: v as Festival })}>
                {FESTIVAL_IDS.map((f) => (
                  <SingleSelectOption key={f} value={f} data-testid={`schedule-festival-${f}`}>
                    {t(`schedule.festival.${f}`)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
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

const ADJUSTMENTS_SHOWN = 10;

/** What the schedule's calendar does to one target: missing holiday data, then the days it skips or adds. */
const CalendarNotesView = ({ notes }: { notes: CalendarNotes }) => {
  const t = useT();
  const enZh = useEnZh();
  const warnings = notes.warnings ?? [];
  const adjustments = notes.adjustments ?? [];
  if (!warnings.length && !adjustments.length) return null;
  const more = adjustments.length - ADJUSTMENTS_SHOWN;
  return (
    <Flex direction="column" alignItems="stretch" gap={1} paddingTop={1}>
      {warnings.length > 0 && (
        <Box padding={2} background="warning100" hasRadius data-testid="schedule-preview-calendar-warning">
          {warnings.map((w) => (
            <Typography key={`${w.code}-${w.year}`} tag="p" variant="pi" textColor="warning700" data-code={w.code} data-year={w.year}>
              {enZh(w)}
            </Typography>
          ))}
        </Box>
      )}
      {adjustments.length > 0 && (
        <Box data-testid="schedule-preview-adjustments">
          <Typography variant="pi" fontWeight="bold" textColor="neutral600">
            {t('schedule.adjustments')}
          </Typography>
          <Box tag="ul" paddingLeft={0} style={{ listStyle: 'none' }}>
            {adjustments.slice(0, ADJUSTMENTS_SHOWN).map((a) => (
              <Box
                tag="li"
                key={`${a.date}-${a.change}`}
                data-testid="schedule-preview-adjustment"
                data-date={a.date}
                data-change={a.change}
              >
                <Typography variant="pi" textColor={a.change === 'skipped' ? 'neutral600' : 'success600'}>
                  {enZh(a.text)}
                </Typography>
              </Box>
            ))}
          </Box>
          {more > 0 && (
            <Typography variant="pi" textColor="neutral600" data-testid="schedule-preview-adjustments-more">
              {t('schedule.adjustments.more', { count: more })}
            </Typography>
          )}
        </Box>
      )}
    </Flex>
  );
};

/** The schedule's fields the preview reads from the edit form (whose values Strapi types as `object`). */
interface ScheduleFormValues {
  rule?: string | null;
  calendar?: string | null;
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
  const calendar: Calendar = CALENDARS.includes(values.calendar as Calendar) ? (values.calendar as Calendar) : 'none';
  const draft = useDebounced(
    JSON.stringify({
      documentId: documentId ?? null,
      rule: values.rule ?? '',
      // Sent only when set: none is the server's default, and a server without calendars refuses the field.
      ...(calendar !== 'none' && { calendar }),
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
    // minWidth 0 + overflow hidden: a long preset or festival label must not widen the side panel (and the page) past its column.
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      data-testid="schedule-preview"
      style={{ minWidth: 0, maxWidth: '100%', overflow: 'hidden' }}
    >
      <PresetEditor
        rule={values.rule ?? ''}
        calendar={calendar}
        onWrite={(next) => {
          onChange('rule', next.rule);
          if (next.calendar !== calendar) onChange('calendar', next.calendar);
        }}
      />
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
              <CalendarNotesView notes={target} />
              <OccurrenceList items={target.occurrences} />
            </Box>
          ))}
          {preview.withoutTargets && (
            <Box>
              <Typography variant="pi" textColor="neutral600">
                {t('schedule.noTargets', { zone: preview.withoutTargets.timezone })}
              </Typography>
              <CalendarNotesView notes={preview.withoutTargets} />
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
