/**
 * A small generator of values from the JSON Schemas of the OpenAPI document (what
 * fastify-type-provider-zod emits): one plausible value per schema, and hostile variants —
 * wrong types, NUL bytes, lone surrogates, huge and deeply nested values. Written here rather
 * than taken from a library: json-schema-faker and friends generate valid data, we mostly need
 * invalid data, and this stays deterministic with a seeded random source.
 */
export type Schema = Record<string, any>;

/** mulberry32: a tiny seeded random source, so a failing run can be replayed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Candidates tried against a string `pattern` (keys, dates, action names, SIREN…).
const PATTERN_CANDIDATES = [
  'fuzz_key',
  '2026-03-14',
  '2026-03-14T09:30:00.000Z',
  'fuzz.create',
  '09:30',
  '732829320',
  'FR',
  'EUR',
  'abc',
  'a',
  '1',
];

export class SchemaSampler {
  /** Real ids by field stem (`account` → an account id), so plausible bodies reach the database. */
  readonly realIds = new Map<string, string>();

  constructor(
    private readonly document: any,
    private readonly random: () => number,
  ) {}

  private idFor(field: string | undefined): string | undefined {
    if (!field) return undefined;
    const stem = field.replace(/Ids?$/, '').toLowerCase();
    const alias: Record<string, string> = {
      owner: 'user',
      manager: 'user',
      author: 'user',
      assignee: 'user',
      item: 'knowledge',
      other: 'account',
    };
    return this.realIds.get(stem) ?? this.realIds.get(alias[stem] ?? '');
  }

  resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    for (let hops = 0; current.$ref && hops < 10; hops += 1) {
      const path = String(current.$ref).replace(/^#\//, '').split('/');
      current = path.reduce((node: any, key) => node?.[key], this.document) ?? {};
    }
    return current;
  }

  /** One alternative of anyOf/oneOf/allOf, or the schema itself. */
  private pick(schema: Schema): Schema {
    const resolved = this.resolve(schema);
    const alternatives = resolved.anyOf ?? resolved.oneOf;
    if (Array.isArray(alternatives) && alternatives.length) {
      const nonNull = alternatives.filter((alternative: Schema) => this.resolve(alternative).type !== 'null');
      return this.pick(nonNull[0] ?? alternatives[0]);
    }
    if (Array.isArray(resolved.allOf) && resolved.allOf.length)
      return this.pick(Object.assign({}, ...resolved.allOf.map((part: Schema) => this.resolve(part))));
    return resolved;
  }

  typeOf(schema: Schema): string {
    const resolved = this.pick(schema);
    const type = Array.isArray(resolved.type)
      ? resolved.type.find((t: string) => t !== 'null')
      : resolved.type;
    if (type) return type;
    if (resolved.properties) return 'object';
    if (resolved.items) return 'array';
    if (resolved.enum) return typeof resolved.enum[0];
    return 'string';
  }

  /** A value the schema accepts as far as this generator can tell. */
  sample(schema: Schema | undefined, depth = 0, field?: string): unknown {
    const resolved = this.pick(schema ?? {});
    if (resolved.const !== undefined) return resolved.const;
    if (Array.isArray(resolved.enum) && resolved.enum.length)
      return resolved.enum[Math.floor(this.random() * resolved.enum.length)];
    if (resolved.default !== undefined && this.random() < 0.5) return resolved.default;
    switch (this.typeOf(resolved)) {
      case 'integer':
      case 'number': {
        const min = resolved.minimum ?? resolved.exclusiveMinimum ?? 0;
        const max = resolved.maximum ?? resolved.exclusiveMaximum ?? min + 100;
        const value = min + this.random() * Math.max(0, Math.min(max, min + 10_000) - min);
        if (this.typeOf(resolved) === 'integer') return Math.ceil(value);
        return resolved.multipleOf
          ? Math.round(value / resolved.multipleOf) * resolved.multipleOf
          : Math.round(value * 100) / 100;
      }
      case 'boolean':
        return this.random() < 0.5;
      case 'array': {
        if (depth > 4) return [];
        const count = Math.max(resolved.minItems ?? 0, Math.min(resolved.maxItems ?? 2, 1));
        return Array.from({ length: count }, () => this.sample(resolved.items, depth + 1, field));
      }
      case 'object': {
        if (depth > 4) return {};
        const value: Record<string, unknown> = {};
        const required = new Set<string>(resolved.required ?? []);
        for (const [key, property] of Object.entries<Schema>(resolved.properties ?? {})) {
          if (required.has(key) || this.random() < 0.5) value[key] = this.sample(property, depth + 1, key);
        }
        return value;
      }
      default:
        return this.sampleString(resolved, field);
    }
  }

  private sampleString(schema: Schema, field?: string): string {
    switch (schema.format) {
      case 'uuid':
        // Mostly a real record (deeper paths), sometimes one that does not exist.
        return (
          (this.random() < 0.8 ? this.idFor(field) : undefined) ??
          '00000000-0000-4000-8000-00000000000' + Math.floor(this.random() * 10)
        );
      case 'email':
        return `fuzz${Math.floor(this.random() * 1000)}@example.com`;
      case 'date':
        return '2026-03-14';
      case 'date-time':
        return '2026-03-14T09:30:00.000Z';
      case 'uri':
        return 'https://example.com/a';
    }
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern, 'u');
      return PATTERN_CANDIDATES.find((candidate) => pattern.test(candidate)) ?? '';
    }
    const length = Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 12, 12));
    return 'Fuzz é'.padEnd(length, 'x').slice(0, Math.max(length, schema.minLength ?? 0) || 6);
  }

  /** Hostile values for a field of this schema: the kinds of input that once answered 500. */
  hostile(schema: Schema | undefined): unknown[] {
    const type = this.typeOf(schema ?? {});
    const deepArray = JSON.parse('['.repeat(80) + ']'.repeat(80));
    const common = [null, deepArray, { unexpected: { nested: true } }];
    const strings = [
      'nul\u0000byte',
      'lone \ud800 surrogate',
      '\udfff',
      'x'.repeat(200_000),
      '>'.repeat(3000),
      '- '.repeat(5000),
      "'; drop table users; --",
      '../../etc/passwd',
      '%00',
      '',
    ];
    switch (type) {
      case 'string':
        return [...strings, 12345, true, ['array'], ...common];
      case 'integer':
      case 'number':
        return ['not a number', 'nul\u0000', 1e308, -1e308, -1, 2 ** 53 + 1, 0.5, ...common];
      case 'boolean':
        return ['yes', 'nul\u0000', 2, ...common];
      case 'array':
        return [
          'not an array',
          ['nul\u0000byte', '\ud800'],
          Array.from({ length: 5000 }, () => 'x'),
          ...common,
        ];
      default:
        return ['not an object', ['a'], 42, ...common, { 'nul\u0000key': 1, '\ud800': 2 }];
    }
  }

  /** Hostile values for a path or query parameter (always travels as text). */
  hostileText(): string[] {
    return [
      'nul\u0000byte',
      'lone \ud800 surrogate',
      'x'.repeat(5000),
      '-1',
      '1e999',
      'true',
      '[]',
      '{}',
      "'",
      '%',
      '..',
      ' ',
    ];
  }
}
