import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { related } from '../../core/database/relations.ts';
import { badInput } from '../../core/errors.ts';
import type { RequestContext } from '../../core/graphql/context.ts';
import { PageInfo } from '../../core/graphql/page-info.type.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { isUuid } from '../../core/ids.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { AuditEntry } from './audit-entry.entity.ts';

@InputType('AuditFilter')
class AuditFilter {
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
  @Field(() => String, { nullable: true }) keyPrefix?: string | null;
  @Field(() => String, { nullable: true }) operation?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) to?: Date | null;
}

@ObjectType('AuditEdge')
class AuditEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AuditEntry) node!: AuditEntry;
}

@ObjectType('AuditConnection')
class AuditConnection {
  @Field(() => [AuditEdge]) edges!: AuditEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

const MAX_PAGE = 500;

@Resolver(() => AuditEntry)
export class AuditLogResolver {
  @Authorized('ADMIN')
  @Query(() => AuditConnection, { description: 'The audit trail, newest first.' })
  async auditLog(
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditConnection> {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE)
      throw badInput('first', `must be between 0 and ${MAX_PAGE}`);
    const where: Record<string, unknown>[] = [];
    if (filter?.agencyId) {
      if (!isUuid(filter.agencyId)) throw badInput('filter.agencyId', 'is not a valid id');
      where.push({ agency: filter.agencyId });
    }
    if (filter?.keyPrefix) where.push({ keyPrefix: filter.keyPrefix });
    if (filter?.operation) where.push({ operation: filter.operation });
    if (filter?.from) where.push({ at: { $gte: filter.from } });
    if (filter?.to) where.push({ at: { $lte: filter.to } });
    if (after) {
      const key = decodeCursor(after);
      const [at, id] = key?.split('|') ?? [];
      if (!at || !id || !isUuid(id) || Number.isNaN(Date.parse(at))) {
        throw badInput('after', 'is not a cursor returned by this API');
      }
      where.push({ $or: [{ at: { $lt: new Date(at) } }, { at: new Date(at), id: { $lt: id } }] });
    }
    const rows = await ctx.em.find(AuditEntry, where.length ? { $and: where } : {}, {
      orderBy: { at: 'desc', id: 'desc' },
      limit: size + 1,
    });
    const nodes = rows.slice(0, size);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(`${node.at.toISOString()}|${node.id}`), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext): Promise<Agency | null> {
    return related(ctx.em, entry, 'agency');
  }
}
