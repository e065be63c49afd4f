import type { Core, Schema, Struct } from '@strapi/strapi';
import { fieldError } from '../utils/validation-error';
import { isCalendarDate, isInheritedName, isIsoDateTime } from './typed-fields';
import type { DocumentContext } from './context';

type Path = (string | number)[];
type Attributes = Struct.SchemaAttributes;
type Attribute = Schema.Attribute.AnyAttribute;
/** The parameters checked here (a populate entry has them too). */
interface QueryParams {
  filters?: unknown;
  fields?: unknown;
  populate?: unknown;
}

const NUMBER_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const BOOLEANISH = new Set<unknown>([true, false, 'true', 'false', 't', 'f', '1', '0', 1, 0]);
const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?$/;
const SCALAR_OPERATORS = new Set([
  '$eq',
  '$eqi',
  '$ne',
  '$nei',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
  '$jsonSupersetOf',
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const show = (path: Path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `[${p}]` : p)).join('');
const bad = (path: Path, message: string) => fieldError(path.map(String), `${show(path)}: ${message}`);

/**
 * Filter values Strapi's query validation lets through to the database, which then fails
 * with a 500: a word where a number is compared, `$or`/`$and` that are not lists, `$between`
 * with one value, an object where a value belongs (`[$eq][$eq]`), inherited names as fields
 * (`fields=constructor` becomes a column). Refused with a 400 naming the parameter; shapes
 * it does not know are left to Strapi.
 */
export function checkQueryParams(strapi: Core.Strapi, model?: Struct.BaseSchema, params?: QueryParams, path: Path = []) {
  if (!model || !params) return;
  const attributes: Attributes = model.attributes ?? {};
  if (params.filters !== undefined) checkWhere(strapi, attributes, params.filters, [...path, 'filters']);
  if (params.fields !== undefined) checkFields(attributes, params.fields, [...path, 'fields']);
  if (isPlainObject(params.populate)) {
    for (const [key, value] of Object.entries(params.populate)) {
      const at = [...path, 'populate', key];
      if (isInheritedName(attributes, key)) throw bad(at, `Invalid key ${key}`);
      const target = targetModel(strapi, Object.hasOwn(attributes, key) ? attributes[key] : undefined);
      if (target && isPlainObject(value)) checkQueryParams(strapi, target, value, at);
    }
  }
}

function targetModel(strapi: Core.Strapi, attr: Attribute | undefined): Struct.BaseSchema | undefined {
  if (!attr) return undefined;
  if (attr.type === 'relation' && 'target' in attr && attr.target) return strapi.getModel(attr.target);
  if (attr.type === 'component') return strapi.getModel(attr.component);
  if (attr.type === 'media') return strapi.getModel('plugin::upload.file');
  return undefined;
}

function checkFields(attributes: Attributes, fields: unknown, path: Path) {
  const names = typeof fields === 'string' ? fields.split(',') : Array.isArray(fields) ? fields : [];
  names.forEach((name, i) => {
    if (typeof name !== 'string') throw bad([...path, i], 'must be a field name');
    if (isInheritedName(attributes, name.trim())) throw bad([...path, i], `Invalid key ${name}`);
  });
}

function checkWhere(strapi: Core.Strapi, attributes: Attributes, where: unknown, path: Path) {
  if (where === undefined || where === null) return;
  if (Array.isArray(where)) {
    where.forEach((w, i) => checkWhere(strapi, attributes, w, [...path, i]));
    return;
  }
  if (!isPlainObject(where))
    throw bad(path, `must be an object of field conditions, e.g. filters[field][$eq]=value; got ${JSON.stringify(where)}`);
  for (const [key, value] of Object.entries(where)) {
    const at = [...path, key];
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw bad(at, `${key} must be a list of conditions, e.g. filters[${key}][0][field][$eq]=value`);
      value.forEach((w, i) => checkWhere(strapi, attributes, w, [...at, i]));
    } else if (key === '$not') {
      checkWhere(strapi, attributes, value, at);
    } else if (isInheritedName(attributes, key)) {
      throw bad(at, `Invalid key ${key}`);
    } else if (Object.hasOwn(attributes, key) || key === 'id') {
      checkAttribute(strapi, key === 'id' && !Object.hasOwn(attributes, key) ? { type: 'integer' } : attributes[key], value, at);
    }
  }
}

function checkAttribute(strapi: Core.Strapi, attr: Attribute, value: unknown, path: Path) {
  const target = targetModel(strapi, attr);
  if (target) {
    // Operators on a relation or component compare its id; other keys are its own fields.
    if (isPlainObject(value)) {
      const own: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k.startsWith('$') && k !== '$and' && k !== '$or' && k !== '$not') checkOperator({ type: 'integer' }, k, v, [...path, k]);
        else own[k] = v;
      }
      checkWhere(strapi, target.attributes ?? {}, own, path);
    } else {
      checkValues({ type: 'integer' }, value, path);
    }
    return;
  }
  if (isPlainObject(value)) {
    for (const [op, v] of Object.entries(value)) checkOperator(attr, op, v, [...path, op]);
  } else {
    checkValues(attr, value, path);
  }
}

function checkOperator(attr: Attribute, op: string, value: unknown, path: Path) {
  switch (op) {
    case '$and':
    case '$or':
      if (!Array.isArray(value)) throw bad(path, `${op} must be a list`);
      value.forEach((v, i) =>
        isPlainObject(v)
          ? Object.entries(v).forEach(([o, x]) => checkOperator(attr, o, x, [...path, i, o]))
          : checkValue(attr, v, [...path, i])
      );
      return;
    case '$not':
      if (isPlainObject(value)) Object.entries(value).forEach(([o, x]) => checkOperator(attr, o, x, [...path, o]));
      else checkValue(attr, value, path);
      return;
    case '$in':
    case '$notIn':
      checkValues(attr, value, path);
      return;
    case '$between':
      if (!Array.isArray(value) || value.length !== 2) throw bad(path, '$between takes two values, e.g. [$between][0]=1&[$between][1]=9');
      value.forEach((v, i) => checkValue(attr, v, [...path, i]));
      return;
    case '$null':
    case '$notNull':
      if (!BOOLEANISH.has(value)) throw bad(path, `${op} takes true or false; got ${JSON.stringify(value)}`);
      return;
    default:
      if (!SCALAR_OPERATORS.has(op)) throw bad(path, `unknown operator ${op}`);
      checkValue(attr, value, path);
  }
}

function checkValues(attr: Attribute, value: unknown, path: Path) {
  if (Array.isArray(value)) value.forEach((v, i) => checkValue(attr, v, [...path, i]));
  else checkValue(attr, value, path);
}

function checkValue(attr: Attribute, value: unknown, path: Path) {
  if (value === null || value === undefined || value instanceof Date) return;
  if (typeof value === 'object') throw bad(path, `must be a single value; got ${JSON.stringify(value)}`);
  const type = attr?.type;
  if (type === 'integer' || type === 'biginteger') {
    // PostgreSQL refuses "1.5" or 2^31 for an integer column with an error, not an empty result.
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^[+-]?\d{1,19}$/.test(value.trim()) ? Number(value) : NaN;
    const max = type === 'integer' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(n) || Math.abs(n) > max) throw bad(path, `must be a whole number; got ${JSON.stringify(value)}`);
  } else if (NUMBER_TYPES.has(type)) {
    if (!(typeof value === 'number' && Number.isFinite(value)) && !(typeof value === 'string' && NUMERIC.test(value.trim()))) {
      throw bad(path, `must be a number; got ${JSON.stringify(value)}`);
    }
  } else if (type === 'boolean') {
    if (!BOOLEANISH.has(value)) throw bad(path, `must be true or false; got ${JSON.stringify(value)}`);
  } else if (type === 'date') {
    // Strapi would compare with the leading YYYY-MM-DD of anything ("2026-01-01' OR 1=1").
    if (!isCalendarDate(value) && !(typeof value === 'string' && DATE_PREFIX.test(value) && isIsoDateTime(value)))
      throw bad(path, `must be a date YYYY-MM-DD; got ${JSON.stringify(value)}`);
  } else if (type === 'datetime' || type === 'timestamp') {
    if (!isIsoDateTime(value)) throw bad(path, `must be an ISO 8601 date-time; got ${JSON.stringify(value)}`);
  } else if (type === 'time') {
    if (typeof value !== 'string' || !TIME.test(value)) throw bad(path, `must be a time HH:mm:ss; got ${JSON.stringify(value)}`);
  }
}

export const queryParams = (strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
  const params = context.params;
  if (params && (params.filters !== undefined || params.fields !== undefined || isPlainObject(params.populate))) {
    checkQueryParams(strapi, context.contentType ?? strapi.getModel(context.uid), params);
  }
  return next();
};
