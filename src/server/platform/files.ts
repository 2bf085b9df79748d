import { fileTypeFromBuffer } from 'file-type';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from './errors.js';

export type StoredFile = { sha256: string; size: number; contentType: string };

// What we accept: office documents, PDFs, images, text. Anything else is refused (415).
const ALLOWED_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/msword',
  'application/vnd.ms-excel',
  'application/zip',
  'text/vcard',
  'text/calendar',
  'text/markdown',
]);

/** The content type from the bytes themselves (not the client's word); text when it decodes as UTF-8. */
export async function sniffContentType(content: Buffer, declared?: string): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) {
    // Office formats are ZIP containers; trust the declared office type when the bytes are a ZIP.
    if (
      detected.mime === 'application/zip' &&
      declared &&
      ALLOWED_TYPES.has(declared) &&
      declared.includes('officedocument')
    )
      return declared;
    return detected.mime;
  }
  const looksLikeText =
    !content.subarray(0, 4096).includes(0) && Buffer.from(content.toString('utf8'), 'utf8').equals(content);
  if (looksLikeText)
    return declared && declared.startsWith('text/') && ALLOWED_TYPES.has(declared.split(';')[0])
      ? declared.split(';')[0]
      : 'text/plain';
  return 'application/octet-stream';
}

/**
 * Stores bytes under `DATA_DIR/files/<aa>/<sha256>` (content-addressed: the same file uploaded
 * twice is stored once). Refuses types outside the allow-list with 415.
 */
export async function storeFile(
  dataDir: string,
  content: Buffer,
  declaredType?: string,
): Promise<StoredFile> {
  const contentType = await sniffContentType(content, declaredType);
  if (!ALLOWED_TYPES.has(contentType)) {
    throw new AppError(415, 'file.type_not_allowed', `Files of type ${contentType} are not accepted.`);
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const target = filePath(dataDir, sha256);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, target);
  }
  return { sha256, size: content.length, contentType };
}

export const filePath = (dataDir: string, sha256: string) =>
  path.join(dataDir, 'files', sha256.slice(0, 2), sha256);

export const readStoredFile = (dataDir: string, sha256: string) => readFile(filePath(dataDir, sha256));

/** A Content-Disposition header that survives accents in file names (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'file';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
