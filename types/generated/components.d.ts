import type { Schema, Struct } from '@strapi/strapi';

export interface CourseReminder extends Struct.ComponentSchema {
  collectionName: 'components_course_reminders';
  info: {
    description: 'A reminder posted before a live class';
    displayName: 'Class reminder';
    icon: 'clock';
  };
  attributes: {
    minutesBefore: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 10080;
          min: 0;
        },
        number
      >;
    text: Schema.Attribute.RichText & Schema.Attribute.Required;
  };
}

export interface GroupQuietWindow extends Struct.ComponentSchema {
  collectionName: 'components_group_quiet_windows';
  info: {
    description: 'Local times when nothing is posted (may wrap midnight)';
    displayName: 'Quiet window';
    icon: 'moon';
  };
  attributes: {
    end: Schema.Attribute.Time & Schema.Attribute.Required;
    start: Schema.Attribute.Time & Schema.Attribute.Required;
  };
}

export interface PlaybookStep extends Struct.ComponentSchema {
  collectionName: 'components_playbook_steps';
  info: {
    description: 'One post on the SOP timeline, relative to the cohort start (Day 0)';
    displayName: 'Playbook step';
    icon: 'calendar';
  };
  attributes: {
    calendar: Schema.Attribute.Enumeration<['none', 'cn-workdays', 'cn-no-holidays']> & Schema.Attribute.DefaultTo<'none'>;
    day: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 3650;
          min: -365;
        },
        number
      >;
    fallbackText: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 4000;
      }>;
    holdMinutes: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 1440;
          min: 1;
        },
        number
      > &
      Schema.Attribute.DefaultTo<60>;
    rule: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
    source: Schema.Attribute.Enumeration<
      ['text', 'morning-report', 'evening-report', 'daily-topic', 'lesson', 'lesson-reminder', 'welcome-rules']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'text'>;
    text: Schema.Attribute.RichText;
    time: Schema.Attribute.Time & Schema.Attribute.Required;
    title: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    whenMissing: Schema.Attribute.Enumeration<['skip', 'fallback', 'hold']> & Schema.Attribute.DefaultTo<'skip'>;
  };
}

export interface ReportItem extends Struct.ComponentSchema {
  collectionName: 'components_report_items';
  info: {
    description: 'One news or knowledge item of a daily report';
    displayName: 'Report item';
    icon: 'bulletList';
  };
  attributes: {
    link: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
    summary: Schema.Attribute.RichText;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'course.reminder': CourseReminder;
      'group.quiet-window': GroupQuietWindow;
      'playbook.step': PlaybookStep;
      'report.item': ReportItem;
    }
  }
}
