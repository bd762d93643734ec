import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity.js';
import { AccountSchema } from './account.entity.js';

export const API_TOKEN_SCOPES = ['READ', 'WRITE'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** A personal API token for scripts and partners; only its SHA-256 is stored. */
export const ApiTokenSchema = defineEntity({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: {
    ...baseProperties,
    account: p.manyToOne(AccountSchema).mapToPk().index(),
    name: p.string().length(100),
    scope: p.enum(API_TOKEN_SCOPES),
    /** The first characters of the token (e.g. `prc_AbC12345`), shown in lists so people recognise it. */
    prefix: p.string().length(20).index(),
    /** Hex SHA-256 of the whole token. */
    hash: p.string().length(64).unique(),
    expiresAt: p.datetime().columnType('timestamptz').nullable(),
    revokedAt: p.datetime().columnType('timestamptz').nullable(),
    lastUsedAt: p.datetime().columnType('timestamptz').nullable(),
  },
});
export type ApiToken = InferEntity<typeof ApiTokenSchema>;
