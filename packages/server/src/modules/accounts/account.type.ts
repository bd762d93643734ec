import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ROLES, type Role } from '../../auth/viewer.js';
import { Connection } from '../../graphql/connection.js';
import { graphqlEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { API_TOKEN_SCOPES, type ApiTokenScope } from './api-token.entity.js';

export const RoleEnum = graphqlEnum(ROLES, 'Role', 'What an account may do (see docs/security.md).', {
  ADMIN: 'System owner: everything, including accounts and the API tokens of others.',
  SECRETARIAT:
    'Committee secretariat staff: plan meetings, take minutes, record and verify commitments; sees everything.',
  FOCAL_POINT:
    'A person in a ministry or agency: reads what partners may read plus everything of their own organisation, and reports progress on its commitments.',
  PARTNER: 'An external organisation: reads records whose visibility is PARTNERS or PUBLIC; never contact details.',
});

export const ApiTokenScopeEnum = graphqlEnum(API_TOKEN_SCOPES, 'ApiTokenScope', 'What an API token may do.', {
  READ: 'Queries only: a READ token never changes anything, whatever the role of its owner.',
  WRITE: 'Queries and the mutations the role of its owner allows.',
});

@ObjectType('Viewer', { description: 'Who is signed in (session or API token) and with which role.' })
export class ViewerType {
  @Field(() => RoleEnum, { description: 'The role of the account.' })
  role!: Role;

  @Field(() => Boolean, {
    description: 'Whether this session or token may change anything (false for READ tokens).',
  })
  canWrite!: boolean;
}

@ObjectType('Account', {
  implements: Node,
  description: 'A user account (administrators see all; others only their own).',
})
export class AccountType extends Node {
  @Field(() => String, { description: 'The login e-mail address (lower case).' })
  email!: string;

  @Field(() => RoleEnum, { description: 'What the account may do.' })
  role!: Role;

  @Field(() => Boolean, { description: 'False once deactivated: it can no longer sign in or use its tokens.' })
  active!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it last signed in.' })
  lastLoginAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of accounts.' })
export class AccountConnection extends Connection(AccountType, 'Account') {}

@ObjectType('ApiToken', {
  implements: Node,
  description: 'A personal API token. The secret itself is shown only once, when it is created.',
})
export class ApiTokenType extends Node {
  @Field(() => String, { description: 'What the token is for, e.g. "IOM dashboard".' })
  name!: string;

  @Field(() => ApiTokenScopeEnum, { description: 'READ or WRITE.' })
  scope!: ApiTokenScope;

  @Field(() => String, { description: 'The first characters of the token (e.g. prc_AbC12345), to recognise it.' })
  prefix!: string;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it stops working; null for never.' })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last used (to within a minute).' })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was revoked; null while it works.' })
  revokedAt!: Date | null;
}

@InputType({ description: 'An e-mail address and password, to sign in.' })
export class LoginInput {
  @Field(() => String, { description: 'The login e-mail address (any case).' })
  email!: string;

  @Field(() => String, { description: 'The password.' })
  password!: string;
}

@ObjectType({ description: 'The result of login: the session cookie is set on the response.' })
export class LoginPayload {
  @Field(() => ViewerType, { description: 'Who is now signed in.' })
  viewer!: ViewerType;
}

@InputType({ description: 'A new API token.' })
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What it is for (at most 100 characters).' })
  name!: string;

  @Field(() => ApiTokenScopeEnum, { description: 'READ (queries only) or WRITE.' })
  scope!: ApiTokenScope;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it stops working; default never.' })
  expiresAt?: Date | null;
}

@ObjectType({ description: 'The result of createApiToken.' })
export class CreateApiTokenPayload {
  @Field(() => String, {
    description: 'The token, shown this once: store it now. Send it as `Authorization: Bearer <token>`.',
  })
  token!: string;

  @Field(() => ApiTokenType, { description: 'The token as it appears in lists.' })
  apiToken!: ApiTokenType;
}

@InputType({ description: 'The API token to revoke.' })
export class RevokeApiTokenInput {
  @Field(() => ID, { description: 'The id of the token (from apiTokens).' })
  id!: string;
}

@ObjectType({ description: 'The result of revokeApiToken.' })
export class RevokeApiTokenPayload {
  @Field(() => ApiTokenType, { description: 'The token, now revoked.' })
  apiToken!: ApiTokenType;
}

@InputType({ description: 'Which accounts to list.' })
export class AccountFilter {
  @Field(() => [RoleEnum], { nullable: true, description: 'Only these roles.' })
  role?: Role[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or deactivated (false) accounts.' })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Text in the e-mail address.' })
  search?: string | null;
}

@InputType({ description: 'A new account (administrators).' })
export class CreateAccountInput {
  @Field(() => String, { description: 'The login e-mail address.' })
  email!: string;

  @Field(() => String, { description: 'The first password (at least 12 characters, not a common one).' })
  password!: string;

  @Field(() => RoleEnum, { description: 'What the account may do.' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'The person it belongs to; omit to create one.' })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'Full name of the person to create (without personId).' })
  fullName?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Organisation of the person to create (without personId); required for a focal point.',
  })
  organizationId?: string | null;
}

@ObjectType({ description: 'The result of createAccount.' })
export class CreateAccountPayload {
  @Field(() => AccountType, { description: 'The new account.' })
  account!: AccountType;
}

@InputType({ description: 'Changes to an account (administrators); only the fields given change.' })
export class UpdateAccountInput {
  @Field(() => ID, { description: 'The account to change.' })
  id!: string;

  @Field(() => RoleEnum, { nullable: true, description: 'A new role (takes effect on the next request).' })
  role?: Role | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False deactivates the account: its sessions end and its API tokens are revoked at once.',
  })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A new password (ends the sessions of the account).' })
  password?: string | null;
}

@ObjectType({ description: 'The result of updateAccount.' })
export class UpdateAccountPayload {
  @Field(() => AccountType, { description: 'The account as it is now.' })
  account!: AccountType;
}

@InputType({ description: 'The account to deactivate.' })
export class DeactivateAccountInput {
  @Field(() => ID, { description: 'The account.' })
  id!: string;
}

@ObjectType({ description: 'The result of deactivateAccount.' })
export class DeactivateAccountPayload {
  @Field(() => AccountType, { description: 'The account, now inactive.' })
  account!: AccountType;
}

@InputType({ description: 'A new password for the signed-in account.' })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The current password.' })
  currentPassword!: string;

  @Field(() => String, { description: 'The new password (at least 12 characters, not a common one).' })
  newPassword!: string;
}
