import type { Locale } from '../accounts/account.entity.js';
import type { Bilingual } from '../notifications/notification.messages.js';

/** What an e-mail says, in both languages; rendered with the recipient's language first. */
export interface MailBody {
  subject: Bilingual;
  heading: Bilingual;
  paragraphs?: Bilingual[];
  sections?: { title: Bilingual; items: { text: Bilingual; url?: string }[] }[];
  action?: { label: Bilingual; url: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Khmer first where the text is Khmer: common mail clients then pick a font that shapes it. */
const FONT_STACK =
  "'Noto Sans Khmer', 'Khmer OS System', 'Khmer OS', 'Khmer UI', 'Leelawadee UI', 'Noto Sans', Arial, sans-serif";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

type Lang = keyof Bilingual;

function textBlock(body: MailBody, lang: Lang): string {
  const lines = [body.heading[lang], ''];
  for (const paragraph of body.paragraphs ?? []) lines.push(paragraph[lang], '');
  for (const section of body.sections ?? []) {
    lines.push(section.title[lang]);
    for (const item of section.items) lines.push(`- ${item.text[lang]}${item.url ? `\n  ${item.url}` : ''}`);
    lines.push('');
  }
  if (body.action) lines.push(`${body.action.label[lang]}: ${body.action.url}`, '');
  return lines.join('\n');
}

function htmlBlock(body: MailBody, lang: Lang): string {
  const parts = [`<h2 style="font-size:18px;margin:0 0 12px">${escapeHtml(body.heading[lang])}</h2>`];
  for (const paragraph of body.paragraphs ?? [])
    parts.push(`<p style="margin:0 0 12px">${escapeHtml(paragraph[lang])}</p>`);
  for (const section of body.sections ?? []) {
    parts.push(
      `<h3 style="font-size:15px;margin:16px 0 6px">${escapeHtml(section.title[lang])}</h3><ul style="margin:0 0 12px;padding-left:20px">`,
    );
    for (const item of section.items) {
      const text = escapeHtml(item.text[lang]);
      parts.push(
        `<li style="margin:0 0 4px">${item.url ? `<a href="${escapeHtml(item.url)}" style="color:#1c5d99">${text}</a>` : text}</li>`,
      );
    }
    parts.push('</ul>');
  }
  if (body.action) {
    parts.push(
      `<p style="margin:16px 0"><a href="${escapeHtml(body.action.url)}" style="background:#1c5d99;color:#ffffff;padding:8px 14px;border-radius:4px;text-decoration:none">${escapeHtml(body.action.label[lang])}</a></p>`,
    );
  }
  return `<div lang="${lang}" style="font-family:${FONT_STACK};line-height:1.7">${parts.join('\n')}</div>`;
}

const SETTINGS: Bilingual = {
  en: 'You receive this e-mail from Prachum. Choose which e-mails you receive',
  km: 'អ្នកទទួលបានអ៊ីមែលនេះពីប្រជុំ។ ជ្រើសរើសអ៊ីមែលដែលអ្នកចង់ទទួល',
};
const OTHER_LANGUAGE: Bilingual = { en: 'In English', km: 'ជាភាសាខ្មែរ' };

/**
 * Plain text and HTML, UTF-8: the recipient's language first, the other below it, and the
 * link to their e-mail settings in both.
 */
export function renderMail(body: MailBody, locale: Locale, settingsUrl: string): RenderedMail {
  const first: Lang = locale === 'KM' ? 'km' : 'en';
  const second: Lang = first === 'km' ? 'en' : 'km';
  const text = [
    textBlock(body, first),
    `— ${OTHER_LANGUAGE[second]} —`,
    '',
    textBlock(body, second),
    '--',
    `${SETTINGS[first]}: ${settingsUrl}`,
    `${SETTINGS[second]}: ${settingsUrl}`,
    '',
  ].join('\n');
  const footer = [first, second]
    .map(
      (lang) =>
        `<p lang="${lang}" style="margin:0 0 4px">${escapeHtml(SETTINGS[lang])}: <a href="${escapeHtml(settingsUrl)}" style="color:#1c5d99">${escapeHtml(settingsUrl)}</a></p>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="${first}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(body.subject[first])}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;color:#1f2933;font-family:${FONT_STACK}">
<div style="max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #dde1e6;border-radius:6px;padding:24px">
${htmlBlock(body, first)}
<hr style="border:none;border-top:1px solid #dde1e6;margin:24px 0">
<p lang="${second}" style="color:#52606d;font-size:13px;margin:0 0 8px;font-family:${FONT_STACK}">${escapeHtml(OTHER_LANGUAGE[second])}</p>
${htmlBlock(body, second)}
<hr style="border:none;border-top:1px solid #dde1e6;margin:24px 0">
<div style="color:#52606d;font-size:12px;font-family:${FONT_STACK}">
${footer}
</div>
</div>
</body>
</html>
`;
  return { subject: body.subject[first], text, html };
}
