import { createTheme } from '@mantine/core';

/** System fonts for Latin script, the self-hosted Noto Sans Khmer for Khmer (chosen per glyph). */
export const latinFonts =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans Khmer", sans-serif';

/** A calm, ministry-grade look: one deep blue, neutral greys, generous spacing. */
export const theme = createTheme({
  primaryColor: 'ncct',
  primaryShade: { light: 7, dark: 5 },
  colors: {
    ncct: [
      '#e8f1fb',
      '#d0e0f3',
      '#a3c0e6',
      '#729ed9',
      '#4b81cd',
      '#326fc6',
      '#2465c4',
      '#1a4f99',
      '#13437f',
      '#0a3566',
    ],
  },
  fontFamily: latinFonts,
  headings: { fontFamily: latinFonts, fontWeight: '650' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
});
