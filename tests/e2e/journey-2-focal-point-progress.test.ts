import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBothLanguages, e2e, launchBrowser, login, newSession, recording, settle } from './support/browser.js';
import { chooseOption, unique } from './support/forms.js';

describe.skipIf(e2e().skip)('journey 2: a focal point reports progress and the secretariat verifies it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the focal point their open commitments, takes two updates, and the secretariat verifies', async () => {
    const focal = await newSession(browser);
    const page = focal.page;
    await login(page, 'FOCAL_POINT');
    const openSection = page.getByRole('region', { name: "My organisation's open commitments" });
    const rows = openSection.getByTestId('commitment-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // Only open commitments of the focal point's organisation (MOLVT, leading or supporting), overdue ones marked.
    for (const row of await rows.all()) {
      if (!(await row.textContent())?.includes('MOLVT')) {
        const other = await focal.context.newPage();
        await other.goto((await row.getByRole('link').getAttribute('href')) ?? '/');
        await settle(other);
        expect(await other.getByText('Supporting organisations').locator('..').textContent()).toContain('MOLVT');
        await other.close();
      }
      const status = await row.locator('[data-status]').getAttribute('data-status');
      expect(['NOT_STARTED', 'IN_PROGRESS', 'AT_RISK']).toContain(status);
      const overdue = (await row.getAttribute('data-overdue')) === 'true';
      expect(await row.getByTestId('overdue').count()).toBe(overdue ? 1 : 0);
    }
    expect(await openSection.getByTestId('overdue').count()).toBeGreaterThan(0);
    await checkBothLanguages(page, 'dashboard-focal-point');

    // The first overdue commitment: a progress update with evidence, then completion.
    const overdueRow = openSection.locator('[data-testid="commitment-row"][data-overdue="true"]').first();
    const title = (await overdueRow.getByRole('link').textContent())?.trim() ?? '';
    await overdueRow.getByRole('link').click();
    await page.waitForURL(/\/commitments\/[^/]+$/);
    await settle(page);
    const commitmentUrl = page.url();

    await recording(page, 'journey-2-focal', async () => {
      const note = unique('Drafted the statistics report with the planning department');
      await chooseOption(page.getByLabel('Status', { exact: true }), 'In progress');
      await page.getByLabel('Progress', { exact: true }).fill('60');
      await page.getByTestId('progress-note').fill(note);
      await page.getByTestId('evidence-url').fill('https://example.org/molvt/statistics-draft.pdf');
      await page.getByTestId('evidence-title').fill('Draft statistics report');
      await page.getByRole('button', { name: 'Post update' }).click();
      await expect.poll(() => page.getByTestId('progress-update').filter({ hasText: note }).count()).toBe(1);
      const evidence = page.getByRole('link', { name: 'Draft statistics report' });
      expect(await evidence.getAttribute('href')).toBe('https://example.org/molvt/statistics-draft.pdf');
      await checkBothLanguages(page, 'commitment-focal-point');

      const done = unique('Published the report on the ministry website');
      await chooseOption(page.getByLabel('Status', { exact: true }), 'Completed');
      await page.getByLabel('Progress', { exact: true }).fill('100');
      await page.getByTestId('progress-note').fill(done);
      // Completion needs evidence: without it the server says so beside the field.
      await page.getByRole('button', { name: 'Post update' }).click();
      await page.getByText('evidence', { exact: false }).and(page.locator('.mantine-InputWrapper-error')).waitFor();
      await page.getByTestId('evidence-url').fill('https://example.org/molvt/statistics-2026.pdf');
      await page.getByTestId('evidence-title').fill('Published report');
      await page.getByRole('button', { name: 'Post update' }).click();
      await expect.poll(() => page.getByTestId('progress-update').filter({ hasText: done }).count()).toBe(1);
      // Completed, so the form is gone until the secretariat returns it.
      await expect.poll(() => page.getByRole('button', { name: 'Post update' }).count()).toBe(0);
      expect(await page.locator('[data-status="COMPLETED"]').count()).toBeGreaterThan(1);
    });
    await focal.context.close();

    // The secretariat sees it waiting for verification and verifies it.
    const secretariat = await newSession(browser);
    const staff = secretariat.page;
    await login(staff, 'SECRETARIAT');
    await staff.goto('/commitments?status=COMPLETED');
    await settle(staff);
    await expect.poll(() => staff.getByRole('link', { name: title }).count()).toBe(1);
    await checkBothLanguages(staff, 'commitments-waiting-for-verification');
    await staff.getByRole('link', { name: title }).click();
    await staff.waitForURL(commitmentUrl);
    await settle(staff);
    await recording(staff, 'journey-2-secretariat', async () => {
      await staff.getByRole('heading', { name: 'Waiting for verification' }).waitFor();
      await checkBothLanguages(staff, 'commitment-verify');
      await staff.getByRole('button', { name: 'Verify', exact: true }).click();
      await expect.poll(() => staff.locator('[data-status="VERIFIED"]').count()).toBeGreaterThan(0);
      expect(await staff.getByRole('heading', { name: 'Waiting for verification' }).count()).toBe(0);
    });
    await staff.reload();
    await settle(staff);
    expect(await staff.locator('[data-status="VERIFIED"]').count()).toBeGreaterThan(0);
    await secretariat.context.close();
  });
});
