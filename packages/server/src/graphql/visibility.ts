import { VISIBILITIES } from '../db/base.entity.js';
import { graphqlEnum } from './enums.js';

/** Who may read a record (DESIGN.md §1); shared by meetings and commitments. */
export const VisibilityEnum = graphqlEnum(VISIBILITIES, 'Visibility', 'Who may read a record.', {
  INTERNAL: 'The secretariat and the organisations concerned only.',
  PARTNERS: 'Also every signed-in partner and focal point.',
  PUBLIC: 'Anyone, including anonymous visitors when the deployment allows public reading.',
});
