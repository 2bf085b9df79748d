import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { AppDeps } from '../../../platform/context.js';
import { AppError, badRequest, validationError } from '../../../platform/errors.js';
import {
  checkMapping,
  IMPORT_FIELDS,
  mapRecords,
  mappingSchema,
  resolveAgainstDatabase,
  suggestMapping,
  type Mapping,
} from './import-rows.js';
import {
  IMPORT_MODES,
  importProgress,
  runImport,
  startImportRecord,
  type Candidate,
  type ImportMode,
} from './import.service.js';
// The file readers (encodings, CSV, vCard) load with the first import, not on every start.
const fileReaders = async () => ({ ...(await import('./csv.js')), ...(await import('./vcard.js')) });

export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;
const MAX_ROWS = 20_000;
const tags = ['contacts'];

const rowErrorSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
  code: z.string(),
});
const progressSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  mode: z.enum(IMPORT_MODES),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  skipped: z.number().int(),
  accountsCreated: z.number().int(),
  errors: z.array(rowErrorSchema),
});
const jsonBody = z.strictObject({
  csv: z.string().max(IMPORT_BODY_LIMIT),
  mapping: mappingSchema.optional(),
  mode: z.enum(IMPORT_MODES).default('all_or_nothing'),
});
const csvQuery = z.object({
  mode: z.enum(IMPORT_MODES).default('all_or_nothing'),
  mapping: z
    .string()
    .max(4000)
    .optional()
    .describe('JSON object field → column header, when the body is text/csv'),
  async: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .describe('true: answer 202 at once with the import id; poll GET /api/v1/contacts/import/{id}'),
});

/**
 * Reads `{csv, mapping, mode}` from a JSON body (text already decoded by the client, UTF-8), or
 * the raw bytes of a text/csv body plus query parameters — whose encoding is detected, so the
 * Windows-1252 files French Excel saves read as they should.
 */
async function readCsvRequest(
  body: unknown,
  query: z.infer<typeof csvQuery>,
  contentType?: string,
): Promise<{ csv: string; encoding: string; mapping?: Mapping; mode: ImportMode }> {
  if (Buffer.isBuffer(body)) {
    const { decodeCsvBytes } = await fileReaders();
    const { text, encoding } = decodeCsvBytes(body, contentType?.match(/charset="?([\w-]+)/i)?.[1]);
    let mapping: Mapping | undefined;
    if (query.mapping) {
      let raw: unknown;
      try {
        raw = JSON.parse(query.mapping);
      } catch {
        throw validationError([{ field: 'mapping', message: 'Not valid JSON.', code: 'invalid_json' }]);
      }
      const parsed = mappingSchema.safeParse(raw);
      if (!parsed.success)
        throw validationError([
          {
            field: 'mapping',
            message: `Keys must be among: ${IMPORT_FIELDS.join(', ')}.`,
            code: 'invalid_mapping',
          },
        ]);
      mapping = parsed.data;
    }
    return { csv: text, encoding, mapping, mode: query.mode };
  }
  const parsed = jsonBody.safeParse(body);
  if (!parsed.success)
    throw validationError(
      parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || 'body',
        message: issue.message,
        code: issue.code,
      })),
    );
  return { ...parsed.data, encoding: 'UTF-8', mode: parsed.data.mode };
}

async function prepareCsv(csv: string, given?: Mapping) {
  if (!csv.trim())
    throw badRequest('import.empty', 'The file is empty.', [
      { field: 'csv', message: 'Empty file.', code: 'empty' },
    ]);
  const { parseCsv } = await fileReaders();
  const parsed = parseCsv(csv);
  if (parsed.rows.length === 0)
    throw badRequest('import.empty', 'The file has a header but no rows.', [
      { field: 'csv', message: 'No data rows.', code: 'empty' },
    ]);
  if (parsed.rows.length > MAX_ROWS)
    throw new AppError(413, 'import.too_many_rows', `At most ${MAX_ROWS} rows per import; split the file.`);
  const suggested = suggestMapping(parsed.headers);
  const mapping = given ?? suggested;
  checkMapping(mapping, parsed.headers);
  const candidates: Candidate[] = mapRecords(parsed.rows, mapping);
  for (const error of parsed.errors)
    candidates[error.row - 1]?.errors.push({
      row: error.row + 1,
      field: 'row',
      message: error.message,
      code: 'malformed_row',
    });
  for (const candidate of candidates) if (candidate.errors.length) delete candidate.value;
  return { parsed, suggested, mapping, candidates };
}

/**
 * CSV and vCard import of contacts (CRM-2). Bodies: `application/json` `{csv, mapping?, mode}`,
 * or raw `text/csv` with `?mode=&mapping=` — and `text/vcard` for .vcf files.
 */
export async function contactImportRoutes(parent: RelaisApp, { deps }: { deps: AppDeps }) {
  await parent.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>() as unknown as RelaisApp;
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    for (const type of ['text/vcard', 'text/x-vcard', 'text/directory']) {
      app.addContentTypeParser(
        type,
        { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
        (_request, body, done) => done(null, body),
      );
    }

    const run = async (
      request: FastifyRequest,
      reply: FastifyReply,
      mode: ImportMode,
      candidates: Candidate[],
      source: string,
      wantsAsync: boolean,
    ) => {
      const id = await request.run((ctx) => startImportRecord(ctx, mode, candidates.length));
      // The import routes need a signed-in user (auth hook), so the actor is there.
      const job = runImport(deps, request.actor!, id, mode, candidates, source);
      if (wantsAsync) {
        job.catch((error) => request.log.error({ err: error }, 'contact import failed'));
        return reply.status(202).send({
          id,
          status: 'running',
          mode,
          total: candidates.length,
          processed: 0,
          created: 0,
          skipped: 0,
          accountsCreated: 0,
          errors: [],
        });
      }
      const result = await job;
      if (result.status === 'failed') {
        throw new AppError(
          422,
          'import.invalid_rows',
          `Nothing was imported: ${new Set(result.errors.map((e) => e.row)).size} row(s) are invalid (all-or-nothing mode).`,
          result.errors,
          { id, created: 0, skipped: 0 },
        );
      }
      return reply.status(200).send(result);
    };

    app.post('/import/preview', {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Preview a CSV import without writing: detected encoding (text/csv bodies: UTF-8, UTF-16, Windows-1252…, or the charset the content type declares), headers and delimiter, suggested mapping (French or English headers), first rows mapped, every row error',
        querystring: csvQuery.pick({ mapping: true }),
        consumes: ['application/json', 'text/csv'],
        response: {
          200: z.object({
            headers: z.array(z.string()),
            delimiter: z.string(),
            encoding: z
              .string()
              .describe('Detected for a text/csv upload (UTF-8, windows-1252…); UTF-8 for JSON'),
            suggestedMapping: mappingSchema,
            mapping: mappingSchema,
            fields: z.array(z.string()),
            totalRows: z.number().int(),
            validRows: z.number().int(),
            sample: z.array(z.record(z.string(), z.string())),
            errors: z.array(rowErrorSchema),
            newAccounts: z.array(z.string()),
          }),
        },
      },
      handler: async (request) => {
        const input = await readCsvRequest(
          request.body,
          { mode: 'all_or_nothing', ...request.query },
          request.headers['content-type'],
        );
        const { parsed, suggested, mapping, candidates } = await prepareCsv(input.csv, input.mapping);
        const valid = candidates.flatMap((candidate) => (candidate.value ? [candidate.value] : []));
        const resolved = await request.run((ctx) => resolveAgainstDatabase(ctx.tx, valid));
        const errors = [...candidates.flatMap((candidate) => candidate.errors), ...resolved.errors].sort(
          (a, b) => a.row - b.row,
        );
        return {
          headers: parsed.headers,
          delimiter: parsed.delimiter,
          encoding: input.encoding,
          suggestedMapping: suggested,
          mapping,
          fields: [...IMPORT_FIELDS],
          totalRows: parsed.rows.length,
          validRows: resolved.valid.length,
          sample: parsed.rows.slice(0, 10),
          errors: errors.slice(0, 1000),
          newAccounts: resolved.newAccounts,
        };
      },
    });

    app.post('/import', {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import contacts from CSV. mode all_or_nothing (default: a single invalid row → 422, nothing written) or skip_invalid (valid rows imported, the others reported). Rows are numbered as in a spreadsheet (header = row 1). Accounts named in the file are matched by name, or created as prospects. With ?async=true answers 202 and the progress is polled at GET /api/v1/contacts/import/{id}.',
        querystring: csvQuery,
        consumes: ['application/json', 'text/csv'],
        response: { 200: progressSchema, 202: progressSchema },
      },
      handler: async (request, reply) => {
        const input = await readCsvRequest(request.body, request.query, request.headers['content-type']);
        const { candidates } = await prepareCsv(input.csv, input.mapping);
        return run(
          request,
          reply,
          input.mode,
          candidates,
          'csv',
          ['true', '1'].includes(request.query.async ?? ''),
        );
      },
    });

    app.post('/import.vcf', {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import contacts from a vCard 3.0 or 4.0 file (body text/vcard); same modes and answers as the CSV import, rows = card positions',
        querystring: csvQuery.pick({ mode: true, async: true }),
        consumes: ['text/vcard'],
        response: { 200: progressSchema, 202: progressSchema },
      },
      handler: async (request, reply) => {
        if (typeof request.body !== 'string')
          throw new AppError(415, 'unsupported_media_type', 'Send the .vcf file as text/vcard.');
        if (!request.body.trim())
          throw badRequest('import.empty', 'The file is empty.', [
            { field: 'body', message: 'Empty file.', code: 'empty' },
          ]);
        const { parseVcf } = await fileReaders();
        const candidates = parseVcf(request.body);
        if (candidates.length > MAX_ROWS)
          throw new AppError(413, 'import.too_many_rows', `At most ${MAX_ROWS} cards per import.`);
        return run(
          request,
          reply,
          request.query.mode,
          candidates,
          'vcard',
          ['true', '1'].includes(request.query.async ?? ''),
        );
      },
    });

    app.get('/import/:id', {
      schema: {
        tags,
        summary: 'Progress and result of one of my imports',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: progressSchema },
      },
      handler: async (request) => request.run((ctx) => importProgress(ctx, request.params.id)),
    });
  });
}
