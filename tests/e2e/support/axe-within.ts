import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { languageOf, switchLanguage } from './browser.js';

/**
 * axe-core on one part of the page (a form inside a page other journeys own), in both languages: no serious or
 * critical violation of WCAG 2.1 A/AA within `selector`. Returns to the language it started in.
 */
export async function checkWithinBothLanguages(page: Page, selector: string, name: string): Promise<void> {
  const start = await languageOf(page);
  for (const language of [start, start === 'en' ? 'km' : 'en'] as const) {
    await switchLanguage(page, language);
    const results = await new AxeBuilder({ page })
      .include(selector)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = bad.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
    );
    expect(report, `accessibility of ${name} in ${language}`).toEqual([]);
  }
  await switchLanguage(page, start);
}
