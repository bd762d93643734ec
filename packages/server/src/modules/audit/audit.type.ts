import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { Node } from '../../graphql/node.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';

@ObjectType('AuditEvent', {
  implements: Node,
  description:
    'An append-only record of one change: who, when, which record, which operation, and the fields before and after. Nobody can edit or delete it.',
})
export class AuditEventType extends Node {
  @Field(() => DateTimeScalar, { description: 'When the change was made.' })
  at!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Who acted when no person did, e.g. "system" (operator command line) or "demo" (demo data loader).',
  })
  actorLabel!: string | null;

  @Field(() => String, { description: 'Type of the changed record, e.g. Commitment, Meeting, Organization.' })
  entityType!: string;

  @Field(() => String, { description: 'What was done, e.g. create, update, verify.' })
  operation!: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'The fields that changed, as { field: { before, after } }.',
  })
  changes!: Record<string, { before: unknown; after: unknown }> | null;
}

@ObjectType('AuditReference', {
  description:
    "A record whose id appears in an audit event's changes (a person, organisation, meeting…), with what it is called now.",
})
export class AuditReferenceType {
  @Field(() => String, { description: 'The id exactly as it appears in `changes` (a uuid).' })
  value!: string;

  @Field(() => ID, { description: 'Global id of the record (use it with node(id), or to link to it).' })
  id!: string;

  @Field(() => String, { description: 'Type of the record, e.g. Person, Organization, Meeting.' })
  entityType!: string;

  @Field(() => String, { nullable: true, description: 'What it is called, in English.' })
  label!: string | null;

  @Field(() => String, { nullable: true, description: 'What it is called, in Khmer.' })
  labelKm!: string | null;
}

@ObjectType({ description: 'A page of audit events.' })
export class AuditEventConnection extends Connection(AuditEventType, 'AuditEvent') {}

@InputType({ description: 'Which audit events to list.' })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: 'Only changes to this record (its global id).' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only changes to records of this type, e.g. Commitment.' })
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes made by this person.' })
  actorId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only changes made at or after this instant.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only changes made at or before this instant.' })
  to?: Date | null;
}
