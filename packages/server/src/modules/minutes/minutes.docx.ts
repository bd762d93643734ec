import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  TabStopType,
  TextRun,
} from 'docx';
import { khmerFont, woffToSfnt } from './fonts.js';
import { breakKhmerWords, scriptRuns } from './khmer-text.js';
import type { Block, Inline } from './markdown.js';
import type { MinutesCommitment, MinutesDocument } from './minutes.service.js';

/** The complex-script font of Khmer runs, embedded in the document (Hanuman's Khmer subset, as in the PDF). */
export const KHMER_FONT = 'Hanuman';
const LATIN_FONT = 'Noto Sans';
const GREY = '555555';

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  color?: string;
}

/**
 * Text runs for a piece of text: Khmer runs carry the complex-script font and the Khmer language
 * (w:rFonts w:cs, w:lang w:bidi="km-KH") and a U+200B at each word boundary; other runs the Latin font
 * and the document's language.
 */
function runs(text: string, style: RunStyle, lang: 'en' | 'km', link = false): TextRun[] {
  const size = style.size ?? 21;
  return scriptRuns(breakKhmerWords(text)).map((run) =>
    run.khmer
      ? new TextRun({
          text: run.text,
          bold: style.bold,
          boldComplexScript: style.bold,
          italics: style.italics,
          size,
          sizeComplexScript: size,
          color: style.color,
          font: { ascii: KHMER_FONT, hAnsi: KHMER_FONT, cs: KHMER_FONT, eastAsia: KHMER_FONT },
          language: { value: 'km-KH', bidirectional: 'km-KH' },
          ...(link ? { style: 'Hyperlink' } : {}),
        })
      : new TextRun({
          text: run.text,
          bold: style.bold,
          italics: style.italics,
          size,
          color: style.color,
          font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: KHMER_FONT },
          language: { value: lang === 'km' ? 'km-KH' : 'en-GB', bidirectional: 'km-KH' },
          ...(link ? { style: 'Hyperlink' } : {}),
        }),
  );
}

function children(pieces: Inline[], lang: 'en' | 'km', style: RunStyle = {}): ParagraphChild[] {
  return pieces.flatMap((piece): ParagraphChild[] => {
    const pieceStyle = { ...style, bold: style.bold || piece.bold, italics: piece.italic };
    if (!piece.url) return runs(piece.text, pieceStyle, lang);
    return [new ExternalHyperlink({ link: piece.url, children: runs(piece.text, pieceStyle, lang, true) })];
  });
}

const text = (value: string): Inline[] => [{ text: value }];

function blockParagraphs(list: Block[], lang: 'en' | 'km', level = 0): Paragraph[] {
  return list.flatMap((block): Paragraph[] => {
    const indent = level ? { left: 360 * level } : undefined;
    switch (block.kind) {
      case 'heading':
        return [
          new Paragraph({
            children: children(block.inlines, lang, { bold: true, size: block.level <= 2 ? 24 : 22 }),
            spacing: { before: 120, after: 60 },
            indent,
          }),
        ];
      case 'paragraph':
        return [new Paragraph({ children: children(block.inlines, lang), spacing: { after: 80 }, indent })];
      case 'list':
        return block.items.flatMap((item, index) => {
          const [first, ...rest] = item;
          const marker = block.ordered ? `${block.start + index}.` : '•';
          const content = first && (first.kind === 'paragraph' || first.kind === 'heading') ? first.inlines : [];
          return [
            new Paragraph({
              children: [...runs(`${marker}\t`, {}, lang), ...children(content, lang)],
              indent: { left: 360 * (level + 1), hanging: 360 },
              tabStops: [{ type: TabStopType.LEFT, position: 360 * (level + 1) }],
              spacing: { after: 40 },
            }),
            ...blockParagraphs(content.length ? rest : item, lang, level + 1),
          ];
        });
      case 'quote':
        return blockParagraphs(block.blocks, lang, level + 1);
      case 'code':
        return [
          new Paragraph({ children: runs(block.text, { color: GREY }, lang), indent: { left: 360 * (level + 1) } }),
        ];
      case 'rule':
        return [
          new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 1 } } }),
        ];
      default:
        return [];
    }
  });
}

const heading = (value: string, lang: 'en' | 'km') =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: runs(value, { bold: true, size: 26 }, lang),
    spacing: { before: 240, after: 100 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 2 } },
  });

const line = (pieces: Inline[], lang: 'en' | 'km', style: RunStyle = {}, indent = 0) =>
  new Paragraph({
    children: children(pieces, lang, style),
    spacing: { after: 40 },
    indent: indent ? { left: indent } : undefined,
  });

function commitmentParagraphs(minutes: MinutesDocument, list: MinutesCommitment[]): Paragraph[] {
  const l = minutes.labels;
  return list.flatMap((c) => [
    line([{ text: c.reference, bold: true }, { text: `  ${c.title}` }], minutes.lang),
    line(
      text(
        [
          `${l.lead}: ${c.lead}`,
          ...(c.assignee ? [`${l.assignee}: ${c.assignee}`] : []),
          `${l.dueDate}: ${c.dueDate}`,
          `${l.status}: ${c.status}`,
        ].join('  ·  '),
      ),
      minutes.lang,
      { size: 19, color: GREY },
      240,
    ),
  ]);
}

/** The official minutes as a Word document (docx), with the Khmer font embedded. */
export async function minutesDocx(minutes: MinutesDocument): Promise<Buffer> {
  const l = minutes.labels;
  const lang = minutes.lang;
  const body: Paragraph[] = [];
  const center = (value: string, style: RunStyle) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: runs(value, style, lang) });

  body.push(
    center('ព្រះរាជាណាចក្រកម្ពុជា', { bold: true, size: 26 }),
    center('ជាតិ សាសនា ព្រះមហាក្សត្រ', { bold: true, size: 23 }),
  );
  if (lang === 'en')
    body.push(center(l.kingdom.toUpperCase(), { bold: true, size: 19 }), center(l.motto.toUpperCase(), { size: 18 }));
  body.push(
    new Paragraph({
      children: runs(minutes.organizer, { bold: true, size: 22 }, lang),
      spacing: { before: 200, after: 240 },
    }),
    center(l.minutesOf, { size: 24, color: GREY }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: runs(minutes.title, { bold: true, size: 32 }, lang),
      spacing: { after: 200 },
    }),
  );

  body.push(heading(l.details, lang));
  for (const detail of minutes.details)
    body.push(line([{ text: `${detail.label}: `, bold: true }, { text: detail.value }], lang));

  body.push(heading(l.attendance, lang));
  if (minutes.attendance.length === 0) body.push(line(text(l.noAttendance), lang));
  for (const group of minutes.attendance) {
    body.push(line([{ text: group.organization, bold: true }], lang));
    for (const person of group.people)
      body.push(line(text(`${person.name} — ${person.role}, ${person.attendance}`), lang, { size: 20 }, 240));
  }

  if (minutes.mattersArising) {
    body.push(heading(l.mattersArising, lang));
    if (minutes.mattersArising.length === 0) body.push(line(text(l.noMattersArising), lang));
    body.push(...commitmentParagraphs(minutes, minutes.mattersArising));
  }

  body.push(heading(l.agenda, lang));
  for (const item of minutes.agenda) {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_3,
        children: runs(`${item.number}. ${item.title}`, { bold: true, size: 23 }, lang),
        spacing: { before: 160, after: 40 },
      }),
    );
    if (item.presenter) body.push(line(text(`${l.presenter}: ${item.presenter}`), lang, { size: 19, color: GREY }));
    if (item.minutes.length === 0) body.push(line(text(l.noMinutes), lang, { color: GREY }));
    body.push(...blockParagraphs(item.minutes, lang));
  }

  body.push(heading(l.decisions, lang));
  if (minutes.decisions.length === 0) body.push(line(text(l.noDecisions), lang));
  for (const decision of minutes.decisions) {
    body.push(line([{ text: `${decision.number}. `, bold: true }, { text: decision.text }], lang));
    if (decision.agendaItem)
      body.push(line(text(`${l.agendaItem}: ${decision.agendaItem}`), lang, { size: 19, color: GREY }, 240));
  }

  body.push(heading(l.commitments, lang));
  if (minutes.commitments.length === 0) body.push(line(text(l.noCommitments), lang));
  body.push(...commitmentParagraphs(minutes, minutes.commitments));

  body.push(heading(l.approval, lang));
  body.push(
    line(
      text(
        minutes.approval
          ? `${l.approvedBy} ${minutes.approval.by ?? '—'} ${l.approvedOn} ${minutes.approval.on}.`
          : l.notApproved,
      ),
      lang,
    ),
  );

  body.push(heading(l.signatures, lang));
  for (const signer of [
    { role: l.signatureChair, name: minutes.chair },
    { role: l.signatureRapporteur, name: minutes.rapporteur },
  ]) {
    body.push(
      new Paragraph({
        spacing: { before: 600 },
        border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } },
        children: runs(signer.role, { bold: true }, lang),
      }),
      line(text(`${l.name}: ${signer.name ?? ''}`), lang),
      line(text(`${l.signedDate}:`), lang),
    );
  }

  const [regular, bold] = [woffToSfnt(khmerFont('regular').bytes), woffToSfnt(khmerFont('bold').bytes)];
  const document = new Document({
    creator: 'Prachum',
    title: `${l.minutesOf}: ${minutes.title}`,
    fonts: [{ name: KHMER_FONT, data: regular, bold }],
    numbering: { config: [{ reference: 'none', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] }] },
    styles: {
      default: { document: { run: { font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: KHMER_FONT }, size: 21 } } },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  ...runs(`${minutes.title} · ${l.page} `, { size: 16, color: GREY }, lang),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, color: GREY }),
                  ...runs(` ${l.of} `, { size: 16, color: GREY }, lang),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: GREY }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
