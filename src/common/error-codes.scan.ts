import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Codes the helpers of platform/errors.ts answer when no code is passed. */
const DEFAULT_CODES = ['forbidden', 'not_found', 'auth.required', 'validation_failed'];
/** Zod issue codes: what a schema check answers as a field error's `code`. */
export const ZOD_FIELD_CODES = [
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'not_multiple_of',
  'unrecognized_keys',
  'custom',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !/demo|seed/.test(entry.name)
      ? [full]
      : [];
  });
}

const CODE = `'([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)*)'`;
const STRING = `(?:'(?:[^'\\\\]|\\\\.)*'|\`(?:[^\`\\\\]|\\\\.)*\`|"(?:[^"\\\\]|\\\\.)*"|\\w+)`;
const PROBLEM_PATTERNS = [
  new RegExp(`new AppError\\(\\s*\\d+\\s*,\\s*${CODE}`, 'g'),
  new RegExp(`\\b(?:badRequest|conflict)\\(\\s*${CODE}`, 'g'),
  new RegExp(`\\b(?:forbidden|notFound|unauthorized)\\(\\s*${STRING}\\s*,\\s*${CODE}\\s*\\)`, 'g'),
];
/** A field error names its code as `code: '…'`; outgoing-URL refusals are field codes too. */
const FIELD_PATTERNS = [
  new RegExp(`\\bcode: ${CODE}`, 'g'),
  new RegExp(`new OutboundRefused\\(\\s*${CODE}`, 'g'),
];

/**
 * Every error code the server can answer, read from its source: problem codes (`AppError`,
 * the helpers of platform/errors.ts) and field error codes (`errors[].code`, Zod's included).
 */
export function scanServerErrorCodes(serverDir: string): { problems: Set<string>; fields: Set<string> } {
  const problems = new Set(DEFAULT_CODES);
  const fields = new Set(ZOD_FIELD_CODES);
  for (const file of sources(serverDir)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of PROBLEM_PATTERNS)
      for (const match of text.matchAll(pattern)) problems.add(match[1]);
    for (const pattern of FIELD_PATTERNS) for (const match of text.matchAll(pattern)) fields.add(match[1]);
  }
  return { problems, fields };
}
