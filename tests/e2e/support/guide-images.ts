// Copies the screenshots the user guide shows from tests/e2e/screenshots/ into docs/user-guide/. The journeys
// take them only when PRACHUM_GUIDE_IMAGES=1: `pnpm guide:images` runs them so, then this script.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const from = path.resolve(here, '../screenshots');
const to = path.resolve(here, '../../../docs/user-guide');
const pages = [
  'login',
  'dashboard-secretariat',
  'meeting-new',
  'meeting-live',
  'meeting-commitment-form',
  'meeting-approved',
  'meeting-print',
  'meeting-edit-details',
  'meeting-correct-minutes',
  'meeting-minutes-corrected',
  'audit',
  'commitments-waiting-for-verification',
  'commitment-verify',
  'commitment-conflict',
  'dashboard-focal-point',
  'commitment-focal-point',
  'commitments-board',
  'tokens',
  'notifications',
  'commitment-following',
  'settings',
  'outbox',
  'series-schedule-next',
  'meeting-matters-arising',
  'commitment-due-date-request',
  'commitment-due-date-decision',
  'commitment-due-date-history',
  'reports',
  'reports-close-period',
  'commitment-evidence-upload',
  'commitment-evidence',
  'import-commitments-problems',
  'import-commitments-preview',
  'plan-objective-commitments',
  'commitment-plan-chips',
  'public-overview',
  'public-commitments',
];
mkdirSync(to, { recursive: true });
const missing: string[] = [];
for (const page of pages) {
  for (const language of ['en', 'km']) {
    const file = `${page}.${language}.png`;
    if (existsSync(path.join(from, file))) copyFileSync(path.join(from, file), path.join(to, file));
    else missing.push(file);
  }
}
console.log(`Copied ${pages.length * 2 - missing.length} screenshots to ${to}`);
if (missing.length) console.log(`Not found (run the end-to-end tests first): ${missing.join(', ')}`);
