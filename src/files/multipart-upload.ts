import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '@/common/errors';
import { ContentStore, ReceivedContent } from './content-store';
import { cleanFileName, MAX_NAME_LENGTH, nameLength } from './file-rules';

/** The form of `POST /files`: one part `file`, and an optional text part `regionCode`. */
export const FILE_FIELD = 'file';
export const REGION_FIELD = 'regionCode';

export interface ReceivedUpload {
  content: ReceivedContent;
  /** Cleaned name (may be empty). */
  fileName: string;
  /** The part's Content-Type as the client declared it. */
  declaredType: string;
  /** The multipart parser cut the file at the size limit. */
  truncated: boolean;
}

export interface UploadForm {
  upload?: ReceivedUpload;
  regionCode?: string;
}

/**
 * Reads the multipart body of an upload: text fields are checked by `checkField` as soon as they
 * arrive (so a refused region stops the upload before its bytes are stored), the file is streamed into
 * a temporary file. The whole body is consumed before an error is thrown (a half-read multipart body
 * would stall the connection); whatever fails, no temporary file is left behind. If the client goes
 * away mid-stream, the promise rejects and the temporary file is gone.
 */
export async function readUploadForm(
  request: FastifyRequest,
  store: ContentStore,
  checkField: (name: string, value: string) => Promise<void>,
): Promise<UploadForm> {
  if (!request.isMultipart()) {
    throw invalid(FILE_FIELD, 'send the file as multipart/form-data');
  }
  const aborted = new AbortController();
  const raw = request.raw;
  const onClose = (): void => {
    if (!raw.complete) aborted.abort();
  };
  raw.on('close', onClose);

  const form: UploadForm = {};
  let failure: unknown;
  try {
    for await (const part of request.parts()) {
      if (failure !== undefined) {
        drain(part);
        continue;
      }
      try {
        await readPart(part, form, store, checkField, aborted.signal);
      } catch (error) {
        failure = error;
        drain(part);
      }
    }
  } catch (error) {
    failure ??= aborted.signal.aborted ? new Error('the client went away during the upload') : error;
  } finally {
    raw.off('close', onClose);
  }
  if (failure !== undefined) {
    if (form.upload) await store.discard(form.upload.content.tempPath);
    throw translate(failure, store.maxBytes);
  }
  return form;
}

async function readPart(
  part: Multipart,
  form: UploadForm,
  store: ContentStore,
  checkField: (name: string, value: string) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  if (part.type === 'field') {
    if (part.fieldname !== REGION_FIELD) {
      throw invalid(part.fieldname, `unexpected field (the form has "${FILE_FIELD}" and "${REGION_FIELD}")`);
    }
    if (form.regionCode !== undefined) throw invalid(part.fieldname, 'given twice');
    const value = typeof part.value === 'string' ? part.value.trim() : '';
    await checkField(part.fieldname, value);
    form.regionCode = value;
    return;
  }
  if (part.fieldname !== FILE_FIELD) {
    throw invalid(part.fieldname, `unexpected file field (send the file as "${FILE_FIELD}")`);
  }
  const fileName = cleanFileName(part.filename);
  if (nameLength(fileName) > MAX_NAME_LENGTH) {
    throw invalid(FILE_FIELD, `the file name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  const content = await store.receive(part.file, signal);
  form.upload = { content, fileName, declaredType: part.mimetype, truncated: part.file.truncated };
}

/** Lets the parser go on past a part nobody reads. */
function drain(part: Multipart): void {
  if (part.type === 'file' && !part.file.readableEnded && !part.file.destroyed) part.file.resume();
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.FILE_UPLOAD_INVALID, `${field}: ${message}`, {
    fields: [{ field, message }],
  });
}

/** Errors of the multipart parser as domain errors (anything else passes through). */
function translate(error: unknown, maxBytes: number): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return invalid(FILE_FIELD, 'send one file per request');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return invalid(FILE_FIELD, 'the form has too many fields');
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return invalid(FILE_FIELD, 'the form has a forbidden field');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return invalid(FILE_FIELD, 'send the file as multipart/form-data');
    default:
      if (typeof code === 'string' && code.startsWith('FST_')) return invalid(FILE_FIELD, 'malformed form');
      // Errors of the parser itself (a malformed or cut-off body) are the client's; I/O errors are ours.
      if (error instanceof Error && !(error as NodeJS.ErrnoException).syscall) {
        return invalid(FILE_FIELD, `malformed or incomplete upload (${error.message})`);
      }
      return error;
  }
}

/**
 * A file the app wrote (an export) that is over the limit: the same code, said of the argument that chose
 * what went into it (`narrowBy`: an export's `filter`, a report's `regionCode`), so that the caller knows
 * to export less at a time.
 */
export function generatedTooLarge(size: number, maxBytes: number, narrowBy: string): DomainError {
  const message = `the exported file is ${size} bytes, larger than the limit of ${maxBytes} bytes: export fewer records at a time`;
  return new DomainError(ErrorCode.FILE_TOO_LARGE, message, {
    fields: [{ field: narrowBy, message }],
    maxBytes,
    size,
  });
}

export function tooLarge(maxBytes: number): DomainError {
  const message = `is larger than the limit of ${maxBytes} bytes`;
  return new DomainError(ErrorCode.FILE_TOO_LARGE, `${FILE_FIELD}: ${message}`, {
    fields: [{ field: FILE_FIELD, message }],
    maxBytes,
  });
}
