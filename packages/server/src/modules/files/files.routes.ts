import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { InvalidInputError, NotFoundError } from '../../errors.js';
import { domainAnswer, sendAnswer } from '../../graphql/errors.js';
import { decode } from '../../graphql/decode.js';
import { type RouteDeps, routeHandler } from '../documents/route-handler.js';
import type { Scope } from '../organizations/organization.service.js';
import { type FileStorage } from './file-storage.js';
import { attachmentDisposition, servedContentType } from './file-type.js';
import { findReadableFile, requireUploader, saveUpload, thumbnailKey, uploadAnswer } from './file.service.js';

/** Answers bad input with a status of its own (413 too large, 415 wrong type) and BAD_USER_INPUT's fields. */
function refuse(
  reply: FastifyReply,
  status: number,
  field: string,
  message: string,
  code: 'TOO_LONG' | 'INVALID_FORMAT' | 'REQUIRED',
) {
  const answer = domainAnswer(new InvalidInputError([{ field, message, code }]));
  return sendAnswer(reply, { ...answer, status });
}

/** `POST /files` (upload), `GET /files/{id}` (download) and `GET /files/{id}/thumbnail`. */
export async function registerFileRoutes(app: FastifyInstance, deps: RouteDeps, storage: FileStorage): Promise<void> {
  const handle = routeHandler(deps);
  const maxBytes = deps.config.files.maxUploadBytes;
  const maxMb = Math.round(maxBytes / (1024 * 1024));

  // Multipart only here: /graphql and the other routes keep taking JSON alone.
  await app.register(async (files) => {
    await files.register(multipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 20, headerPairs: 100 },
    });

    files.post(
      '/files',
      handle(async (scope, request, reply) => {
        requireUploader(scope.viewer);
        if (!request.isMultipart())
          return refuse(reply, 415, 'file', 'send multipart/form-data with the file in the field "file"', 'REQUIRED');
        const part = await request.file();
        if (part?.fieldname !== 'file')
          return refuse(reply, 400, 'file', 'send the file in the multipart field "file"', 'REQUIRED');
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            return refuse(reply, 413, 'file', `is larger than ${maxMb} MB (PRACHUM_MAX_UPLOAD_MB)`, 'TOO_LONG');
          throw error;
        }
        if (bytes.length === 0) return refuse(reply, 400, 'file', 'is empty', 'REQUIRED');
        try {
          const file = await saveUpload(scope, storage, { fileName: part.filename, bytes }, request.log);
          return reply.code(201).send(uploadAnswer(file));
        } catch (error) {
          if (error instanceof InvalidInputError && error.fields[0]?.code === 'INVALID_FORMAT')
            return sendAnswer(reply, { ...domainAnswer(error), status: 415 });
          throw error;
        }
      }),
    );
  });

  const readable = async (scope: Scope, rawId: string) => {
    const id = decode((d) => d.id(rawId, 'File', 'id'));
    return findReadableFile(scope, id, rawId);
  };

  const send = async (reply: FastifyReply, key: string, fileName: string, contentType: string, globalId: string) => {
    const stream = await storage.get(key);
    if (!stream) {
      reply.log.error({ key }, 'a stored file has a row but no bytes in the file store');
      throw new NotFoundError('File', globalId);
    }
    return reply
      .type(servedContentType(contentType))
      .header('content-disposition', attachmentDisposition(fileName))
      .header('x-content-type-options', 'nosniff')
      .send(stream);
  };

  app.get(
    '/files/:id',
    handle(async (scope, request, reply) => {
      const { id } = request.params as { id: string };
      const file = await readable(scope, id);
      reply.header('content-length', String(file.size)).header('etag', `"${file.sha256}"`);
      return send(reply, file.id, file.fileName, file.contentType, id);
    }),
  );

  app.get(
    '/files/:id/thumbnail',
    handle(async (scope, request, reply) => {
      const { id } = request.params as { id: string };
      const file = await readable(scope, id);
      if (!file.hasThumbnail) throw new NotFoundError('Thumbnail of file', id);
      return send(reply, thumbnailKey(file.id), `${file.fileName}.thumbnail.webp`, 'image/webp', id);
    }),
  );
}
