// ES2024 string methods (Node ≥ 20); the project's TypeScript lib stops at ES2023.
declare global {
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/**
 * Text PostgreSQL can store: NUL bytes dropped, lone UTF-16 surrogates (valid JSON, not valid
 * UTF-8) replaced by U+FFFD. The HTTP edge applies it to every query, param and JSON body;
 * decoders of uploaded files (CSV, vCard, NDJSON) apply it to what they decode.
 */
export function cleanText(value: string): string {
  const withoutNul = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  return withoutNul.isWellFormed() ? withoutNul : withoutNul.toWellFormed();
}
