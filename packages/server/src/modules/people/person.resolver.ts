import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { maySeeContactDetails, requireReader } from '../../auth/permissions.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { type Person, PersonSchema } from './person.entity.js';
import { createPerson, listPeople, updatePerson } from './person.service.js';
import {
  CreatePersonInput,
  CreatePersonPayload,
  PersonConnection,
  PersonFilter,
  PersonType,
  UpdatePersonInput,
  UpdatePersonPayload,
} from './person.type.js';

@ArgsType()
class PeopleArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => PersonFilter, { nullable: true, description: 'Which people to list.' })
  filter?: PersonFilter | null;
}

registerNodeType('Person', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return ctx.loaders.byId(PersonSchema).load(id);
});

@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() person: Person): string {
    return toGlobalId('Person', person.id);
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: 'The organisation they work for.' })
  async organization(@Root() person: Person, @Ctx() ctx: Context): Promise<Organization | null> {
    return person.organization
      ? ((await ctx.loaders.byId(OrganizationSchema).load(person.organization)) ?? null)
      : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'E-mail address; null for partners and anonymous viewers.',
  })
  email(@Root() person: Person, @Ctx() ctx: Context): string | null {
    return maySeeContactDetails(ctx.viewer) ? (person.email ?? null) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Phone number; null for partners and anonymous viewers.',
  })
  phone(@Root() person: Person, @Ctx() ctx: Context): string | null {
    return maySeeContactDetails(ctx.viewer) ? (person.phone ?? null) : null;
  }

  @Query(() => PersonConnection, { description: 'People, by name.' })
  people(@Args(() => PeopleArgs) args: PeopleArgs, @Ctx() ctx: Context) {
    const organization = decode((d) => d.id(args.filter?.organizationId, 'Organization', 'filter.organizationId'));
    return listPeople(ctx, { organization, search: args.filter?.search }, args);
  }

  @Mutation(() => CreatePersonPayload, { description: 'Adds a person (secretariat).' })
  async createPerson(@Arg('input', () => CreatePersonInput) input: CreatePersonInput, @Ctx() ctx: Context) {
    const organization = decode((d) => d.id(input.organizationId, 'Organization', 'organizationId'));
    const { organizationId: _o, ...fields } = input;
    return { person: await createPerson(ctx, { ...fields, organization }) };
  }

  @Mutation(() => UpdatePersonPayload, { description: 'Changes a person (secretariat).' })
  async updatePerson(@Arg('input', () => UpdatePersonInput) input: UpdatePersonInput, @Ctx() ctx: Context) {
    const { id, organization } = decode((d) => ({
      id: d.id(input.id, 'Person', 'id'),
      organization: d.nullableId(input.organizationId, 'Organization', 'organizationId'),
    }));
    const { id: _id, organizationId: _o, ...fields } = input;
    return { person: await updatePerson(ctx, id, { ...fields, organization }) };
  }
}
