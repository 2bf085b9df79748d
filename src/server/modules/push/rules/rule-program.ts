import { compile, endOfDay, norm, PreparedFields, type Condition, type Leaf } from './conditions.js';

/*
 * Rule conditions as one flat program for all the indexed rules: a check under load finds most
 * of the 10,000 rules out of the processor's caches, and a tree of closures costs a memory read
 * per closure, its context and its values (about 100 µs a check, against 9 µs when the same
 * rules are hot). Here a rule's conditions are a few consecutive integers in one Int32Array,
 * its numbers in one Float64Array, and texts are compared as small integers (each distinct
 * normalised text gets one number when the index is built).
 *
 * Every node is [op, size, ...operands], `size` counting the node's own words, so `all` and
 * `any` skip a child without reading it. Semantics are those of `compile` (conditions.ts),
 * which the tests check on random rules and fields.
 */
const ALL = 1;
const ANY = 2;
const NOT = 3;
const TRUE = 4;
const FALSE = 5;
const EQ = 6; // [EQ, 4, field, text]
const NEQ = 7;
const IN = 8; // [IN, 4 + n, field, n, text…]
const NIN = 9;
const GT = 10; // [GT, 4, field, number]
const GTE = 11;
const LT = 12;
const LTE = 13;
const BETWEEN = 14; // [BETWEEN, 5, field, min, max]
const CONTAINS = 15; // [CONTAINS, 4, field, text]
const NOT_CONTAINS = 16;
const TIME_LT = 17; // [TIME_LT, 4, field, instant]
const TIME_LTE = 18;
const TIME_GT = 19;
const TIME_GTE = 20;
const TIME_BETWEEN = 21; // [TIME_BETWEEN, 5, field, from, to]
const CLOSURE = 22; // [CLOSURE, 3, index]: the rare operators (`changed`, `exists`) stay closures

const COMPARISONS: Partial<Record<Leaf['op'], number>> = { gt: GT, gte: GTE, lt: LT, lte: LTE };

/** The texts, fields and numbers of every rule's program, shared by all of them. */
export class RuleProgram {
  private words: number[] = [];
  private numberList: number[] = [];
  private closureList: ((fields: PreparedFields) => boolean)[] = [];
  private textIds = new Map<string, number>();
  private texts: string[] = [];
  private fieldIds = new Map<string, number>();
  readonly fieldNames: string[] = [];
  code = new Int32Array(0);
  numbers = new Float64Array(0);
  closures: readonly ((fields: PreparedFields) => boolean)[] = [];

  /** Appends the conditions of `node` less the root leaves in `covered`; returns where they start. */
  add(
    node: Condition,
    covered: Set<Condition>,
    resolve: (key: string) => Condition | undefined,
    seen: string[],
  ): number {
    const start = this.words.length;
    if (covered.has(node)) this.words.push(TRUE, 2);
    else if ('all' in node)
      this.emit({ all: node.all.filter((child) => !covered.has(child)) }, resolve, seen);
    else this.emit(node, resolve, seen);
    return start;
  }

  /** Freezes what was added into the typed arrays the checks read. */
  seal(): this {
    this.code = Int32Array.from(this.words);
    this.numbers = Float64Array.from(this.numberList);
    this.closures = this.closureList;
    this.words = [];
    this.numberList = [];
    return this;
  }

  /** The number of a normalised text, or -1 when no rule names it (it then equals nothing). */
  textId(text: string): number {
    return this.textIds.get(text) ?? -1;
  }

  text(id: number): string {
    return this.texts[id];
  }

  private intern(value: unknown): number {
    const text = norm(value);
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.texts.push(text) - 1;
      this.textIds.set(text, id);
    }
    return id;
  }

  private field(name: string): number {
    let id = this.fieldIds.get(name);
    if (id === undefined) {
      id = this.fieldNames.push(name) - 1;
      this.fieldIds.set(name, id);
    }
    return id;
  }

  private number(value: number): number {
    return this.numberList.push(value) - 1;
  }

  /** Writes [op, size, …] with the size filled in once the node's operands are written. */
  private node(op: number, write: () => void): void {
    const at = this.words.length;
    this.words.push(op, 0);
    write();
    this.words[at + 1] = this.words.length - at;
  }

  private emit(node: Condition, resolve: (key: string) => Condition | undefined, seen: string[]): void {
    if ('all' in node || 'any' in node) {
      const children = 'all' in node ? node.all : node.any;
      if ('all' in node && children.length === 1) return this.emit(children[0], resolve, seen);
      return this.node('all' in node ? ALL : ANY, () =>
        children.forEach((child) => this.emit(child, resolve, seen)),
      );
    }
    if ('not' in node) return this.node(NOT, () => this.emit(node.not, resolve, seen));
    if ('rule' in node) {
      const target = resolve(node.rule);
      if (!target || seen.includes(node.rule)) return this.node(FALSE, () => undefined);
      return this.emit(target, resolve, [...seen, node.rule]);
    }
    this.leaf(node);
  }

  private leaf(leaf: Leaf): void {
    const { op, value } = leaf;
    const field = this.field(leaf.field);
    const operands =
      (...words: number[]) =>
      () =>
        void this.words.push(field, ...words);
    switch (op) {
      case 'eq':
      case 'neq':
        return this.node(op === 'eq' ? EQ : NEQ, operands(this.intern(value)));
      case 'in':
      case 'nin': {
        const ids = [...new Set((value as unknown[]).map((item) => this.intern(item)))];
        return this.node(op === 'in' ? IN : NIN, operands(ids.length, ...ids));
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return this.node(COMPARISONS[op]!, operands(this.number(value as number)));
      case 'between': {
        const [min, max] = value as [number, number];
        return this.node(BETWEEN, operands(this.number(min), this.number(max)));
      }
      case 'contains':
      case 'not_contains':
        return this.node(op === 'contains' ? CONTAINS : NOT_CONTAINS, operands(this.intern(value)));
      case 'before':
        return this.node(TIME_LT, operands(this.number(Date.parse(value as string))));
      case 'after':
        return this.node(TIME_GT, operands(this.number(endOfDay(value as string))));
      case 'on_or_before':
        return this.node(TIME_LTE, operands(this.number(endOfDay(value as string))));
      case 'on_or_after':
        return this.node(TIME_GTE, operands(this.number(Date.parse(value as string))));
      case 'date_between': {
        const [from, to] = value as [string, string];
        return this.node(TIME_BETWEEN, operands(this.number(Date.parse(from)), this.number(endOfDay(to))));
      }
      default: {
        const index = this.closureList.push(compile(leaf, () => undefined)) - 1;
        return this.node(CLOSURE, () => void this.words.push(index));
      }
    }
  }
}

/** One check's fields, read by field number: their text numbers, numbers and instants, each worked out once. */
export class ProgramFields {
  private readonly ids: (Int32Array | undefined)[] = [];

  constructor(
    readonly prepared: PreparedFields,
    private readonly program: RuleProgram,
  ) {}

  textIds(field: number): Int32Array {
    let ids = this.ids[field];
    if (!ids) {
      const values = this.prepared.normalised(this.program.fieldNames[field]);
      ids = this.ids[field] = Int32Array.from(values, (value) => this.program.textId(value));
    }
    return ids;
  }

  name(field: number): string {
    return this.program.fieldNames[field];
  }
}

const has = (ids: Int32Array, id: number) => {
  for (let index = 0; index < ids.length; index += 1) if (ids[index] === id) return true;
  return false;
};

function contains(fields: ProgramFields, program: RuleProgram, field: number, text: number): boolean {
  const raw = fields.prepared.raw[fields.name(field)];
  if (Array.isArray(raw)) return has(fields.textIds(field), text);
  return typeof raw === 'string' && raw.toLowerCase().includes(program.text(text));
}

/** Whether the program node at `at` holds for `fields`. */
export function holdsAt(program: RuleProgram, at: number, fields: ProgramFields): boolean {
  const code = program.code;
  const numbers = program.numbers;
  const op = code[at];
  switch (op) {
    case ALL: {
      const end = at + code[at + 1];
      for (let child = at + 2; child < end; child += code[child + 1])
        if (!holdsAt(program, child, fields)) return false;
      return true;
    }
    case ANY: {
      const end = at + code[at + 1];
      for (let child = at + 2; child < end; child += code[child + 1])
        if (holdsAt(program, child, fields)) return true;
      return false;
    }
    case NOT:
      return !holdsAt(program, at + 2, fields);
    case TRUE:
      return true;
    case FALSE:
      return false;
    case EQ:
      return has(fields.textIds(code[at + 2]), code[at + 3]);
    case NEQ:
      return !has(fields.textIds(code[at + 2]), code[at + 3]);
    case IN:
    case NIN: {
      const ids = fields.textIds(code[at + 2]);
      let inside = false;
      for (let index = 0; index < code[at + 3] && !inside; index += 1)
        inside = has(ids, code[at + 4 + index]);
      if (op === IN) return inside;
      const raw = fields.prepared.raw[fields.name(code[at + 2])];
      return raw !== undefined && raw !== null && !inside;
    }
    case GT:
      return fields.prepared.number(fields.name(code[at + 2])) > numbers[code[at + 3]];
    case GTE:
      return fields.prepared.number(fields.name(code[at + 2])) >= numbers[code[at + 3]];
    case LT:
      return fields.prepared.number(fields.name(code[at + 2])) < numbers[code[at + 3]];
    case LTE:
      return fields.prepared.number(fields.name(code[at + 2])) <= numbers[code[at + 3]];
    case BETWEEN: {
      const value = fields.prepared.number(fields.name(code[at + 2]));
      return value >= numbers[code[at + 3]] && value <= numbers[code[at + 4]];
    }
    case CONTAINS:
      return contains(fields, program, code[at + 2], code[at + 3]);
    case NOT_CONTAINS:
      return !contains(fields, program, code[at + 2], code[at + 3]);
    case TIME_LT:
      return fields.prepared.time(fields.name(code[at + 2])) < numbers[code[at + 3]];
    case TIME_LTE:
      return fields.prepared.time(fields.name(code[at + 2])) <= numbers[code[at + 3]];
    case TIME_GT:
      return fields.prepared.time(fields.name(code[at + 2])) > numbers[code[at + 3]];
    case TIME_GTE:
      return fields.prepared.time(fields.name(code[at + 2])) >= numbers[code[at + 3]];
    case TIME_BETWEEN: {
      const value = fields.prepared.time(fields.name(code[at + 2]));
      return value >= numbers[code[at + 3]] && value <= numbers[code[at + 4]];
    }
    case CLOSURE:
      return program.closures[code[at + 2]](fields.prepared);
    default:
      throw new Error(`Unknown rule program operation ${op} at ${at}`);
  }
}
