/** Khmer letters, signs and digits (U+1780–U+17FF, U+19E0–U+19FF), and the joiners used inside Khmer words. */
const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/;
const KHMER_RUN = /[\u1780-\u17FF\u19E0-\u19FF\u200C\u200D]+/g;
export const ZWSP = '\u200B';

const segmenter = new Intl.Segmenter('km', { granularity: 'word' });

export const hasKhmer = (text: string): boolean => KHMER.test(text);

/**
 * Khmer is written without spaces between words, so a layout engine finds no place to break a
 * line inside a phrase. Puts a ZERO WIDTH SPACE at each word boundary Intl.Segmenter('km') finds
 * in Khmer runs: a line then breaks between words, never inside one (never between a consonant
 * and its subscript or vowel). Other text is left as it is.
 */
export function breakKhmerWords(text: string): string {
  return text.replace(KHMER_RUN, (run) => {
    const words = [...segmenter.segment(run)].map((s) => s.segment);
    return words.join(ZWSP);
  });
}

export interface ScriptRun {
  text: string;
  khmer: boolean;
}

/**
 * Splits text into runs of Khmer and of everything else, so that each run gets a font that has
 * its glyphs. Spaces, digits and punctuation join the run they stand in (the Khmer font has them).
 */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const char of text) {
    const khmer = KHMER.test(char) || char === ZWSP || char === '\u200C' || char === '\u200D';
    const neutral = !khmer && /[\s\d.,:;!?()«»"'’–—-]/.test(char);
    const last = runs[runs.length - 1];
    if (last && (last.khmer === khmer || (neutral && last.khmer))) last.text += char;
    else runs.push({ text: char, khmer });
  }
  return runs;
}
