import { maySeeContactDetails } from '../../auth/permissions.js';
import { answerTypeInSql, globalIdSql, toOneSql } from '../../graphql/sql-answers.js';
import { PersonSchema } from './person.entity.js';

// People answered in SQL (graphql/sql-answers.ts), as person.resolver.ts answers them: contact details only
// for those who may see them.
answerTypeInSql('Person', PersonSchema, {
  id: globalIdSql('Person'),
  organization: toOneSql('organization_id'),
  email: ({ ctx, row }) => (maySeeContactDetails(ctx.viewer) ? `${row}.email` : 'null'),
  phone: ({ ctx, row }) => (maySeeContactDetails(ctx.viewer) ? `${row}.phone` : 'null'),
});
