import type { MeetingPageQuery } from '../../graphql/generated.js';

/**
 * What the meeting page's forms offer from its one query: the GCM objectives (a fixed list of 23). People and
 * organisations are searched as one types (PersonPicker, OrganizationPicker).
 */
export interface Directory {
  gcmObjectives: MeetingPageQuery['gcmObjectives'];
}
