import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Problems } from '../../errors.js';
import type { Context } from '../../graphql/context.js';
import { decodeId } from '../../graphql/global-id.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import type { Meeting, Participation } from './meeting.entity.js';
import {
  RemoveParticipationInput,
  RemoveParticipationPayload,
  SetParticipationInput,
  SetParticipationPayload,
} from './meeting.inputs.js';
import { ParticipationType } from './meeting.type.js';
import { removeParticipation, setParticipation } from './participation.service.js';

@Resolver(() => ParticipationType)
export class ParticipationResolver {
  @FieldResolver(() => PersonType, { description: 'Who.' })
  async person(@Root() participation: Participation, @Ctx() ctx: Context): Promise<Person> {
    return (await ctx.loaders.byId(PersonSchema).load(participation.person))!;
  }

  @FieldResolver(() => OrganizationType, { description: 'The organisation they represented.' })
  async organization(@Root() participation: Participation, @Ctx() ctx: Context): Promise<Organization> {
    return (await ctx.loaders.byId(OrganizationSchema).load(participation.organization))!;
  }

  @Mutation(() => SetParticipationPayload, {
    description: 'Adds someone to a meeting or changes their role or attendance (secretariat).',
  })
  async setParticipation(
    @Arg('input', () => SetParticipationInput) input: SetParticipationInput,
    @Ctx() ctx: Context,
  ): Promise<{ participation: Participation; meeting: Meeting }> {
    const problems = new Problems();
    const meeting = decodeId(input.meetingId, 'Meeting', 'meetingId', problems);
    const person = decodeId(input.personId, 'Person', 'personId', problems);
    const organization = decodeId(input.organizationId, 'Organization', 'organizationId', problems);
    problems.throwIfAny();
    return setParticipation(ctx, {
      meeting: meeting!,
      person: person!,
      organization,
      role: input.role,
      attendance: input.attendance,
    });
  }

  @Mutation(() => RemoveParticipationPayload, { description: 'Removes someone from a meeting (secretariat).' })
  async removeParticipation(
    @Arg('input', () => RemoveParticipationInput) input: RemoveParticipationInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const problems = new Problems();
    const meeting = decodeId(input.meetingId, 'Meeting', 'meetingId', problems);
    const person = decodeId(input.personId, 'Person', 'personId', problems);
    problems.throwIfAny();
    return { meeting: await removeParticipation(ctx, meeting!, person!) };
  }
}
