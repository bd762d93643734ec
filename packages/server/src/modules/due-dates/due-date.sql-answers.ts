import { answerTypeInSql } from '../../graphql/sql-answers.js';
import { CommitmentSchema } from '../commitments/commitment.entity.js';

// A commitment's due-date fields answered in SQL (graphql/sql-answers.ts), as due-date.resolver.ts answers
// them: the days from the first due date to today's, null without both.
answerTypeInSql('Commitment', CommitmentSchema, {
  slippedDays: ({ row }) => `(${row}.due_date - ${row}.original_due_date)`,
});
