import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff } from '../../auth/permissions.js';
import { InvalidInputError, Problems } from '../../errors.js';
import { domainAnswer, sendAnswer } from '../../graphql/errors.js';
import { AccountSchema } from '../accounts/account.entity.js';
import { queryValue, type RouteDeps, routeHandler } from '../documents/route-handler.js';
import { attachmentDisposition } from '../files/file-type.js';
import type { Scope } from '../organizations/organization.service.js';
import { commitmentTemplate, importCommitments } from './commitment-import.js';
import { directoryTemplate, importDirectory } from './directory-import.js';
import type { ImportLanguage } from './import.messages.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** How long an import's commit may keep its connection waiting. */
const IMPORT_COMMIT_TIMEOUT_MS = 15 * 60_000;

/**
 * The language of the problems: `?lang=en|km`, else the first of km or en in Accept-Language (the web
 * client sends its own), else the account's language, else English.
 */
export async function importLanguage(scope: Scope, request: FastifyRequest): Promise<ImportLanguage> {
  const asked = queryValue(request, 'lang');
  if (asked === 'en' || asked === 'km') return asked;
  const header = request.headers['accept-language'];
  if (typeof header === 'string') {
    const ranked = header
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = Number(
          params
            .find((p) => p.trim().startsWith('q='))
            ?.trim()
            .slice(2) ?? 1,
        );
        return { lang: tag.trim().toLowerCase().slice(0, 2), q: Number.isNaN(q) ? 0 : q };
      })
      .filter((entry) => (entry.lang === 'km' || entry.lang === 'en') && entry.q > 0)
      .sort((a, b) => b.q - a.q);
    if (ranked[0]) return ranked[0].lang as ImportLanguage;
  }
  if (scope.viewer.accountId) {
    const account = await scope.em.findOne(AccountSchema, { id: scope.viewer.accountId });
    if (account?.locale === 'KM') return 'km';
  }
  return 'en';
}

function dryRunOf(request: FastifyRequest): boolean {
  const value = queryValue(request, 'dryRun');
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidInputError([{ field: 'dryRun', message: 'must be true or false', code: 'INVALID_CHOICE' }]);
}

/** `GET /imports/{commitments,directory}/template.xlsx` and `POST /imports/{commitments,directory}?dryRun=`. */
export async function registerImportRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const handle = routeHandler(deps);
  const maxBytes = deps.config.files.maxUploadBytes;
  const kinds = {
    commitments: { template: commitmentTemplate, run: importCommitments, name: 'commitments' },
    directory: { template: directoryTemplate, run: importDirectory, name: 'directory' },
  } as const;

  await app.register(async (imports) => {
    await imports.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20 } });
    for (const [path, kind] of Object.entries(kinds)) {
      imports.get(
        `/imports/${path}/template.xlsx`,
        handle(async (scope, _request, reply) =>
          reply
            .type(XLSX)
            .header('content-disposition', attachmentDisposition(`prachum-${kind.name}-template.xlsx`))
            .send(await kind.template(scope)),
        ),
      );
      imports.post(
        `/imports/${path}`,
        handle(async (scope, request, reply: FastifyReply) => {
          requireStaff(scope.viewer, `import ${kind.name}`);
          const dryRun = dryRunOf(request);
          const problems = new Problems();
          const part = request.isMultipart() ? await request.file() : undefined;
          if (part?.fieldname !== 'file') {
            problems.add('file', 'send the .xlsx or .csv file in the multipart field "file"', 'REQUIRED');
            problems.throwIfAny();
          }
          let bytes: Buffer;
          try {
            bytes = await part!.toBuffer();
          } catch (error) {
            if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
            const answer = domainAnswer(
              new InvalidInputError([
                {
                  field: 'file',
                  message: `is larger than ${Math.round(maxBytes / 1048576)} MB (PRACHUM_MAX_UPLOAD_MB)`,
                  code: 'TOO_LONG',
                },
              ]),
            );
            return sendAnswer(reply, { ...answer, status: 413 });
          }
          // A commit of thousands of rows takes longer than an idle connection is kept (PRACHUM_REQUEST_TIMEOUT_MS):
          // keep this one open, so the answer reaches the client that waits for it.
          const socket = request.raw.socket as { setTimeout?: (ms: number) => unknown } | undefined;
          if (!dryRun && typeof socket?.setTimeout === 'function') socket.setTimeout(IMPORT_COMMIT_TIMEOUT_MS);
          const lang = await importLanguage(scope, request);
          const result = await kind.run(scope, bytes, { dryRun, lang });
          return reply.header('content-language', lang).send({ dryRun, ...result });
        }),
      );
    }
  });
}
