import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as hb from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../paths.js';
import PDFDocument from 'pdfkit';
import { type DocumentFont, khmerFont, woffToSfnt } from './fonts.js';
import { shapeWithHarfBuzz } from './harfbuzz.js';
import { embeddedFont } from './minutes.pdf.js';
import { breakKhmerWords, ZWSP } from './khmer-text.js';

/**
 * The corpus: Khmer words and phrases of the demo data and of the web client's Khmer catalogue, as
 * they will be laid out (split at spaces; whole phrases and Intl.Segmenter's words).
 */
function corpus(): string[] {
  const sources = [
    readFileSync(path.join(repoRoot, 'packages/server/src/demo/demo-data.ts'), 'utf8'),
    readFileSync(path.join(repoRoot, 'packages/client/src/i18n/km.json'), 'utf8'),
  ];
  const phrases = sources.flatMap((source) => source.match(/[\u1780-\u17FF\u19E0-\u19FF]+/g) ?? []);
  const segmenter = new Intl.Segmenter('km', { granularity: 'word' });
  const words = phrases.flatMap((phrase) => [...segmenter.segment(phrase)].map((s) => s.segment));
  return [...new Set([...phrases, ...words])].filter((text) => /[\u1780-\u17FF]/.test(text)).sort();
}

/** HarfBuzz on its own, straight from the font file: the reference. */
function harfbuzzShaper(font: DocumentFont) {
  const sfnt = woffToSfnt(font.bytes);
  const face = new hb.Face(new hb.Blob(new Uint8Array(sfnt)));
  const hbFont = new hb.Font(face);
  return (text: string) => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(hbFont, buffer);
    return buffer.getGlyphInfos().map((glyph) => glyph.codepoint);
  };
}

/** The glyphs pdfkit writes into the PDF: its own font object for a registered font, as minutes.pdf.ts sets it up. */
function pdfShaper(font: DocumentFont) {
  const doc = new PDFDocument();
  doc.registerFont(font.name, font.bytes);
  shapeWithHarfBuzz(embeddedFont(doc, font.name), font);
  doc.font(font.name);
  const embedded = (doc as unknown as { _font: { layout(text: string): { glyphs: { id: number }[] } } })._font;
  return (text: string) => embedded.layout(text).glyphs.map((g) => g.id);
}

describe('Khmer shaping in the PDF', () => {
  const items = corpus();

  it('has a corpus of at least 100 Khmer words and phrases', () => {
    expect(items.length).toBeGreaterThanOrEqual(100);
  });

  it.each(['regular', 'bold'] as const)(
    'embeds the same glyphs as HarfBuzz gives for every word and phrase (%s)',
    (weight) => {
      const font = khmerFont(weight);
      const harfbuzz = harfbuzzShaper(font);
      const pdf = pdfShaper(font);
      const different = items.filter((text) => JSON.stringify(pdf(text)) !== JSON.stringify(harfbuzz(text)));
      expect(different).toEqual([]);
      // Coeng (stacked consonants), pre-base vowels and signs such as ៍ are in the corpus.
      expect(items.some((t) => t.includes('\u17D2'))).toBe(true);
      expect(items.some((t) => /[\u17C1-\u17C3]/.test(t))).toBe(true);
      // Shaping substitutes: a stacked consonant is not its letters side by side.
      expect(pdf('ស្ត')).not.toEqual(pdf('ស').concat(pdf('ត')));
    },
  );

  it('breaks lines between words: U+200B at the word boundaries, never inside a cluster', () => {
    expect(breakKhmerWords('កិច្ចប្រជុំពិនិត្យឡើងវិញប្រចាំឆ្នាំ')).toBe(['កិច្ចប្រជុំ', 'ពិនិត្យ', 'ឡើងវិញ', 'ប្រចាំឆ្នាំ'].join(ZWSP));
    expect(breakKhmerWords('Review of the NCCT plan')).toBe('Review of the NCCT plan');
    for (const text of items.slice(0, 300)) {
      for (const piece of breakKhmerWords(text).split(ZWSP)) {
        // A piece never starts with a dependent vowel, sign or subscript.
        expect(piece).not.toMatch(/^[\u17B6-\u17D3\u17DD]/);
      }
    }
  });
});
