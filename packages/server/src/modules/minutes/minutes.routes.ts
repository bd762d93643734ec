import type { FastifyInstance } from 'fastify';
import type { Problems } from '../../errors.js';
import { decodeAsync } from '../../graphql/decode.js';
import { AccountSchema } from '../accounts/account.entity.js';
import { attachmentDisposition } from '../files/file-type.js';
import { queryValue, type RouteDeps, routeHandler } from '../documents/route-handler.js';
import type { Scope } from '../organizations/organization.service.js';
import { minutesDocx } from './minutes.docx.js';
import type { MinutesLanguage } from './minutes.labels.js';
import { minutesPdf } from './minutes.pdf.js';
import { loadMinutes } from './minutes.service.js';

/** `?lang=en|km`; without it, the account's language (English for anonymous readers and tokens without one). */
async function language(scope: Scope, raw: string | undefined, problems: Problems): Promise<MinutesLanguage> {
  if (raw === 'en' || raw === 'km') return raw;
  if (raw !== undefined) {
    problems.add('lang', 'must be en or km', 'INVALID_CHOICE');
    return 'en';
  }
  if (!scope.viewer.accountId) return 'en';
  const account = await scope.em.findOne(AccountSchema, { id: scope.viewer.accountId });
  return account?.locale === 'KM' ? 'km' : 'en';
}

/** `GET /exports/meetings/{id}/minutes.pdf` and `…/minutes.docx`: the official minutes, visible as the meeting is. */
export function registerMinutesRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const handle = routeHandler(deps);
  const formats = {
    pdf: { render: minutesPdf, type: 'application/pdf' },
    docx: {
      render: minutesDocx,
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
  } as const;
  for (const [extension, format] of Object.entries(formats)) {
    app.get(
      `/exports/meetings/:id/minutes.${extension}`,
      handle(async (scope, request, reply) => {
        const { id: globalId } = request.params as { id: string };
        const { id, lang } = await decodeAsync(async (d) => ({
          id: d.id(globalId, 'Meeting', 'id'),
          lang: await language(scope, queryValue(request, 'lang'), d.problems),
        }));
        const minutes = await loadMinutes(scope, id, globalId, lang);
        const body = await format.render(minutes);
        const name = `minutes-${minutes.day}-${lang}.${extension}`;
        return reply
          .type(format.type)
          .header('content-disposition', attachmentDisposition(name))
          .header('content-language', lang === 'km' ? 'km' : 'en')
          .send(body);
      }),
    );
  }
}
