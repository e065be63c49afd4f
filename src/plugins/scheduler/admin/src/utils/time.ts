import { DateTime } from 'luxon';

/** The viewer's own zone (the browser's), e.g. "Europe/Berlin". */
export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const inZone = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);

/** "08:00" */
export const clock = (iso: string, zone: string) => inZone(iso, zone).toFormat('HH:mm');

/** "2026-11-23 08:00 (Asia/Shanghai)" */
export const full = (iso: string, zone: string) => `${inZone(iso, zone).toFormat('yyyy-MM-dd HH:mm')} (${zone})`;
