import { Migration20261124234500_SearchAuditGcm } from './Migration20261124234500_SearchAuditGcm.js';
import { Migration20261124233754_Initial } from './Migration20261124233754_Initial.js';
import type { Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';

/** Every migration, in order. `pnpm --filter @prachum/server migration:create` appends to this list. */
export const migrationsList: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261124233754_Initial', class: Migration20261124233754_Initial },
  { name: 'Migration20261124234500_SearchAuditGcm', class: Migration20261124234500_SearchAuditGcm },
];
