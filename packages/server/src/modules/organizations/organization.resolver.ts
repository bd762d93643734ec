import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireReader } from '../../auth/permissions.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { PersonSchema, type Person } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import { type Organization, OrganizationSchema } from './organization.entity.js';
import { createOrganization, listOrganizations, updateOrganization } from './organization.service.js';
import {
  CreateOrganizationInput,
  CreateOrganizationPayload,
  OrganizationConnection,
  OrganizationFilter,
  OrganizationType,
  UpdateOrganizationInput,
  UpdateOrganizationPayload,
} from './organization.type.js';

@ArgsType()
class OrganizationsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => OrganizationFilter, { nullable: true, description: 'Which organisations to list.' })
  filter?: OrganizationFilter | null;
}

registerNodeType('Organization', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return ctx.loaders.byId(OrganizationSchema).load(id);
});

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() organization: Organization): string {
    return toGlobalId('Organization', organization.id);
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: 'The organisation this one is part of.' })
  async parent(@Root() organization: Organization, @Ctx() ctx: Context): Promise<Organization | null> {
    return organization.parent
      ? ((await ctx.loaders.byId(OrganizationSchema).load(organization.parent)) ?? null)
      : null;
  }

  @FieldResolver(() => [PersonType], { description: "People who are this organisation's focal points." })
  async focalPoints(@Root() organization: Organization, @Ctx() ctx: Context): Promise<Person[]> {
    const people = await ctx.loaders
      .childrenOf(PersonSchema, 'organization', { fullName: 'asc' })
      .load(organization.id);
    return people.filter((person) => person.isFocalPoint);
  }

  @Query(() => OrganizationConnection, { description: 'Organisations, by acronym.' })
  organizations(@Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() ctx: Context) {
    return listOrganizations(ctx, args.filter, args);
  }

  @Mutation(() => CreateOrganizationPayload, { description: 'Adds an organisation (secretariat).' })
  async createOrganization(
    @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput,
    @Ctx() ctx: Context,
  ): Promise<{ organization: Organization }> {
    const parent = decode((d) => d.id(input.parentId, 'Organization', 'parentId'));
    return { organization: await createOrganization(ctx, { ...input, parent }) };
  }

  @Mutation(() => UpdateOrganizationPayload, { description: 'Changes an organisation (secretariat).' })
  async updateOrganization(
    @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput,
    @Ctx() ctx: Context,
  ): Promise<{ organization: Organization }> {
    const { id, parent } = decode((d) => ({
      id: d.id(input.id, 'Organization', 'id'),
      parent: d.nullableId(input.parentId, 'Organization', 'parentId'),
    }));
    const { id: _id, parentId: _parentId, ...fields } = input;
    return { organization: await updateOrganization(ctx, id, { ...fields, parent }) };
  }
}
