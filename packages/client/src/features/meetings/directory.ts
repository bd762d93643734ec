import type { MeetingPageQuery } from '../../graphql/generated.js';

/** Organisations, people and GCM objectives a meeting page offers in its pickers. */
export interface Directory {
  organizations: MeetingPageQuery['organizations']['nodes'];
  people: MeetingPageQuery['people']['nodes'];
  gcmObjectives: MeetingPageQuery['gcmObjectives'];
}
