/**
 * `npm run secrets:reseal`: every group's sealed values moved to the current key (and the
 * current format, bound to the row). Safe while the app runs: each row is written with a
 * compare-and-set on the values read, so a secret changed meanwhile (through the app, which
 * seals under the current key anyway) is read again, never overwritten. Idempotent: values
 * already under the current key are left alone.
 */
import type { Core } from '@strapi/strapi';
import { APP_UID } from '../constants';
import { groupAad, keyringFromEnv, type SealedGroupField } from './keyring';
import { isCurrent, reseal, type Keyring } from './secret-box';

export interface ResealResult {
  /** Values sealed again under the current key. */
  resealed: number;
  /** Values already under the current key (and opening for their row). */
  current: number;
  /** Values no known key opens for their row: `slug.field`, never a value. */
  failed: string[];
}

const FIELDS: SealedGroupField[] = ['secret', 'previousSecret', 'signingSecret'];

interface Row {
  id: number;
  documentId: string;
  slug: string;
  secret: string | null;
  previousSecret: string | null;
  signingSecret: string | null;
}

export async function resealGroups(strapi: Core.Strapi, opts: { keys?: Keyring; batchSize?: number } = {}): Promise<ResealResult> {
  const keys = opts.keys ?? keyringFromEnv();
  const batchSize = opts.batchSize ?? 200;
  const groups = () => strapi.db.query(APP_UID.group);
  const select = ['id', 'documentId', 'slug', ...FIELDS];
  const result: ResealResult = { resealed: 0, current: 0, failed: [] };

  /** One row's outcome: the fields to write, and what happened to each value. */
  const plan = (row: Row) => {
    const patch: Partial<Record<SealedGroupField, string>> = {};
    const counted = { resealed: 0, current: 0, failed: [] as string[] };
    for (const field of FIELDS) {
      const value = row[field];
      if (!value) continue;
      try {
        const next = reseal(value, keys, groupAad(row.documentId, field));
        if (next === value && isCurrent(value, keys)) counted.current += 1;
        else {
          patch[field] = next;
          counted.resealed += 1;
        }
      } catch {
        counted.failed.push(`${row.slug}.${field}`);
      }
    }
    return { patch, counted };
  };

  for (let lastId = 0; ;) {
    const batch = (await groups().findMany({
      where: { id: { $gt: lastId } },
      orderBy: { id: 'asc' },
      limit: batchSize,
      select,
    })) as Row[];
    if (!batch.length) break;
    lastId = batch[batch.length - 1].id;
    for (const read of batch) {
      let row: Row | null = read;
      for (let attempt = 0; row; attempt++) {
        const { patch, counted } = plan(row);
        if (Object.keys(patch).length) {
          if (attempt === 5) {
            result.failed.push(`${row.slug} (changed on every attempt)`);
            break;
          }
          // Compare-and-set: written only if every sealed value is still what was read.
          const where: Record<string, unknown> = { id: row.id };
          for (const field of FIELDS) where[field] = row[field] === null ? { $null: true } : row[field];
          if ((await groups().updateMany({ where, data: patch })).count !== 1) {
            // Changed since it was read (or deleted): read again and decide afresh.
            row = (await groups().findOne({ where: { id: row.id }, select })) as Row | null;
            continue;
          }
        }
        result.resealed += counted.resealed;
        result.current += counted.current;
        result.failed.push(...counted.failed);
        break;
      }
    }
  }
  return result;
}
