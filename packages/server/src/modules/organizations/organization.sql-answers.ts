import { answerTypeInSql, globalIdSql, toOneSql } from '../../graphql/sql-answers.js';
import { OrganizationSchema } from './organization.entity.js';

// Organisations answered in SQL (graphql/sql-answers.ts), as organization.resolver.ts answers them.
answerTypeInSql('Organization', OrganizationSchema, {
  id: globalIdSql('Organization'),
  parent: toOneSql('parent_id'),
});
