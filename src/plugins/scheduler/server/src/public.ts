/**
 * What the app (src/api, src/document-middlewares, src/seed) may use of the plugin: the one
 * place they meet. Everything else in the plugin is its own business.
 */
import { getPlatform, platformIds } from './platforms/registry';
import type { FieldProblem } from './platforms/types';
import type { ServiceName, ServiceOf } from './utils/get-service';

/** The plugin's services, typed (the app's controllers reach them here). */
export { getService } from './utils/get-service';

export { findPlaceholders, KNOWN_PLACEHOLDERS } from './rendering/placeholders';
export { RecurrenceError, checkRuleCalendar } from './recurrence';
export { parseBlock } from './recurrence/parse';
export { seal, open, isSealed, isCurrent, reseal, keyId, sealedKeyId, type Keyring } from './secrets/secret-box';
export { keyringFromEnv, groupAad, type SealedGroupField } from './secrets/keyring';
export { validateDayQuery, validateJoin, validateResolveQuery } from './controllers/validation/renditions';
export { platformIds };
export type { FieldProblem, ServiceName, ServiceOf };

/**
 * Checks a group's `endpoint` and `secret` for its platform on save (values as given, null
 * when absent); the problem names the field. An unknown platform is left to the schema's
 * own enumeration check.
 */
export function deliveryFieldsProblem(
  platform: string,
  fields: { endpoint: string | null; secret: string | null; signingSecret?: string | null }
): FieldProblem | null {
  return getPlatform(platform)?.validate(fields) ?? null;
}

/** A made-up credential shaped like the platform's real ones (demo groups), or null. */
export function demoSecret(platform: string, random: Buffer): string | null {
  return getPlatform(platform)?.demoSecret(random) ?? null;
}
