import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';

/**
 * The public accountability page (`/public`, `/public/…`) is the web client's own page, served with
 * a title and a description in its HTML (plus Open Graph tags), so that a shared link reads well
 * before any script runs: in English, or in Khmer with `?lang=km`.
 */
export const PUBLIC_PAGE_TEXT = {
  en: {
    title: 'Prachum – public progress of the national commitments on migration',
    description:
      'Progress of the public commitments of the National Committee for Counter Trafficking and its partners: by plan goal and GCM objective, with lead agency, status and approved meeting minutes.',
  },
  km: {
    title: 'ប្រជុំ – វឌ្ឍនភាពសាធារណៈនៃការប្តេជ្ញាចិត្តជាតិស្តីពីចំណាកស្រុក',
    description:
      'វឌ្ឍនភាពនៃការប្តេជ្ញាចិត្តសាធារណៈរបស់គណៈកម្មាធិការជាតិប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស និងដៃគូ៖ តាមគោលដៅផែនការ និងគោលបំណង GCM ជាមួយស្ថាប័នដឹកនាំ ស្ថានភាព និងកំណត់ហេតុកិច្ចប្រជុំដែលបានអនុម័ត។',
  },
} as const;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The client's index.html with the public page's title, description and Open Graph tags, in `lang`. */
export function publicPageHtml(indexHtml: string, lang: 'en' | 'km'): string {
  const text = PUBLIC_PAGE_TEXT[lang];
  const title = escapeHtml(text.title);
  const description = escapeHtml(text.description);
  const meta = [
    `<meta name="description" content="${description}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:title" content="${title}">`,
    `<meta property="og:description" content="${description}">`,
    `<meta property="og:locale" content="${lang === 'km' ? 'km_KH' : 'en_GB'}">`,
  ].join('\n    ');
  let html = indexHtml
    // The client's own description would contradict ours.
    .replace(/<meta\s+name=["']description["'][^>]*>\s*/i, '')
    .replace(/<html([^>]*?)\slang=["'][^"']*["']/i, '<html$1')
    .replace(/<html/i, `<html lang="${lang}"`);
  html = /<title>[\s\S]*?<\/title>/i.test(html)
    ? html.replace(/<title>[\s\S]*?<\/title>/i, `<title>${title}</title>`)
    : html.replace(/<\/head>/i, `<title>${title}</title></head>`);
  return html.replace(/<\/head>/i, `    ${meta}\n  </head>`);
}

/** Serves /public and /public/* with the page's texts in its HTML, when anonymous reading is on. */
export function registerPublicPage(app: FastifyInstance, options: { publicRead: boolean; indexHtml: string }): void {
  if (!options.publicRead) return;
  const handler = async (request: { query: unknown }, reply: import('fastify').FastifyReply) => {
    let index: string;
    try {
      index = await readFile(options.indexHtml, 'utf8');
    } catch {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web client is not built. Run `pnpm --filter @prachum/client build` (pnpm start does it for you).');
    }
    const lang = (request.query as { lang?: unknown } | undefined)?.lang === 'km' ? 'km' : 'en';
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept-Language')
      .send(publicPageHtml(index, lang));
  };
  app.get('/public', handler);
  app.get('/public/*', handler);
}
