import { IANAZone } from 'luxon';

/** True for IANA zone names luxon (the platform's ICU data) knows, e.g. `Asia/Shanghai`. */
export function isValidTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.trim() !== '' && zone === zone.trim() && IANAZone.isValidZone(zone);
}
