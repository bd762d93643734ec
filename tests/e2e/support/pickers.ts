import type { Locator, Page } from 'playwright-core';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Chooses in a search-as-you-type picker (components/search-picker.tsx: an input with role combobox and a listbox
 * the server fills as one types). `field` is the picker's label or its input; `search` is typed; the option chosen
 * is the first whose text matches `option` (by default, one that contains what was typed). With `keyboard`, by
 * keys only: focus, type, arrow down to the option, Enter. Returns the option's text.
 */
export async function pick(
  page: Page,
  field: string | Locator,
  search: string,
  keyboard = false,
  option: RegExp = new RegExp(escapeRegExp(search), 'i'),
): Promise<string> {
  const input = typeof field === 'string' ? page.getByRole('combobox', { name: field, exact: true }) : field;
  await input.waitFor();
  // Already chosen: nothing to do (the picker does not offer the chosen record again while one searches).
  const current = await input.inputValue();
  if (current && option.test(current)) return current;
  if (keyboard) {
    await input.focus();
    await page.keyboard.press('ControlOrMeta+A');
    if (search) await page.keyboard.type(search);
    else await page.keyboard.press('Backspace');
    if ((await input.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowDown');
  } else {
    await input.click();
    await input.fill(search);
  }
  const { id, wanted, label } = await offered(input, option);
  if (!keyboard) {
    await wanted.first().click();
    await waitForValue(input, label);
    return label;
  }
  // A new answer re-renders the list and may reset the highlighted option: read it and press Enter again if so.
  for (let attempt = 0; attempt < 3; attempt++) {
    let reached = false;
    for (let step = 0; step < 40 && !reached; step++) {
      const highlighted = await page.evaluate(
        (listId) =>
          document.getElementById(listId)?.querySelector('[data-combobox-selected]')?.textContent?.trim() ?? null,
        id,
      );
      reached = highlighted === label;
      if (!reached) await page.keyboard.press('ArrowDown');
    }
    if (!reached) break;
    await page.keyboard.press('Enter');
    if (await shows(input, label, 10)) return label;
  }
  throw new Error(`Could not choose "${label}" with the keyboard`);
}

/**
 * Adds one record in a picker of several (components/search-picker.tsx's MultiSearchPicker: chosen ones are chips
 * beside the input). Types `search`, clicks the first option whose text matches `option` (by default, one that
 * contains what was typed) and waits for its chip. Returns the option's text.
 */
export async function pickAlso(
  page: Page,
  field: string | Locator,
  search: string,
  option: RegExp = new RegExp(escapeRegExp(search), 'i'),
): Promise<string> {
  const input = typeof field === 'string' ? page.getByRole('combobox', { name: field, exact: true }) : field;
  await input.waitFor();
  // The chips are the input's siblings.
  const chips = input.locator('xpath=..').locator('.mantine-Pill-root');
  const chosen = chips.filter({ hasText: option });
  if (await chosen.count()) return ((await chosen.first().textContent()) ?? '').trim();
  await input.click();
  await input.fill(search);
  const { wanted, label } = await offered(input, option);
  await wanted.first().click();
  await chips.filter({ hasText: label }).first().waitFor();
  await page.keyboard.press('Escape');
  return label;
}

/**
 * The picker's list once it answers what was typed: its id, the enabled options matching `option`, and the
 * first one's text. The first page shows at once; the answer for what was typed comes after the debounce
 * (300 ms) and the server.
 */
async function offered(input: Locator, option: RegExp): Promise<{ id: string; wanted: Locator; label: string }> {
  const page = input.page();
  const id = await listboxOf(input);
  const listbox = page.locator(`[id="${id}"]`);
  await page.waitForTimeout(700);
  const wanted = listbox
    .getByRole('option')
    .filter({ hasText: option })
    .and(listbox.locator(':not([data-combobox-disabled])'));
  await wanted.first().waitFor({ timeout: 15_000 });
  return { id, wanted, label: ((await wanted.first().textContent()) ?? '').trim() };
}

async function listboxOf(input: Locator): Promise<string> {
  const page = input.page();
  for (let attempt = 0; attempt < 50; attempt++) {
    const id = (await input.getAttribute('aria-controls')) ?? (await input.getAttribute('aria-owns'));
    if (id && (await page.locator(`[id="${id}"]`).count())) return id;
    await page.waitForTimeout(100);
  }
  throw new Error('The picker did not open its list');
}

async function shows(input: Locator, label: string, tries: number): Promise<boolean> {
  for (let attempt = 0; attempt < tries; attempt++) {
    if ((await input.inputValue()) === label) return true;
    await input.page().waitForTimeout(100);
  }
  return false;
}

async function waitForValue(input: Locator, label: string): Promise<void> {
  if (!(await shows(input, label, 50))) {
    throw new Error(`The picker shows "${await input.inputValue()}" instead of "${label}"`);
  }
}
