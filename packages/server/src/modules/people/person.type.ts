import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { Node } from '../../graphql/node.js';

@ObjectType('Person', { implements: Node, description: 'Someone who takes part in meetings or carries commitments.' })
export class PersonType extends Node {
  @Field(() => String, { nullable: true, description: 'Full name in Latin script.' })
  fullName!: string | null;

  @Field(() => String, { nullable: true, description: 'Full name in Khmer.' })
  fullNameKm!: string | null;

  @Field(() => String, { nullable: true, description: 'Position or title, in English.' })
  position!: string | null;

  @Field(() => String, { nullable: true, description: 'Position or title, in Khmer.' })
  positionKm!: string | null;

  @Field(() => Boolean, { description: 'Whether this person is a focal point of their organisation.' })
  isFocalPoint!: boolean;
}

@ObjectType({ description: 'A page of people.' })
export class PersonConnection extends Connection(PersonType, 'Person') {}

@InputType({ description: 'Which people to list.' })
export class PersonFilter {
  @Field(() => ID, { nullable: true, description: 'Only people of this organisation.' })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Text in the name (Latin or Khmer script).' })
  search?: string | null;
}

@InputType({ description: 'A new person.' })
export class CreatePersonInput {
  @Field(() => String, { nullable: true, description: 'Full name in Latin script.' })
  fullName?: string | null;

  @Field(() => String, { nullable: true, description: 'Full name in Khmer.' })
  fullNameKm?: string | null;

  @Field(() => String, { nullable: true, description: 'Position in English.' })
  position?: string | null;

  @Field(() => String, { nullable: true, description: 'Position in Khmer.' })
  positionKm?: string | null;

  @Field(() => ID, { nullable: true, description: 'Their organisation.' })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether they are a focal point of their organisation (default false).',
  })
  isFocalPoint?: boolean | null;
}

@InputType({ description: 'Changes to a person; only the fields given change.' })
export class UpdatePersonInput extends CreatePersonInput {
  @Field(() => ID, { description: 'The person to change.' })
  id!: string;
}

@ObjectType({ description: 'The result of createPerson.' })
export class CreatePersonPayload {
  @Field(() => PersonType, { description: 'The new person.' })
  person!: PersonType;
}

@ObjectType({ description: 'The result of updatePerson.' })
export class UpdatePersonPayload {
  @Field(() => PersonType, { description: 'The person as they are now.' })
  person!: PersonType;
}
