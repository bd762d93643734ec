import { graphqlEnum } from './enums.js';

export const ORDER_DIRECTIONS = ['ASC', 'DESC'] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];

/** Sort direction of an `orderBy` input; shared by every ordered list. */
export const OrderDirectionEnum = graphqlEnum(ORDER_DIRECTIONS, 'OrderDirection', 'Sort direction.', {
  ASC: 'Ascending: A to Z, oldest first, smallest first.',
  DESC: 'Descending: Z to A, newest first, largest first.',
});
