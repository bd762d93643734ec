import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkBothLanguages,
  downloadedBytes,
  e2e,
  launchBrowser,
  login,
  newSession,
  recording,
  settle,
} from './support/browser.js';
import { chooseOption, unique } from './support/forms.js';

/** A minimal valid one-page PDF (header, catalogue, pages, page, content stream, exact xref offsets, trailer). */
function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Drops files on an element as a person dragging them from the desktop would (a DataTransfer with Files). */
async function dropFiles(page: Page, testId: string, files: { name: string; type: string; text: string }[]) {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const file of list) data.items.add(new File([file.text], file.name, { type: file.type }));
    return data;
  }, files);
  const zone = page.getByTestId(testId);
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

describe.skipIf(e2e().skip)('journey 11: documents and data exchange', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('attaches a PDF as evidence, which shows with its details and downloads as it was sent', async () => {
    const { context, page } = await newSession(browser);
    await login(page, 'FOCAL_POINT');
    const row = page.getByRole('region', { name: "My organisation's open commitments" }).getByTestId('commitment-row');
    await row.first().waitFor();
    await row.first().getByRole('link').click();
    await page.waitForURL(/\/commitments\/[^/]+$/);
    await settle(page);
    const pdf = minimalPdf('Signed MoU on labour migration statistics');
    const pdfName = `${unique('signed-mou').replace(/\s+/g, '-')}.pdf`;

    await recording(page, 'journey-11-evidence', async () => {
      await chooseOption(page.getByLabel('Status', { exact: true }), 'In progress');
      await page.getByLabel('Progress', { exact: true }).fill('70');
      const note = unique('The memorandum of understanding is signed');
      await page.getByTestId('progress-note').fill(note);

      // Picked with the file picker: uploaded at once, with its progress, then ready.
      await page.getByTestId('evidence-drop-zone').locator('input[type="file"]').setInputFiles({
        name: pdfName,
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      const uploads = page.getByTestId('upload');
      await expect.poll(() => uploads.filter({ hasText: pdfName }).getAttribute('data-state')).toBe('done');

      // Dropped: a program is refused before it is sent; a second, allowed file is uploaded too.
      await dropFiles(page, 'evidence-drop-zone', [
        { name: 'setup.exe', type: 'application/x-msdownload', text: 'MZ not a document' },
        { name: 'attendance-notes.txt', type: 'text/plain', text: 'Attendance: MOLVT, NCCT, IOM\n' },
      ]);
      const refused = uploads.filter({ hasText: 'setup.exe' });
      expect(await refused.getAttribute('data-state')).toBe('refused');
      expect(await refused.textContent()).toContain('cannot be attached');
      await expect
        .poll(() => uploads.filter({ hasText: 'attendance-notes.txt' }).getAttribute('data-state'))
        .toBe('done');
      // Removed before posting: the refused one and the notes.
      await page.getByRole('button', { name: 'Remove setup.exe' }).click();
      await page.getByRole('button', { name: 'Remove attendance-notes.txt' }).click();
      await expect.poll(() => uploads.count()).toBe(1);
      await checkBothLanguages(page, 'commitment-evidence-upload');

      await page.getByRole('button', { name: 'Post update' }).click();
      const update = page.getByTestId('progress-update').filter({ hasText: note });
      await expect.poll(() => update.count()).toBe(1);
      const file = update.getByTestId('evidence-file');
      expect(await file.count()).toBe(1);
      const details = (await file.textContent()) ?? '';
      expect(details).toContain(pdfName);
      expect(details).toContain('PDF');
      expect(details).toMatch(/\d+(\.\d)? KB|\d+ B/);
      // The picker's list is empty again for the next update.
      expect(await uploads.count()).toBe(0);

      const link = update.getByTestId('evidence-download');
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toMatch(/^\/files\//);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(pdfName);
      expect(await downloadedBytes(download)).toEqual(pdf);
      const response = await page.request.get(href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect(response.headers()['content-disposition']).toMatch(/^attachment/);
      await checkBothLanguages(page, 'commitment-evidence');
    });
    await context.close();
  });

  it('downloads the official minutes of the demo plenary in English and Khmer, as PDF and Word', async () => {
    const { context, page } = await newSession(browser);
    await login(page, 'SECRETARIAT');
    await page.goto('/meetings?search=National%20meeting%20to%20review');
    await settle(page);
    await page
      .getByRole('link', { name: /National meeting to review and finalise/ })
      .first()
      .click();
    await page.waitForURL(/\/meetings\/[^/]+$/);
    await settle(page);

    await recording(page, 'journey-11-minutes', async () => {
      await page.getByTestId('minutes-download').click();
      const menu = page.getByRole('menu');
      await menu.waitFor();
      for (const [lang, label] of [
        ['en', 'PDF in English'],
        ['km', 'PDF in Khmer'],
      ] as const) {
        const item = menu.getByRole('menuitem', { name: label });
        const href = (await item.getAttribute('href')) ?? '';
        expect(href).toMatch(new RegExp(`/minutes\\.pdf\\?lang=${lang}$`));
        const response = await page.request.get(href);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe('application/pdf');
        const body = await response.body();
        expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
      for (const lang of ['en', 'km'] as const) {
        const href = (await menu.getByTestId(`minutes-docx-${lang}`).getAttribute('href')) ?? '';
        const response = await page.request.get(href);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toContain('wordprocessingml');
        // A DOCX is a zip: it starts with PK\x03\x04.
        expect([...(await response.body()).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
      }
      // Choosing one downloads it, named by the day and the language.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        menu.getByRole('menuitem', { name: 'PDF in Khmer' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^minutes-2023-11-01-km\.pdf$/);
      expect((await downloadedBytes(download)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The print view is still there.
      expect(await page.getByRole('link', { name: 'Printable minutes' }).count()).toBe(1);
    });
    await context.close();
  });

  it('previews an import with a bad row, shows its problems, then imports a good file', async () => {
    const { context, page } = await newSession(browser);
    await login(page, 'SECRETARIAT');
    await page.goto('/commitments');
    await settle(page);
    await page.getByTestId('import-commitments').click();
    await page.waitForURL(/\/commitments\/import$/);
    await settle(page);

    const good = unique('Publish the quarterly return statistics');
    await recording(page, 'journey-11-import', async () => {
      const template = await page.request.get((await page.getByTestId('import-template').getAttribute('href')) ?? '');
      expect(template.status()).toBe(200);
      expect(template.headers()['content-type']).toContain('spreadsheetml');

      const second = unique('Train border officials on the referral guidelines');
      const input = page.locator('input[type="file"]');
      const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');
      await input.setInputFiles({
        name: 'commitments-bad.csv',
        mimeType: 'text/csv',
        buffer: csv([
          'title,leadOrganization,dueDate',
          `${good},MOLVT,2027-06-30`,
          `${unique('A row with problems')},NOSUCHORG,30/06/2027`,
        ]),
      });
      const preview = page.getByTestId('import-preview');
      await preview.waitFor();
      expect(await page.getByTestId('import-rows').textContent()).toContain('2');
      const problems = page.getByTestId('import-problem');
      await expect.poll(() => problems.count()).toBeGreaterThan(0);
      const lead = problems.filter({ hasText: 'leadOrganization' });
      expect(await lead.count()).toBe(1);
      expect(await lead.locator('td').first().textContent()).toBe('3');
      expect(await lead.textContent()).toContain('NOSUCHORG');
      expect(await problems.filter({ hasText: 'dueDate' }).count()).toBe(1);
      expect(await page.getByTestId('import-commit').count()).toBe(0);
      await checkBothLanguages(page, 'import-commitments-problems');

      await input.setInputFiles({
        name: 'commitments.csv',
        mimeType: 'text/csv',
        buffer: csv(['title,leadOrganization,dueDate', `${good},MOLVT,2027-06-30`, `${second},NCCT,2027-09-30`]),
      });
      const commit = page.getByRole('button', { name: 'Import 2 commitments' });
      await commit.waitFor();
      expect(await problems.count()).toBe(0);
      await checkBothLanguages(page, 'import-commitments-preview');
      await commit.click();
      const done = page.getByTestId('import-done');
      await done.waitFor();
      expect(await done.textContent()).toContain('2 commitments imported');
    });

    // The imported commitments are in the list.
    await page.goto(`/commitments?search=${encodeURIComponent(good)}`);
    await settle(page);
    await expect.poll(() => page.getByRole('link', { name: good }).count()).toBe(1);
    await context.close();
  });
});
