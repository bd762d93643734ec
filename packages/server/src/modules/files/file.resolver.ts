import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import type { Evidence } from '../commitments/commitment.entity.js';
import { EvidenceType } from '../commitments/commitment.type.js';
import { downloadPath } from './file.service.js';
import { type StoredFile, StoredFileSchema } from './stored-file.entity.js';

/** The files attached to many evidence items, in one query. */
function fileOfEvidenceLoader(ctx: Context) {
  return ctx.loaders.custom<string, StoredFile | null>('files:byEvidence', async (evidenceIds) => {
    const rows = await ctx.em.find(StoredFileSchema, { evidence: { $in: [...evidenceIds] } });
    const byEvidence = new Map(rows.map((row) => [row.evidence!, row]));
    return evidenceIds.map((id) => byEvidence.get(id) ?? null);
  });
}

const fileOf = (evidence: Evidence, ctx: Context) =>
  evidence.kind === 'FILE' ? fileOfEvidenceLoader(ctx).load(evidence.id) : Promise.resolve(null);

/** What an attached file adds to its evidence item (null for links). */
@Resolver(() => EvidenceType)
export class EvidenceFileResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Name of the attached file, as uploaded; null for links.',
  })
  async fileName(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<string | null> {
    return (await fileOf(evidence, ctx))?.fileName ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The attached file\'s type, decided from its content (e.g. "application/pdf"); null for links.',
  })
  async contentType(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<string | null> {
    return (await fileOf(evidence, ctx))?.contentType ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: "The attached file's size in bytes; null for links." })
  async size(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<number | null> {
    return (await fileOf(evidence, ctx))?.size ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Hex SHA-256 of the attached file's bytes, to check a copy; null for links.",
  })
  async sha256(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<string | null> {
    return (await fileOf(evidence, ctx))?.sha256 ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Where to download the attached file (GET, relative to the API's origin, with the same authentication); null for links.",
  })
  async downloadUrl(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<string | null> {
    const file = await fileOf(evidence, ctx);
    return file ? downloadPath(file.id) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'A small WebP preview of an attached image (at most 320 px), like downloadUrl; null otherwise.',
  })
  async thumbnailUrl(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<string | null> {
    const file = await fileOf(evidence, ctx);
    return file?.hasThumbnail ? `${downloadPath(file.id)}/thumbnail` : null;
  }
}
