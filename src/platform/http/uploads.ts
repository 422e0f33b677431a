import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A file a form sent, kept on disk until the response is sent. */
export interface UploadedFile {
  path: string;
  filename: string;
  bytes: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `disk`: this route's uploaded files are streamed to temporary files, not held in memory (big files). */
    upload?: 'disk';
  }
}

const folders = new WeakMap<FastifyRequest, string>();

/**
 * What @fastify/multipart does with each file part. Most forms' files are small and arrive in the
 * body as a Buffer; a route with `config.upload: 'disk'` gets each file streamed to a temporary
 * file instead, as an UploadedFile, so a file of any size costs no memory. The files go when the
 * response has been sent.
 */
export async function keepUploadedFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  if (this.routeOptions.config.upload !== 'disk') {
    await part.toBuffer();
    return;
  }
  let folder = folders.get(this);
  if (!folder) {
    folder = await mkdtemp(path.join(tmpdir(), 'hearth-upload-'));
    folders.set(this, folder);
  }
  const file = path.join(folder, `${part.fieldname}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const out = createWriteStream(file);
  await pipeline(part.file, out);
  if (part.file.truncated) throw Object.assign(new Error('The file is too large'), { statusCode: 413 });
  (part as MultipartFile & { value: UploadedFile }).value = { path: file, filename: part.filename, bytes: out.bytesWritten };
}

/** Removes a request's temporary files once its response is sent (or it was abandoned). */
export function installUploads(app: FastifyInstance) {
  const removeFiles = async (request: FastifyRequest) => {
    const folder = folders.get(request);
    if (!folder) return;
    folders.delete(request);
    await rm(folder, { recursive: true, force: true });
  };
  app.addHook('onResponse', removeFiles);
  app.addHook('onRequestAbort', removeFiles);
}

/** The files a disk-upload form sent in one field, whether one or many. */
export function uploadedFiles(body: unknown, field: string): UploadedFile[] {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return [value]
    .flat()
    .filter((v): v is UploadedFile => typeof v === 'object' && v !== null && 'path' in v && 'bytes' in v && (v as UploadedFile).bytes > 0);
}
