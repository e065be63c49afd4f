import type { Core, Struct, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { fieldError } from '../utils/validation-error';
import { isObject, type DocumentContext } from './context';

type Path = (string | number)[];
type Attributes = Struct.SchemaAttributes;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;
const HAS_DATE = /^\d{4}-\d{2}-\d{2}([T ]|$)/;

const label = (path: Path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

/** A key the payload may not use: not an attribute, but a property every object inherits (constructor, toString…). */
export const isInheritedName = (attributes: Attributes, key: string) => !Object.hasOwn(attributes, key) && key in Object.prototype;

export const isCalendarDate = (v: unknown) => typeof v === 'string' && DATE.test(v) && DateTime.fromISO(v).isValid;
/** A string with a calendar date first: Strapi reads "12" (or the number 12) as the year 1200. */
export const isIsoDateTime = (v: unknown) => typeof v === 'string' && HAS_DATE.test(v) && DateTime.fromISO(v.replace(' ', 'T')).isValid;
export const isTimeOfDay = (v: unknown) => typeof v === 'string' && TIME.test(v);

/**
 * Dates, times and date-times are checked (and HH:mm completed to HH:mm:ss) before Strapi's
 * database layer parses them, which refuses them with a 400 that names no field ("Invalid
 * date") or, for "2026-01-01T99:00" in a date, keeps "2026-01-01" with a deprecation warning.
 * Inherited names (constructor, toString…) as keys reach Strapi's validator as if they were
 * attributes and end in a 500; they are refused here by name. Walks components too.
 */
function checkData(strapi: Core.Strapi, attributes: Attributes, data: Record<string, unknown>, path: Path) {
  for (const key of Object.keys(data)) {
    const at = [...path, key];
    if (isInheritedName(attributes, key)) throw fieldError(at.map(String), `Invalid key ${key}`);
    const attr = Object.hasOwn(attributes, key) ? attributes[key] : undefined;
    const value = data[key];
    if (!attr || value === null || value === undefined) continue;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw fieldError(at.map(String), `${label(at)} is an invalid date`);
      continue;
    }
    switch (attr.type) {
      case 'integer':
      case 'biginteger':
      case 'float':
      case 'decimal':
        // Strapi's validator reads [60] as 60.
        if (typeof value === 'object' || typeof value === 'boolean')
          throw fieldError(at.map(String), `${label(at)} must be a number; got ${JSON.stringify(value)}`);
        break;
      case 'date':
        if (!isCalendarDate(value))
          throw fieldError(at.map(String), `${label(at)} must be a calendar date YYYY-MM-DD; got ${JSON.stringify(value)}`);
        break;
      case 'datetime':
      case 'timestamp':
        if (!isIsoDateTime(value))
          throw fieldError(
            at.map(String),
            `${label(at)} must be an ISO 8601 date-time such as 2026-11-22T08:00:00Z; got ${JSON.stringify(value)}`
          );
        break;
      case 'time':
        if (!isTimeOfDay(value))
          throw fieldError(at.map(String), `${label(at)} must be a time of day HH:mm or HH:mm:ss; got ${JSON.stringify(value)}`);
        if (typeof value === 'string' && value.length === 5) data[key] = `${value}:00`;
        break;
      case 'relation':
        checkRelation(value, at);
        break;
      case 'component': {
        const component: Struct.ComponentSchema | undefined = strapi.components[attr.component];
        if (!component) break;
        const items: unknown[] = attr.repeatable ? (Array.isArray(value) ? value : []) : [value];
        items.forEach((item, i) => {
          if (isObject(item) && !Array.isArray(item)) checkData(strapi, component.attributes, item, attr.repeatable ? [...at, i] : at);
        });
        break;
      }
      case 'dynamiczone':
        (Array.isArray(value) ? value : []).forEach((item: unknown, i: number) => {
          if (!isObject(item)) return;
          // Whatever the item names is looked up as a property name; no such component: not checked.
          const component: Struct.ComponentSchema | undefined = strapi.components[String(item.__component) as UID.Component];
          if (component) checkData(strapi, component.attributes, item, [...at, i]);
        });
        break;
      default:
        break;
    }
  }
}

/**
 * A relation is given as documentIds, ids or { documentId | id, locale?, status?, position? }
 * items, bare or in connect / disconnect / set. An object where an id belongs reaches the
 * database: PostgreSQL fails on it and Strapi answers "Invalid relations", naming no field.
 */
function checkRelation(value: unknown, at: Path) {
  // A row id: a positive 32-bit integer (PostgreSQL's integer column).
  const isRowId = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2 ** 31;
  const item = (v: unknown, p: Path) => {
    if (typeof v === 'string') return;
    if (isRowId(v)) return;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if ('documentId' in o && typeof o.documentId !== 'string')
        throw fieldError(p.map(String), `${label(p)}.documentId must be a string; got ${JSON.stringify(o.documentId)}`);
      if ('id' in o && !(typeof o.id === 'number' ? isRowId(o.id) : typeof o.id === 'string' && /^\d{1,9}$/.test(o.id))) {
        throw fieldError(p.map(String), `${label(p)}.id must be a whole number; got ${JSON.stringify(o.id)}`);
      }
      return;
    }
    throw fieldError(p.map(String), `${label(p)} must be a documentId; got ${JSON.stringify(v)}`);
  };
  const list = (v: unknown, p: Path) => (Array.isArray(v) ? v.forEach((x, i) => item(x, [...p, i])) : v == null ? undefined : item(v, p));
  if (value && typeof value === 'object' && !Array.isArray(value) && ['connect', 'disconnect', 'set'].some((k) => k in (value as object))) {
    for (const k of ['connect', 'disconnect', 'set']) list((value as Record<string, unknown>)[k], [...at, k]);
  } else {
    list(value, at);
  }
}

const NOT_FOUND = /^Document with id "(.*)", locale "(.*)" not found$/s;
const MISSING_RELATIONS = /^\d+ relation\(s\) of type (\S+) associated with this entity do not exist$/;

/** The relation of the payload that holds `id` (Strapi's "Document … not found" names none). */
function relationHolding(attributes: Attributes, data: Record<string, unknown>, id: string): string | undefined {
  const relations = Object.keys(data).filter((k) => Object.hasOwn(attributes, k) && attributes[k].type === 'relation' && data[k] != null);
  const needle = JSON.stringify(id);
  return relations.find((k) => JSON.stringify(data[k]).includes(needle)) ?? (relations.length === 1 ? relations[0] : undefined);
}

export const typedFields = (strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
  if (context.action !== 'create' && context.action !== 'update') return next();
  const model: Struct.BaseSchema | undefined = context.contentType ?? strapi.getModel(context.uid);
  const data = context.params?.data;
  if (!model || !isObject(data) || Array.isArray(data)) return next();

  checkData(strapi, model.attributes, data, []);

  // A localized entry may only be written in a locale the app serves (Strapi checks the
  // format, so "fr" would become a locale of its own).
  const locale = context.params?.locale;
  const i18n = model.pluginOptions?.i18n;
  if (isObject(i18n) && i18n.localized && typeof locale === 'string' && locale !== '' && locale !== '*') {
    const locales: { code: string }[] = await strapi.plugin('i18n').service('locales').find();
    const codes = locales.map((l) => l.code);
    if (!codes.includes(locale)) throw fieldError('locale', `locale must be one of ${codes.join(', ')}; got ${JSON.stringify(locale)}`);
  }

  try {
    return await next();
  } catch (err) {
    if (!(err instanceof errors.ValidationError)) throw err;
    const m = NOT_FOUND.exec(err.message);
    const field = m ? relationHolding(model.attributes, data, m[1]) : undefined;
    if (m && field) {
      const attr = model.attributes[field];
      const target = ('target' in attr ? strapi.getModel(attr.target) : undefined)?.info?.singularName ?? 'entry';
      throw fieldError(field, `${field}: no ${target} with documentId ${JSON.stringify(m[1])} (locale ${m[2]})`);
    }
    const missing = MISSING_RELATIONS.exec(err.message);
    const relation = missing
      ? Object.keys(data).find((k) => {
          const attr = Object.hasOwn(model.attributes, k) ? model.attributes[k] : undefined;
          return attr?.type === 'relation' && 'target' in attr && attr.target === missing[1];
        })
      : undefined;
    if (relation) throw fieldError(relation, `${relation}: ${err.message}`);
    throw err;
  }
};
