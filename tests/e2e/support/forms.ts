import type { Locator, Page } from 'playwright-core';

/** Picks the first option of a native select whose text matches; with `keyboard`, by arrow keys only. */
export async function chooseOption(select: Locator, text: RegExp | string, keyboard = false): Promise<string> {
  await select.waitFor();
  const options = await select
    .locator('option')
    .evaluateAll((nodes) =>
      nodes.map((node) => ({ value: (node as HTMLOptionElement).value, label: node.textContent ?? '' })),
    );
  const match = options.find(
    (o) => o.value !== '' && (typeof text === 'string' ? o.label.includes(text) : text.test(o.label)),
  );
  if (!match) throw new Error(`No option like ${text} in ${options.map((o) => o.label).join(' | ')}`);
  if (!keyboard) {
    await select.selectOption(match.value);
    return match.label;
  }
  await select.focus();
  const page = select.page();
  for (let step = 0; step < options.length; step++) {
    const current = await select.inputValue();
    if (current === match.value) return match.label;
    const from = options.findIndex((o) => o.value === current);
    const to = options.findIndex((o) => o.value === match.value);
    await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`Could not reach ${match.label} with the arrow keys`);
}

/** Picks the first non-empty option of a native select. */
export async function chooseFirst(select: Locator, keyboard = false): Promise<string> {
  return chooseOption(select, /./, keyboard);
}

/** Waits for every autosave on the page to finish. */
export async function waitForSaved(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="save-state"]')].every(
      (node) => !/Saving|Not saved|កំពុង|មិនទាន់/.test(node.textContent ?? ''),
    ),
  );
}

/** A title no earlier run or journey uses. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
