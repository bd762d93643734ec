import type * as fontkit from 'fontkit';
import * as hb from 'harfbuzzjs';
import { type DocumentFont, woffToSfnt } from './fonts.js';

const fonts = new Map<string, hb.Font>();

/** HarfBuzz's reading of a document font (from the plain OpenType file inside its WOFF). */
function harfbuzzFont(font: DocumentFont): hb.Font {
  let loaded = fonts.get(font.name);
  if (!loaded) {
    loaded = new hb.Font(new hb.Face(new hb.Blob(new Uint8Array(woffToSfnt(font.bytes)))));
    fonts.set(font.name, loaded);
  }
  return loaded;
}

/** Shapes text with HarfBuzz: glyph ids, their positions (font units) and clusters (UTF-16 offsets). */
export function shape(font: DocumentFont, text: string) {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(harfbuzzFont(font), buffer);
  return { infos: buffer.getGlyphInfos(), positions: buffer.getGlyphPositions() };
}

/**
 * fontkit's layout replaced by HarfBuzz's for one font: the glyphs and positions pdfkit embeds are
 * HarfBuzz's (fontkit 2.0.4 misses Khmer contextual substitutions after a coeng, and fails on
 * Noto Sans Khmer's mark positioning). Each cluster's text goes with its first glyph, so the PDF's
 * text layer keeps the characters.
 */
export function shapeWithHarfBuzz(target: fontkit.Font, font: DocumentFont): void {
  (target as unknown as { layout: (text: string) => unknown }).layout = (text: string) => {
    const { infos, positions } = shape(font, text);
    const starts = [...new Set(infos.map((info) => info.cluster))].sort((a, b) => a - b);
    const seen = new Set<number>();
    const glyphs = infos.map((info) => {
      let codePoints: number[] = [];
      if (!seen.has(info.cluster)) {
        seen.add(info.cluster);
        const next = starts.find((start) => start > info.cluster) ?? text.length;
        codePoints = [...text.slice(info.cluster, next)].map((char) => char.codePointAt(0)!);
      }
      return target.getGlyph(info.codepoint, codePoints);
    });
    const scaled = positions.map((p) => ({
      xAdvance: p.xAdvance,
      yAdvance: p.yAdvance,
      xOffset: p.xOffset,
      yOffset: p.yOffset,
    }));
    // pdfkit scales the positions in place, then reads advanceWidth: a getter, as fontkit's GlyphRun has.
    return {
      glyphs,
      positions: scaled,
      get advanceWidth() {
        return scaled.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
}
