import { Migration20261201123123_CorrectionsAttendanceGcmKm } from './Migration20261201123123_CorrectionsAttendanceGcmKm.js';
import { Migration20261201122539_OfflineIdempotencyKeys } from './Migration20261201122539_OfflineIdempotencyKeys.js';
import { Migration20261201094823_Files } from './Migration20261201094823_Files.js';
import { Migration20261201091842_AcrossMeetings } from './Migration20261201091842_AcrossMeetings.js';
import { Migration20261201090305_FollowUp } from './Migration20261201090305_FollowUp.js';
import { Migration20261124234718_Accounts } from './Migration20261124234718_Accounts.js';
import { Migration20261124234307_SearchChecksAudit } from './Migration20261124234307_SearchChecksAudit.js';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migration20261124233754_Initial } from './Migration20261124233754_Initial.js';
import { Migration20261124233800_ExtensionsAndGcm } from './Migration20261124233800_ExtensionsAndGcm.js';

/** Every migration, in order. `pnpm --filter @prachum/server migration:create` appends to this list. */
export const migrationsList: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261124233754_Initial', class: Migration20261124233754_Initial },
  { name: 'Migration20261124233800_ExtensionsAndGcm', class: Migration20261124233800_ExtensionsAndGcm },
  { name: 'Migration20261124234307_SearchChecksAudit', class: Migration20261124234307_SearchChecksAudit },
  { name: 'Migration20261124234718_Accounts', class: Migration20261124234718_Accounts },
  { name: 'Migration20261201090305_FollowUp', class: Migration20261201090305_FollowUp },
  { name: 'Migration20261201091842_AcrossMeetings', class: Migration20261201091842_AcrossMeetings },
  { name: 'Migration20261201094823_Files', class: Migration20261201094823_Files },
  { name: 'Migration20261201122539_OfflineIdempotencyKeys', class: Migration20261201122539_OfflineIdempotencyKeys },
  {
    name: 'Migration20261201123123_CorrectionsAttendanceGcmKm',
    class: Migration20261201123123_CorrectionsAttendanceGcmKm,
  },
];
