import { Calendar, CheckCircle, WarningCircle, Clock, FileError } from '@strapi/icons';
import type { StrapiApp } from '@strapi/admin/strapi-admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { PLUGIN_ID } from './pluginId';
import { tid } from './utils/translate';
import { SchedulePanel } from './components/SchedulePanel';
import { ContentPreviewPanel } from './components/ContentPreviewPanel';
import { GroupTimelinePanel } from './components/GroupTimelinePanel';
import { AudiencePanel } from './components/AudiencePanel';
import { PrefillPanel } from './components/PrefillPanel';
import { PublishAtPanel } from './components/PublishAtPanel';

const READ = [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }];

/** Admin side of the scheduler: the calendar and tasks pages, edit-view panels, homepage widgets, translations. */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });

    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Calendar,
      intlLabel: { id: tid('plugin.name'), defaultMessage: 'Publishing calendar' },
      permissions: READ,
      Component: () => import('./pages/App'),
      position: 2,
    });

    // Its own menu entry: operators open it on their phones and should not have to find it in the calendar.
    // The more specific path wins over the calendar's `plugins/scheduler/*` route, so it renders the page itself.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/tasks`,
      icon: CheckCircle,
      intlLabel: { id: tid('tasks.menu'), defaultMessage: 'Tasks' },
      permissions: READ,
      Component: () => import('./pages/TasksPage'),
      position: 3,
    });

    app.widgets.register([
      {
        id: 'next-posts',
        pluginId: PLUGIN_ID,
        icon: Clock,
        title: { id: tid('widget.next.title'), defaultMessage: 'Next posts' },
        link: { label: { id: tid('widget.next.link'), defaultMessage: 'Open the calendar' }, href: `/plugins/${PLUGIN_ID}` },
        component: async () => (await import('./widgets/NextPostsWidget')).default,
        permissions: READ,
      },
      {
        id: 'needs-attention',
        pluginId: PLUGIN_ID,
        icon: WarningCircle,
        title: { id: tid('widget.attention.title'), defaultMessage: 'Needs attention' },
        link: { label: { id: tid('widget.next.link'), defaultMessage: 'Open the calendar' }, href: `/plugins/${PLUGIN_ID}` },
        component: async () => (await import('./widgets/NeedsAttentionWidget')).default,
        permissions: READ,
      },
      {
        id: 'content-due',
        pluginId: PLUGIN_ID,
        icon: FileError,
        title: { id: tid('widget.due.title'), defaultMessage: 'Content due soon' },
        link: { label: { id: tid('widget.next.link'), defaultMessage: 'Open the calendar' }, href: `/plugins/${PLUGIN_ID}` },
        component: async () => (await import('./widgets/ContentDueWidget')).default,
        permissions: READ,
      },
    ]);
  },

  bootstrap(app: StrapiApp) {
    const apis = app.getPlugin('content-manager').apis as ContentManagerPlugin['config']['apis'];
    apis.addEditViewSidePanel([SchedulePanel, ContentPreviewPanel, GroupTimelinePanel, AudiencePanel, PublishAtPanel, PrefillPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [tid(k), v])), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
