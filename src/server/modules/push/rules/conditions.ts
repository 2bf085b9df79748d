import type { FieldError } from '../../../platform/errors.js';
import type { ActionDefinition, FieldType } from './catalogue.js';

/**
 * Rule conditions (PUSH-2): a tree of `all` / `any` / `not`, references to another rule's
 * conditions (`{ rule: key }`, checked for cycles) and leaves `{ field, op, value }`.
 */
export type Leaf = { field: string; op: Operator; value?: unknown };
export type Condition =
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | { rule: string } | Leaf;

export const OPERATORS = [
  'eq',
  'neq',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'contains',
  'not_contains',
  'before',
  'after',
  'on_or_before',
  'on_or_after',
  'date_between',
  'changed',
  'exists',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const LIMITS = { depth: 8, nodes: 200, listValues: 500, stringLength: 500 };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);
const isDate = (value: unknown) =>
  typeof value === 'string' &&
  /^\d{4}-\d\d-\d\d([T ][\d:.]+(Z|[+-]\d\d:?\d\d)?)?$/.test(value) &&
  !Number.isNaN(Date.parse(value));
const NUMERIC_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);
const DATE_OPS = new Set(['before', 'after', 'on_or_before', 'on_or_after', 'date_between']);

/** Checks a condition tree against the action's fields; returns every problem with its path. */
export function validateConditions(
  root: unknown,
  action: ActionDefinition,
  path = 'conditions',
): { errors: FieldError[]; refs: string[] } {
  const errors: FieldError[] = [];
  const refs: string[] = [];
  const fields = new Map(action.fields.map((field) => [field.name, field.type]));
  let nodes = 0;
  const fail = (at: string, code: string, message: string) => errors.push({ field: at, code, message });

  const visit = (node: unknown, at: string, depth: number) => {
    nodes += 1;
    if (nodes > LIMITS.nodes) {
      if (nodes === LIMITS.nodes + 1)
        fail(at, 'too_many_conditions', `At most ${LIMITS.nodes} conditions per rule.`);
      return;
    }
    if (depth > LIMITS.depth) return fail(at, 'too_deep', `Conditions nest at most ${LIMITS.depth} levels.`);
    if (!isObject(node))
      return fail(at, 'malformed', 'A condition is an object: all, any, not, rule, or { field, op, value }.');
    const keys = Object.keys(node);
    if ('all' in node || 'any' in node) {
      const key = 'all' in node ? 'all' : 'any';
      if (keys.length !== 1) return fail(at, 'malformed', `"${key}" stands alone in its object.`);
      const list = node[key];
      if (!Array.isArray(list)) return fail(`${at}.${key}`, 'malformed', `"${key}" is a list of conditions.`);
      if (key === 'any' && list.length === 0)
        return fail(`${at}.any`, 'malformed', '"any" needs at least one condition.');
      list.forEach((child, index) => visit(child, `${at}.${key}.${index}`, depth + 1));
      return;
    }
    if ('not' in node) {
      if (keys.length !== 1) return fail(at, 'malformed', '"not" stands alone in its object.');
      return visit(node.not, `${at}.not`, depth + 1);
    }
    if ('rule' in node) {
      if (keys.length !== 1 || typeof node.rule !== 'string' || !node.rule)
        return fail(at, 'malformed', '"rule" names another rule by its key.');
      refs.push(node.rule);
      return;
    }
    const extra = keys.filter((key) => !['field', 'op', 'value'].includes(key));
    if (extra.length) return fail(at, 'malformed', `Unknown keys: ${extra.join(', ')}.`);
    if (typeof node.field !== 'string') return fail(`${at}.field`, 'malformed', 'A condition names a field.');
    if (typeof node.op !== 'string' || !(OPERATORS as readonly string[]).includes(node.op)) {
      return fail(
        `${at}.op`,
        'unknown_operator',
        `Unknown operator "${String(node.op)}". Known: ${OPERATORS.join(', ')}.`,
      );
    }
    const type = fields.get(node.field);
    if (!type)
      return fail(
        `${at}.field`,
        'unknown_field',
        `"${node.field}" is not a field of ${action.name} (known: ${[...fields.keys()].join(', ')}).`,
      );
    const problem = checkValue(node.op as Operator, type, node.value);
    if (problem) fail(`${at}.value`, 'invalid_value', problem);
  };
  visit(root, path, 0);
  return { errors, refs };
}

function checkValue(op: Operator, type: FieldType, value: unknown): string | null {
  const long = (v: unknown) => typeof v === 'string' && v.length > LIMITS.stringLength;
  if (NUMERIC_OPS.has(op) && type !== 'number') return `"${op}" compares numbers; this field is ${type}.`;
  if (DATE_OPS.has(op) && type !== 'date') return `"${op}" compares dates; this field is ${type}.`;
  switch (op) {
    case 'eq':
    case 'neq':
      return isScalar(value) && !long(value) ? null : 'Give one value (text, number or true/false).';
    case 'in':
    case 'nin':
      return Array.isArray(value) &&
        value.length > 0 &&
        value.length <= LIMITS.listValues &&
        value.every((v) => isScalar(v) && !long(v))
        ? null
        : `Give a list of 1 to ${LIMITS.listValues} values.`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Give a number.';
    case 'between':
      return Array.isArray(value) &&
        value.length === 2 &&
        value.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
        value[0] <= value[1]
        ? null
        : 'Give [min, max] with min ≤ max.';
    case 'contains':
    case 'not_contains':
      if (!['string', 'strings', 'ids'].includes(type))
        return `"${op}" applies to text or lists; this field is ${type}.`;
      return typeof value === 'string' && value.length > 0 && !long(value)
        ? null
        : 'Give the text to look for.';
    case 'before':
    case 'after':
    case 'on_or_before':
    case 'on_or_after':
      return isDate(value) ? null : 'Give a date (YYYY-MM-DD or ISO 8601).';
    case 'date_between':
      return Array.isArray(value) &&
        value.length === 2 &&
        value.every(isDate) &&
        Date.parse(value[0] as string) <= Date.parse(value[1] as string)
        ? null
        : 'Give [from, to] dates with from ≤ to.';
    case 'changed':
      if (value === undefined) return null;
      if (!isObject(value) || Object.keys(value).some((k) => k !== 'from' && k !== 'to'))
        return 'Give { from?, to? }.';
      return [value.from, value.to].every((v) => v === undefined || v === null || isScalar(v))
        ? null
        : 'from and to are single values.';
    case 'exists':
      return value === undefined || typeof value === 'boolean' ? null : 'Give true or false.';
  }
}

/** Comparable form of a scalar: strings compare case-insensitively, numbers by value. */
export const norm = (value: unknown): string =>
  typeof value === 'string' ? value.trim().toLowerCase() : String(value);

type Fields = Record<string, unknown>;

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
const toTime = (value: unknown): number =>
  typeof value === 'string' || typeof value === 'number'
    ? Date.parse(String(value))
    : value instanceof Date
      ? value.getTime()
      : NaN;
const toNumber = (value: unknown): number =>
  typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
/** A date-only bound is the whole day: "on or before 2026-10-01" includes that day. */
export const endOfDay = (value: string) =>
  value.length === 10 ? Date.parse(value) + 86_399_999 : Date.parse(value);

/**
 * One check's fields in the forms conditions compare (normalised strings, numbers, instants),
 * each worked out on first use and then shared by every rule that reads the field: a check
 * runs hundreds of rules over the same few fields.
 */
export class PreparedFields {
  private readonly strings = new Map<string, string[]>();
  private readonly numbers = new Map<string, number>();
  private readonly times = new Map<string, number>();

  constructor(readonly raw: Fields) {}

  /** The field's values (one, or each of a list), normalised with `norm`. */
  normalised(field: string): string[] {
    let values = this.strings.get(field);
    if (!values) this.strings.set(field, (values = asList(this.raw[field]).map(norm)));
    return values;
  }

  number(field: string): number {
    let value = this.numbers.get(field);
    if (value === undefined) this.numbers.set(field, (value = toNumber(this.raw[field])));
    return value;
  }

  time(field: string): number {
    let value = this.times.get(field);
    if (value === undefined) this.times.set(field, (value = toTime(this.raw[field])));
    return value;
  }
}

export type Predicate = (fields: PreparedFields) => boolean;

/** Compiles a validated tree into a closure (references already inlined by the caller). */
export function compile(
  node: Condition,
  resolve: (key: string) => Condition | undefined,
  seen: string[] = [],
): Predicate {
  if ('all' in node) {
    const parts = node.all.map((child) => compile(child, resolve, seen));
    if (parts.length === 1) return parts[0];
    return (fields) => {
      for (const part of parts) if (!part(fields)) return false;
      return true;
    };
  }
  if ('any' in node) {
    const parts = node.any.map((child) => compile(child, resolve, seen));
    return (fields) => {
      for (const part of parts) if (part(fields)) return true;
      return false;
    };
  }
  if ('not' in node) {
    const inner = compile(node.not, resolve, seen);
    return (fields) => !inner(fields);
  }
  if ('rule' in node) {
    const target = resolve(node.rule);
    if (!target || seen.includes(node.rule)) return () => false;
    return compile(target, resolve, [...seen, node.rule]);
  }
  return compileLeaf(node);
}

function compileLeaf({ field, op, value }: Leaf): Predicate {
  switch (op) {
    case 'eq': {
      const want = norm(value);
      return (fields) => fields.normalised(field).includes(want);
    }
    case 'neq': {
      const want = norm(value);
      return (fields) => !fields.normalised(field).includes(want);
    }
    case 'in':
    case 'nin': {
      const set = new Set((value as unknown[]).map(norm));
      const inside = (fields: PreparedFields) => fields.normalised(field).some((v) => set.has(v));
      return op === 'in'
        ? inside
        : (fields) => fields.raw[field] !== undefined && fields.raw[field] !== null && !inside(fields);
    }
    case 'gt':
      return (fields) => fields.number(field) > (value as number);
    case 'gte':
      return (fields) => fields.number(field) >= (value as number);
    case 'lt':
      return (fields) => fields.number(field) < (value as number);
    case 'lte':
      return (fields) => fields.number(field) <= (value as number);
    case 'between': {
      const [min, max] = value as [number, number];
      return (fields) => {
        const n = fields.number(field);
        return n >= min && n <= max;
      };
    }
    case 'contains':
    case 'not_contains': {
      const needle = norm(value);
      const has = (fields: PreparedFields) => {
        const v = fields.raw[field];
        return Array.isArray(v)
          ? fields.normalised(field).includes(needle)
          : typeof v === 'string' && v.toLowerCase().includes(needle);
      };
      return op === 'contains' ? has : (fields) => !has(fields);
    }
    case 'before': {
      const t = Date.parse(value as string);
      return (fields) => fields.time(field) < t;
    }
    case 'after': {
      const t = endOfDay(value as string);
      return (fields) => fields.time(field) > t;
    }
    case 'on_or_before': {
      const t = endOfDay(value as string);
      return (fields) => fields.time(field) <= t;
    }
    case 'on_or_after': {
      const t = Date.parse(value as string);
      return (fields) => fields.time(field) >= t;
    }
    case 'date_between': {
      const [from, to] = value as [string, string];
      const a = Date.parse(from);
      const b = endOfDay(to);
      return (fields) => {
        const t = fields.time(field);
        return t >= a && t <= b;
      };
    }
    case 'changed': {
      const spec = (value ?? {}) as { from?: unknown; to?: unknown };
      return (fields) => {
        const change = (fields.raw.changes as Record<string, { from?: unknown; to?: unknown }> | undefined)?.[
          field
        ];
        if (!change || typeof change !== 'object') return false;
        if (spec.from !== undefined && norm(change.from) !== norm(spec.from)) return false;
        if (spec.to !== undefined && norm(change.to) !== norm(spec.to)) return false;
        return true;
      };
    }
    case 'exists': {
      const want = value !== false;
      return (fields) =>
        (fields.raw[field] !== undefined && fields.raw[field] !== null && fields.raw[field] !== '') === want;
    }
  }
}

/**
 * The rule's conditions less the root leaves in `covered` (those the index already checked when
 * it reaches the rule: the anchor value it was found by, a closed range holding the value).
 * Testing fewer closures matters: a check's time goes to reading the rules from memory.
 */
export function compileUncovered(
  node: Condition,
  covered: Set<Condition>,
  resolve: (key: string) => Condition | undefined,
  seen: string[] = [],
): Predicate {
  if (covered.has(node)) return () => true;
  if ('all' in node) return compile({ all: node.all.filter((child) => !covered.has(child)) }, resolve, seen);
  return compile(node, resolve, seen);
}

/**
 * The fields a tree reads, references followed (`changed` reads `changes.<field>`): an
 * acknowledgment is tied to their values, so the same rule on other values asks again.
 */
export function readsOf(
  node: Condition,
  resolve: (key: string) => Condition | undefined,
  seen: string[] = [],
  into = new Set<string>(),
): Set<string> {
  if ('all' in node) node.all.forEach((child) => readsOf(child, resolve, seen, into));
  else if ('any' in node) node.any.forEach((child) => readsOf(child, resolve, seen, into));
  else if ('not' in node) readsOf(node.not, resolve, seen, into);
  else if ('rule' in node) {
    const target = resolve(node.rule);
    if (target && !seen.includes(node.rule)) readsOf(target, resolve, [...seen, node.rule], into);
  } else into.add(node.op === 'changed' ? `changes.${node.field}` : node.field);
  return into;
}

/**
 * The indexable part of a rule: an `eq`/`in` on one field that must hold for the rule to
 * match (the root or a direct child of a root `all`). The index looks rules up by its values.
 */
export function anchorOf(node: Condition): { field: string; keys: string[]; leaf: Condition } | null {
  const leafAnchor = (leaf: Condition) =>
    'op' in leaf && (leaf.op === 'eq' || leaf.op === 'in')
      ? { field: leaf.field, keys: asList(leaf.value).map(norm), leaf }
      : null;
  if ('all' in node) {
    for (const child of node.all) {
      const anchor = leafAnchor(child);
      if (anchor) return anchor;
    }
    return null;
  }
  return leafAnchor(node);
}

/** A numeric or date range a rule's field must fall in; the ends include every value that may hold. */
export type RangeAnchor = {
  field: string;
  kind: 'number' | 'time';
  min: number;
  max: number;
  /** The leaf it comes from, and whether the range says all of it (no open end to check again). */
  leaf: Condition;
  exact: boolean;
};

/** The closed range a range leaf admits (an open end is widened to closed: the rule's test decides). */
function leafRange(leaf: Condition): RangeAnchor | null {
  if (!('op' in leaf)) return null;
  const { field, op, value } = leaf;
  const exact = !['gt', 'lt', 'before', 'after'].includes(op);
  const range = (kind: RangeAnchor['kind'], min: number, max: number): RangeAnchor | null =>
    Number.isNaN(min) || Number.isNaN(max) ? null : { field, kind, min, max, leaf, exact };
  switch (op) {
    case 'between': {
      const [min, max] = value as [number, number];
      return range('number', min, max);
    }
    case 'gt':
    case 'gte':
      return range('number', value as number, Infinity);
    case 'lt':
    case 'lte':
      return range('number', -Infinity, value as number);
    case 'before':
      return range('time', -Infinity, Date.parse(value as string));
    case 'on_or_before':
      return range('time', -Infinity, endOfDay(value as string));
    case 'after':
      return range('time', endOfDay(value as string), Infinity);
    case 'on_or_after':
      return range('time', Date.parse(value as string), Infinity);
    case 'date_between': {
      const [from, to] = value as [string, string];
      return range('time', Date.parse(from), endOfDay(to));
    }
    default:
      return null;
  }
}

/**
 * For a rule without an `eq`/`in` anchor: a range that must hold for it to match (the root or
 * a direct child of a root `all`), a bounded one first. The index keeps such rules in an
 * interval tree per field, so a check tests only those whose range holds the value.
 */
export function rangeAnchorOf(node: Condition): RangeAnchor | null {
  const ranges = ('all' in node ? node.all : [node]).map(leafRange).filter((range) => range !== null);
  return ranges.find((range) => range.min > -Infinity && range.max < Infinity) ?? ranges[0] ?? null;
}
