import type * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { readAll } from '../files/file-storage.js';
import { allDocumentFonts, documentFonts, fontRuns, type Weight } from './fonts.js';
import { shapeWithHarfBuzz } from './harfbuzz.js';
import { breakKhmerWords } from './khmer-text.js';
import type { Block, Inline } from './markdown.js';
import type { MinutesCommitment, MinutesDocument } from './minutes.service.js';

const MARGIN = 56;
const GREY = '#555555';
const RULE = '#999999';

type Doc = PDFKit.PDFDocument;

/** The fontkit font pdfkit made for a registered font (pdfkit keeps it on its current font). */
export function embeddedFont(doc: Doc, name: string): fontkit.Font {
  doc.font(name);
  return (doc as unknown as { _font: { font: fontkit.Font } })._font.font;
}

interface TextOptions {
  size?: number;
  weight?: Weight;
  color?: string;
  align?: 'left' | 'center' | 'right';
  /** Left edge, relative to the margin. */
  indent?: number;
  /** Space below, in points. */
  after?: number;
}

/**
 * Writes inline pieces as one paragraph: each piece split into runs of one font (Khmer, Latin),
 * Khmer broken between words (U+200B at Intl.Segmenter's boundaries), links clickable.
 */
function write(doc: Doc, pieces: Inline[], options: TextOptions = {}): void {
  if (options.align === 'center') {
    writeCentered(doc, pieces, options);
    return;
  }
  const size = options.size ?? 10.5;
  const indent = options.indent ?? 0;
  const x = MARGIN + indent;
  const width = doc.page.width - MARGIN * 2 - indent;
  const runs = pieces.flatMap((piece) =>
    fontRuns(breakKhmerWords(piece.text), piece.bold || options.weight === 'bold' ? 'bold' : 'regular').map((run) => ({
      ...run,
      url: piece.url,
    })),
  );
  if (runs.length === 0) return;
  runs.forEach((run, index) => {
    doc
      .font(run.font.name)
      .fontSize(size)
      .fillColor(run.url ? '#1a4f8b' : (options.color ?? 'black'));
    const continued = index < runs.length - 1;
    const textOptions: PDFKit.Mixins.TextOptions = {
      continued,
      link: run.url ?? null,
      underline: Boolean(run.url),
      align: options.align ?? 'left',
      lineGap: 2,
    };
    if (index === 0) doc.text(run.text, x, doc.y, { ...textOptions, width });
    else doc.text(run.text, textOptions);
  });
  doc.fillColor('black');
  doc.x = MARGIN;
  if (options.after) doc.y += options.after;
}

/**
 * Centred text laid out here, line by line: pdfkit cannot centre a paragraph made of several runs
 * (fonts). Breaks at spaces and at the U+200B between Khmer words.
 */
function writeCentered(doc: Doc, pieces: Inline[], options: TextOptions): void {
  const size = options.size ?? 10.5;
  const width = doc.page.width - MARGIN * 2;
  // Tokens: a word with the space or U+200B after it, in one font.
  const tokens = pieces.flatMap((piece) =>
    fontRuns(breakKhmerWords(piece.text), piece.bold || options.weight === 'bold' ? 'bold' : 'regular').flatMap((run) =>
      (run.text.match(/[^ \u200B]+[ \u200B]*|[ \u200B]+/g) ?? []).map((text) => {
        doc.font(run.font.name).fontSize(size);
        const trimmed = text.replace(/[ \u200B]+$/, '');
        return { text, font: run.font.name, width: doc.widthOfString(text), inked: doc.widthOfString(trimmed) };
      }),
    ),
  );
  const lines: (typeof tokens)[] = [[]];
  let used = 0;
  for (const token of tokens) {
    const line = lines[lines.length - 1]!;
    // A token continues the word before it unless that one ended with a break.
    const glued = line.length > 0 && !/[ \u200B]$/.test(line[line.length - 1]!.text);
    if (line.length > 0 && !glued && used + token.inked > width) {
      lines.push([token]);
      used = token.width;
    } else {
      line.push(token);
      used += token.width;
    }
  }
  doc.font(tokens[0]?.font ?? documentFonts().regular.latin[0]!.name).fontSize(size);
  const height = doc.currentLineHeight(true) + 2;
  for (const line of lines) {
    if (line.length === 0) continue;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const last = line[line.length - 1]!;
    const total = line.reduce((sum, token) => sum + token.width, 0) - last.width + last.inked;
    let x = MARGIN + (width - total) / 2;
    const y = doc.y;
    for (const token of line) {
      doc
        .font(token.font)
        .fontSize(size)
        .fillColor(options.color ?? 'black')
        .text(token.text, x, y, { lineBreak: false });
      x += token.width;
    }
    doc.y = y + height;
  }
  doc.fillColor('black');
  doc.x = MARGIN;
  if (options.after) doc.y += options.after;
}

const plain = (text: string): Inline[] => [{ text }];

function sectionHeading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.y += 8;
  write(doc, plain(text), { size: 13, weight: 'bold', after: 2 });
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(doc.page.width - MARGIN, doc.y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.y += 6;
}

function blocks(doc: Doc, list: Block[], indent: number): void {
  for (const block of list) {
    switch (block.kind) {
      case 'heading':
        write(doc, block.inlines, { size: block.level <= 2 ? 12 : 11, weight: 'bold', indent, after: 3 });
        break;
      case 'paragraph':
        write(doc, block.inlines, { indent, after: 4 });
        break;
      case 'list':
        block.items.forEach((item, index) => {
          const marker = block.ordered ? `${block.start + index}.` : '•';
          const y = doc.y;
          write(doc, plain(marker), { indent });
          doc.y = y;
          const [first, ...rest] = item;
          if (first && (first.kind === 'paragraph' || first.kind === 'heading'))
            write(doc, first.inlines, { indent: indent + 16, after: 2 });
          else if (first) blocks(doc, [first], indent + 16);
          blocks(doc, rest, indent + 16);
        });
        doc.y += 2;
        break;
      case 'quote':
        blocks(doc, block.blocks, indent + 14);
        break;
      case 'code':
        write(doc, plain(block.text), { indent: indent + 8, color: GREY, after: 4 });
        break;
      case 'rule':
        doc
          .moveTo(MARGIN + indent, doc.y + 3)
          .lineTo(doc.page.width - MARGIN, doc.y + 3)
          .strokeColor(RULE)
          .stroke();
        doc.y += 8;
        break;
    }
  }
}

function commitmentList(doc: Doc, minutes: MinutesDocument, list: MinutesCommitment[]): void {
  const l = minutes.labels;
  for (const c of list) {
    if (doc.y > doc.page.height - MARGIN - 50) doc.addPage();
    write(doc, [{ text: c.reference, bold: true }, { text: `  ${c.title}` }], { after: 1 });
    const facts = [
      `${l.lead}: ${c.lead}`,
      ...(c.assignee ? [`${l.assignee}: ${c.assignee}`] : []),
      `${l.dueDate}: ${c.dueDate}`,
      `${l.status}: ${c.status}`,
    ];
    write(doc, plain(facts.join('  ·  ')), { size: 9.5, color: GREY, indent: 12, after: 5 });
  }
}

/** The official minutes as a PDF, made in this process with pdfkit and fontkit (no browser). */
export async function minutesPdf(minutes: MinutesDocument): Promise<Buffer> {
  const l = minutes.labels;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: minutes.lang === 'km' ? 'km-KH' : 'en-GB',
    info: { Title: `${l.minutesOf}: ${minutes.title}`, Author: minutes.organizer, Creator: 'Prachum' },
    displayTitle: true,
  });
  const done = readAll(doc as unknown as NodeJS.ReadableStream as never);
  const fonts = documentFonts();
  for (const font of allDocumentFonts()) {
    doc.registerFont(font.name, font.bytes);
    // Khmer is shaped by HarfBuzz (harfbuzz.ts); Latin by fontkit, which does it right.
    if (font.khmer) shapeWithHarfBuzz(embeddedFont(doc, font.name), font);
  }

  // Letterhead: the Kingdom and its motto, the convening body, the title.
  doc.font(fonts.heading.name).fontSize(13);
  // One short line each: no word breaks needed (and Hanuman's subset has no U+200B).
  doc.text(LETTERHEAD_KM.kingdom, MARGIN, MARGIN, { align: 'center' });
  doc.fontSize(11.5).text(LETTERHEAD_KM.motto, { align: 'center' });
  if (minutes.lang === 'en') {
    write(doc, plain(l.kingdom.toUpperCase()), { size: 9.5, weight: 'bold', align: 'center' });
    write(doc, plain(l.motto.toUpperCase()), { size: 9, align: 'center' });
  }
  doc.y += 6;
  write(doc, plain(minutes.organizer), { size: 11, weight: 'bold', after: 14 });
  write(doc, plain(l.minutesOf), { size: 12, align: 'center', color: GREY });
  write(doc, plain(minutes.title), { size: 16, weight: 'bold', align: 'center', after: 10 });

  sectionHeading(doc, l.details);
  for (const detail of minutes.details)
    write(doc, [{ text: `${detail.label}: `, bold: true }, { text: detail.value }], { after: 1 });

  sectionHeading(doc, l.attendance);
  if (minutes.attendance.length === 0) write(doc, plain(l.noAttendance));
  for (const group of minutes.attendance) {
    write(doc, [{ text: group.organization, bold: true }], { after: 1 });
    for (const person of group.people)
      write(doc, plain(`${person.name} — ${person.role}, ${person.attendance}`), { indent: 12, size: 10 });
    doc.y += 4;
  }

  if (minutes.mattersArising) {
    sectionHeading(doc, l.mattersArising);
    if (minutes.mattersArising.length === 0) write(doc, plain(l.noMattersArising));
    commitmentList(doc, minutes, minutes.mattersArising);
  }

  sectionHeading(doc, l.agenda);
  for (const item of minutes.agenda) {
    write(doc, plain(`${item.number}. ${item.title}`), { size: 11.5, weight: 'bold', after: 1 });
    if (item.presenter) write(doc, plain(`${l.presenter}: ${item.presenter}`), { size: 9.5, color: GREY, after: 3 });
    if (item.minutes.length === 0) write(doc, plain(l.noMinutes), { color: GREY, after: 4 });
    else blocks(doc, item.minutes, 0);
    doc.y += 4;
  }

  sectionHeading(doc, l.decisions);
  if (minutes.decisions.length === 0) write(doc, plain(l.noDecisions));
  for (const decision of minutes.decisions) {
    write(doc, [{ text: `${decision.number}. `, bold: true }, { text: decision.text }], { after: 1 });
    if (decision.agendaItem)
      write(doc, plain(`${l.agendaItem}: ${decision.agendaItem}`), { size: 9.5, color: GREY, indent: 12, after: 4 });
  }

  sectionHeading(doc, l.commitments);
  if (minutes.commitments.length === 0) write(doc, plain(l.noCommitments));
  commitmentList(doc, minutes, minutes.commitments);

  sectionHeading(doc, l.approval);
  write(
    doc,
    plain(
      minutes.approval
        ? `${l.approvedBy} ${minutes.approval.by ?? '—'} ${l.approvedOn} ${minutes.approval.on}.`
        : l.notApproved,
    ),
    { after: 10 },
  );

  // Signature block: the chair and the rapporteur, side by side.
  if (doc.y > doc.page.height - MARGIN - 120) doc.addPage();
  write(doc, plain(l.signatures), { size: 11.5, weight: 'bold', after: 30 });
  const top = doc.y;
  const column = (doc.page.width - MARGIN * 2) / 2;
  [
    { role: l.signatureChair, name: minutes.chair },
    { role: l.signatureRapporteur, name: minutes.rapporteur },
  ].forEach((signer, index) => {
    const left = MARGIN + index * column;
    doc
      .moveTo(left, top)
      .lineTo(left + column - 30, top)
      .lineWidth(0.7)
      .strokeColor('black')
      .stroke();
    doc.y = top + 4;
    write(doc, plain(signer.role), { weight: 'bold', indent: index * column, size: 10 });
    write(doc, plain(`${l.name}: ${signer.name ?? ''}`), { indent: index * column, size: 10 });
    write(doc, plain(`${l.signedDate}:`), { indent: index * column, size: 10 });
  });

  // Page numbers, written last into the bottom margin of every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const number = new Intl.NumberFormat(minutes.lang === 'km' ? 'km-KH-u-nu-khmr' : 'en-GB');
    const footer = `${minutes.title} · ${l.page} ${number.format(i + 1)} ${l.of} ${number.format(range.count)}`;
    doc.y = doc.page.height - MARGIN + 16;
    write(doc, plain(footer), { size: 8, color: GREY, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

const LETTERHEAD_KM = { kingdom: 'ព្រះរាជាណាចក្រកម្ពុជា', motto: 'ជាតិ សាសនា ព្រះមហាក្សត្រ' };
