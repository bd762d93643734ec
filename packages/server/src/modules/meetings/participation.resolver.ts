import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { maySeeContactDetails } from '../../auth/permissions.js';
import type { Page } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { checkIdempotencyKey } from '../idempotency/idempotency.service.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import { type Meeting, MeetingSchema, type Participation, type Sex } from './meeting.entity.js';
import {
  ParticipationConnection,
  RemoveParticipationInput,
  RemoveParticipationPayload,
  RespondToInvitationInput,
  RespondToInvitationPayload,
  SetParticipationInput,
  SetParticipationPayload,
} from './meeting.inputs.js';
import { MeetingType, ParticipationType, SexEnum } from './meeting.type.js';
import {
  listMyInvitations,
  removeParticipation,
  respondToInvitation,
  setParticipation,
} from './participation.service.js';

@ArgsType()
class InvitationsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;
}

@Resolver(() => ParticipationType)
export class ParticipationResolver {
  @FieldResolver(() => PersonType, { description: 'Who.' })
  person(@Root() participation: Participation, @Ctx() ctx: Context): Person | Promise<Person> {
    // Known already (primed with the participations): answered without a promise.
    return (
      ctx.loaders.known(PersonSchema, participation.person) ??
      ctx.loaders
        .byId(PersonSchema)
        .load(participation.person)
        .then((person) => person!)
    );
  }

  @FieldResolver(() => OrganizationType, { description: 'The organisation they represented.' })
  organization(@Root() participation: Participation, @Ctx() ctx: Context): Organization | Promise<Organization> {
    return (
      ctx.loaders.known(OrganizationSchema, participation.organization) ??
      ctx.loaders
        .byId(OrganizationSchema)
        .load(participation.organization)
        .then((organization) => organization!)
    );
  }

  @FieldResolver(() => MeetingType, { description: 'The meeting.' })
  async meeting(@Root() participation: Participation, @Ctx() ctx: Context): Promise<Meeting> {
    return (await ctx.loaders.byId(MeetingSchema).load(participation.meeting))!;
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: 'The invited person this one stood in for ("on behalf of"), if anyone.',
  })
  async onBehalfOf(@Root() participation: Participation, @Ctx() ctx: Context): Promise<Person | null> {
    return participation.onBehalfOf
      ? ((await ctx.loaders.byId(PersonSchema).load(participation.onBehalfOf)) ?? null)
      : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The position they held at this meeting. Personal data: null for PARTNER and anonymous viewers.',
  })
  positionHeld(@Root() participation: Participation, @Ctx() ctx: Context): string | null {
    return maySeeContactDetails(ctx.viewer) ? (participation.positionHeld ?? null) : null;
  }

  @FieldResolver(() => SexEnum, {
    nullable: true,
    description:
      'Sex as recorded for this meeting. Personal data: null for PARTNER and anonymous viewers, who see Meeting.attendanceBySex.',
  })
  sex(@Root() participation: Participation, @Ctx() ctx: Context): Sex | null {
    return maySeeContactDetails(ctx.viewer) ? (participation.sex ?? null) : null;
  }

  @Query(() => ParticipationConnection, {
    description:
      'Your invitations to meetings still to come (PLANNED), soonest first, with your attendance; answer them with respondToInvitation.',
  })
  myInvitations(@Args(() => InvitationsArgs) args: InvitationsArgs, @Ctx() ctx: Context): Promise<Page<Participation>> {
    return listMyInvitations(ctx, args);
  }

  @Mutation(() => RespondToInvitationPayload, {
    description:
      'Confirms or sends apologies for a meeting you are invited to (anyone invited, for themselves); only while it is PLANNED.',
  })
  async respondToInvitation(
    @Arg('input', () => RespondToInvitationInput) input: RespondToInvitationInput,
    @Ctx() ctx: Context,
  ): Promise<{ participation: Participation; meeting: Meeting }> {
    const meeting = decode((d) => d.id(input.meetingId, 'Meeting', 'meetingId'));
    return respondToInvitation(ctx, meeting, input.attendance);
  }

  @Mutation(() => SetParticipationPayload, {
    description: 'Adds someone to a meeting or changes their role or attendance (secretariat).',
  })
  async setParticipation(
    @Arg('input', () => SetParticipationInput) input: SetParticipationInput,
    @Ctx() ctx: Context,
  ): Promise<{ participation: Participation; meeting: Meeting }> {
    const { meeting, person, organization, onBehalfOf, idempotencyKey } = decode((d) => ({
      meeting: d.id(input.meetingId, 'Meeting', 'meetingId'),
      person: d.id(input.personId, 'Person', 'personId'),
      organization: d.id(input.organizationId, 'Organization', 'organizationId'),
      onBehalfOf: d.nullableId(input.onBehalfOfId, 'Person', 'onBehalfOfId'),
      idempotencyKey: checkIdempotencyKey(d.problems, input.idempotencyKey),
    }));
    return setParticipation(
      ctx,
      {
        meeting,
        person,
        organization,
        role: input.role,
        attendance: input.attendance,
        positionHeld: input.positionHeld,
        onBehalfOf,
        sex: input.sex,
      },
      { idempotencyKey },
    );
  }

  @Mutation(() => RemoveParticipationPayload, { description: 'Removes someone from a meeting (secretariat).' })
  async removeParticipation(
    @Arg('input', () => RemoveParticipationInput) input: RemoveParticipationInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const { meeting, person } = decode((d) => ({
      meeting: d.id(input.meetingId, 'Meeting', 'meetingId'),
      person: d.id(input.personId, 'Person', 'personId'),
    }));
    return { meeting: await removeParticipation(ctx, meeting, person) };
  }
}
