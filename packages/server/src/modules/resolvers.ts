import type { NonEmptyArray } from 'type-graphql';
import { NodeResolver } from '../graphql/node.js';
import { OrganizationResolver } from './organizations/organization.resolver.js';
import { PersonResolver } from './people/person.resolver.js';

/** Every resolver class of the API; a module adds its own here. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql takes resolver classes as Function.
export const resolvers: NonEmptyArray<Function> = [NodeResolver, OrganizationResolver, PersonResolver];
