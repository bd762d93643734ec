import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

/** The folder of a @fontsource package's font files (its exports name only its CSS). */
const filesOf = (pkg: string) => path.join(path.dirname(require.resolve(`${pkg}/LICENSE`)), 'files');

/** A font the documents use: its bytes (WOFF, as the npm package ships it) and fontkit's reading of them. */
export interface DocumentFont {
  name: string;
  /** A Khmer font: shaped with HarfBuzz in PDFs. */
  khmer: boolean;
  bytes: Buffer;
  font: fontkit.Font;
}

function load(name: string, pkg: string, file: string): DocumentFont {
  const bytes = readFileSync(path.join(filesOf(pkg), file));
  return { name, khmer: /-khmer-\d{3}-normal/.test(file), bytes, font: fontkit.create(bytes) as fontkit.Font };
}

export type Weight = 'regular' | 'bold';

interface FontSet {
  /** Latin, Latin Extended: Noto Sans Khmer's Latin subsets. */
  latin: DocumentFont[];
  /** Khmer: Hanuman, which fontkit shapes like HarfBuzz (Noto Sans Khmer's GPOS trips fontkit 2.0.4 on ំ). */
  khmer: DocumentFont;
  /** U+200B, which Hanuman's subset lacks: from Noto Sans Khmer's Khmer subset (zero width, no ink). */
  breaks: DocumentFont;
}

let cache: (Record<Weight, FontSet> & { heading: DocumentFont }) | undefined;

/** The fonts of the official minutes, regular and bold, and Hanuman bold for the letterhead. */
export function documentFonts() {
  const noto = '@fontsource/noto-sans-khmer';
  const hanuman = '@fontsource/hanuman';
  cache ??= {
    regular: {
      latin: [
        load('NotoSansKhmer-Latin', noto, 'noto-sans-khmer-latin-400-normal.woff'),
        load('NotoSansKhmer-LatinExt', noto, 'noto-sans-khmer-latin-ext-400-normal.woff'),
      ],
      khmer: load('Hanuman-Khmer', hanuman, 'hanuman-khmer-400-normal.woff'),
      breaks: load('NotoSansKhmer-Khmer', noto, 'noto-sans-khmer-khmer-400-normal.woff'),
    },
    bold: {
      latin: [
        load('NotoSansKhmer-Latin-Bold', noto, 'noto-sans-khmer-latin-700-normal.woff'),
        load('NotoSansKhmer-LatinExt-Bold', noto, 'noto-sans-khmer-latin-ext-700-normal.woff'),
      ],
      khmer: load('Hanuman-Khmer-Bold', hanuman, 'hanuman-khmer-700-normal.woff'),
      breaks: load('NotoSansKhmer-Khmer', noto, 'noto-sans-khmer-khmer-400-normal.woff'),
    },
    heading: load('Hanuman-Khmer-Heading', hanuman, 'hanuman-khmer-700-normal.woff'),
  };
  return cache;
}

/** Every font a PDF registers, once each. */
export function allDocumentFonts(): DocumentFont[] {
  const fonts = documentFonts();
  const all = [fonts.regular, fonts.bold].flatMap((set) => [...set.latin, set.khmer, set.breaks]);
  return [...new Map([...all, fonts.heading].map((font) => [font.name, font])).values()];
}

/** The Khmer font the PDF shapes Khmer with (the shaping test compares it with HarfBuzz). */
export const khmerFont = (weight: Weight = 'regular') => documentFonts()[weight].khmer;

const KHMER = /[\u1780-\u17FF\u19E0-\u19FF\u25CC]|\u200C|\u200D/;
/** Characters every subset has: they stay in the run they stand in. */
const NEUTRAL = /[ \d.,:;!?()«»"'’–—-]/;

export interface FontRun {
  text: string;
  font: DocumentFont;
}

/**
 * Splits text into runs of one font each: Khmer in the Khmer subset, anything else in the first
 * subset that has its glyph. fontkit then shapes each run with its font's OpenType rules.
 */
export function fontRuns(text: string, weight: Weight = 'regular'): FontRun[] {
  const fonts = documentFonts()[weight];
  const runs: FontRun[] = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const codePoint = char.codePointAt(0)!;
    if (last && last.font !== fonts.breaks && NEUTRAL.test(char) && last.font.font.hasGlyphForCodePoint(codePoint)) {
      last.text += char;
      continue;
    }
    const font =
      char === '\u200B'
        ? fonts.breaks
        : KHMER.test(char)
          ? fonts.khmer
          : (fonts.latin.find((f) => f.font.hasGlyphForCodePoint(codePoint)) ?? fonts.latin[0]!);
    if (last && last.font === font) last.text += char;
    else runs.push({ text: char, font });
  }
  return runs;
}

/** A WOFF 1.0 font as the plain OpenType (SFNT) file inside it, for tools that read only those (HarfBuzz, Word). */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const tag = woff.readUInt32BE(entry);
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const checksum = woff.readUInt32BE(entry + 16);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag, checksum, data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) });
  }
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) {
    searchRange *= 2;
    entrySelector += 1;
  }
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange * 16, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, i) => {
    const entry = 12 + i * 16;
    header.writeUInt32BE(table.tag, entry);
    header.writeUInt32BE(table.checksum, entry + 4);
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(table.data.length, entry + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}
