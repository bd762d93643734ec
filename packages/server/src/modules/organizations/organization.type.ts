import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { inputFields } from '../../graphql/decode.js';
import { graphqlEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from './organization.entity.js';

export const OrganizationKindEnum = graphqlEnum(
  ORGANIZATION_KINDS,
  'OrganizationKind',
  'What sort of body an organisation is.',
  {
    GOVERNMENT: 'A ministry or other government body.',
    COMMITTEE: 'A national committee (e.g. NCCT) or its secretariat.',
    INTERNATIONAL_ORGANIZATION: 'An intergovernmental organisation such as IOM.',
    UN_AGENCY: 'A United Nations agency, fund or programme.',
    NGO: 'A non-governmental organisation.',
    DONOR: 'A donor government or foundation.',
    PRIVATE_SECTOR: 'A company or business association.',
    OTHER: 'Any other kind of body.',
  },
);

@ObjectType('Organization', {
  implements: Node,
  description: 'A ministry, agency, committee or partner that meets and carries commitments.',
})
export class OrganizationType extends Node {
  @Field(() => String, { nullable: true, description: 'Name in English.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Name in Khmer.' })
  nameKm!: string | null;

  @Field(() => String, { description: 'Short unique name, e.g. NCCT, IOM, MOLVT.' })
  acronym!: string;

  @Field(() => OrganizationKindEnum, { description: 'What sort of body this is.' })
  kind!: OrganizationKind;
}

@ObjectType({ description: 'A page of organisations.' })
export class OrganizationConnection extends Connection(OrganizationType, 'Organization') {}

@InputType({ description: 'Which organisations to list.' })
export class OrganizationFilter {
  @Field(() => [OrganizationKindEnum], { nullable: true, description: 'Only these kinds.' })
  kind?: OrganizationKind[] | null;

  @Field(() => String, { nullable: true, description: 'Text in the name (English or Khmer) or acronym.' })
  search?: string | null;
}

/** The fields of an organisation that createOrganization and updateOrganization take. */
const OrganizationFields = inputFields((required) => {
  // Not itself in the schema: only the inputs that extend it are.
  @InputType()
  abstract class Fields {
    @Field(() => String, { nullable: true, description: 'Name in English.' })
    name?: string | null;

    @Field(() => String, { nullable: true, description: 'Name in Khmer.' })
    nameKm?: string | null;

    @Field(() => String, { nullable: !required, description: 'Short unique name (letters, digits, - and _).' })
    acronym!: string;

    @Field(() => OrganizationKindEnum, { nullable: !required, description: 'What sort of body it is.' })
    kind!: OrganizationKind;

    @Field(() => ID, {
      nullable: true,
      description: required
        ? 'The organisation this one is part of (a department under a ministry).'
        : 'The parent organisation; null to detach.',
    })
    parentId?: string | null;
  }
  return Fields;
});

@InputType({ description: 'A new organisation.' })
export class CreateOrganizationInput extends OrganizationFields.Create {}

@InputType({ description: 'Changes to an organisation; only the fields given change.' })
export class UpdateOrganizationInput extends OrganizationFields.Update {
  @Field(() => ID, { description: 'The organisation to change.' })
  id!: string;
}

@ObjectType({ description: 'The result of createOrganization.' })
export class CreateOrganizationPayload {
  @Field(() => OrganizationType, { description: 'The new organisation.' })
  organization!: OrganizationType;
}

@ObjectType({ description: 'The result of updateOrganization.' })
export class UpdateOrganizationPayload {
  @Field(() => OrganizationType, { description: 'The organisation as it is now.' })
  organization!: OrganizationType;
}
