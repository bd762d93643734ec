import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  e2e,
  languageOf,
  launchBrowser,
  login,
  newSession,
  recording,
  settle,
  switchLanguage,
} from './support/browser.js';

const catalogue = (language: string) =>
  JSON.parse(
    readFileSync(new URL(`../../packages/client/src/i18n/${language}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

function leaves(value: object, prefix = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null
      ? leaves(child, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(child)]],
  );
}

const english = leaves(catalogue('en'));
const khmer = new Map(leaves(catalogue('km')));
/** English labels that must not be left on a Khmer page (those spelled the same in both are left out). */
const englishLabels = new Set(
  english
    .filter(([key, text]) => khmer.get(key) !== text && !text.includes('{{'))
    .map(([, text]) => text.trim())
    .filter((text) => /[A-Za-z]{3}/.test(text)),
);

/** Every text, aria-label, title and placeholder on the page that is exactly an English UI label. */
async function englishLeftOn(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text) found.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const attribute of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(attribute)?.trim();
        if (value) found.push(value);
      }
    }
    return found;
  });
  return [...new Set(texts.filter((text) => englishLabels.has(text)))];
}

describe.skipIf(e2e().skip)('journey 4: the whole product in Khmer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has a Khmer message for every English one', () => {
    expect([...khmer.keys()].sort()).toEqual(english.map(([key]) => key).sort());
    for (const [key, text] of khmer) expect(text.trim(), key).not.toBe('');
  });

  it('turns every label of the journeys’ pages into Khmer, in the Khmer font, and remembers it', async () => {
    const { page, context } = await newSession(browser);
    await page.goto('/login');
    await settle(page);
    await switchLanguage(page, 'km');
    expect(await englishLeftOn(page)).toEqual([]);
    await login(page, 'SECRETARIAT');
    expect(await languageOf(page)).toBe('km');

    // Pages of journeys 1–3 and 5 (list pages, then a meeting and a commitment from the demo data).
    const paths = [
      '/',
      '/meetings',
      '/meetings/new',
      '/meetings?view=calendar',
      '/commitments',
      '/commitments?view=board',
    ];
    paths.push('/organizations', '/people', '/plan', '/tokens', '/admin/accounts', '/no-such-page');
    for (const path of paths) {
      await page.goto(path);
      await settle(page);
      await recording(page, `journey-4${path.replace(/\W+/g, '-')}`, async () => {
        expect(await englishLeftOn(page), path).toEqual([]);
      });
    }
    await page.goto('/meetings');
    await settle(page);
    await page.getByTestId('meeting-row').first().getByRole('link').click();
    await page.waitForURL(/\/meetings\/[^/]+$/);
    await settle(page);
    await page.getByTestId('agenda-item').first().waitFor();
    expect(await englishLeftOn(page), 'meeting page').toEqual([]);
    const meetingUrl = page.url();
    await page.goto(`${new URL(meetingUrl).pathname}/print`);
    await settle(page);
    expect(await englishLeftOn(page), 'print view').toEqual([]);
    await page.goto('/commitments');
    await settle(page);
    await page.getByTestId('commitment-row').first().getByRole('link').click();
    await page.waitForURL(/\/commitments\/[^/]+$/);
    await settle(page);
    await page.getByTestId('progress-update').first().waitFor();
    expect(await englishLeftOn(page), 'commitment page').toEqual([]);

    // Khmer record text is set in Noto Sans Khmer, and the font is really loaded.
    await page.goto(meetingUrl);
    await settle(page);
    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.evaluate((node) => getComputedStyle(node).fontFamily)).toMatch(/^"?Noto Sans Khmer/);
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Noto Sans Khmer"', 'ក');
    });
    expect(loaded).toBe(true);
    const usedFonts = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')),
    );
    expect(usedFonts).toContain('Noto Sans Khmer');

    // The choice survives a reload and a new visit.
    await page.reload();
    await settle(page);
    expect(await languageOf(page)).toBe('km');
    expect(await page.getByRole('link', { name: 'ផ្ទាំងសង្ខេប' }).count()).toBe(1);
    await context.close();
  });
});
