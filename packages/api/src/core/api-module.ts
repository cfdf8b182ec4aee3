import type { EntityClass } from '@mikro-orm/core';
import type { Router } from 'express';
import type { Clock } from './clock.ts';
import type { Orm } from './database/orm.ts';
import type { OutboxProjector } from './events/outbox-projector.ts';
import type { JobDeps } from './job-queue/job-deps.ts';
import type { Principal } from './principal.ts';
import type { Job, JobData, Repeat } from './job-queue/job-queue.ts';

/** A job that repeats (a sweep, a daily roll), run once at every start too so a missed run is caught up. */
export interface RecurringJob {
  name: string;
  repeat: Repeat;
}

/** What a module's plain HTTP routes are built with (the GraphQL endpoint is not one of them). */
export interface HttpRouteDeps {
  orm: Orm;
  /** The database the API serves, for routes that need connections of their own (long streamed reads). */
  databaseUrl: string;
  clock: Clock;
  operationCurrency: string;
  /** The same key check as /graphql: null without a header; throws a DomainError (UNAUTHENTICATED) for a bad key. */
  principalFrom: (authorization: string | undefined | null) => Promise<Principal | null>;
}

/** Plain HTTP routes of a module, mounted under `path`, with what to release when the API stops. */
export interface HttpRoutes {
  path: string;
  router: Router;
  close?: () => Promise<void>;
}

/**
 * What one domain module brings to the API. Each module declares it once (`modules/<domain>/<domain>.module.ts`);
 * the composition (src/app) assembles every module's entities, resolvers and jobs, so nothing under `core/` needs
 * to know which modules exist.
 */
export interface ApiModule {
  readonly name: string;
  /** Its MikroORM entities (one class is often the GraphQL type too). */
  readonly entities?: readonly EntityClass<object>[];
  /** Its type-graphql resolver classes. */
  readonly resolvers?: readonly (abstract new (...args: never[]) => object)[];
  /** Its jobs, built with what every job gets. */
  readonly jobs?: (deps: JobDeps) => Job<JobData>[];
  /** Read models it keeps from the committed events, in the outbox relay's transaction (exactly once). */
  readonly projectors?: readonly OutboxProjector[];
  /** Its plain HTTP routes (e.g. streamed CSV downloads), mounted beside /graphql. */
  readonly http?: (deps: HttpRouteDeps) => HttpRoutes[];
  /** Its repeating jobs, in the order a start runs them once (a module listed earlier runs first). */
  readonly recurring?: (operationTimeZone: string) => RecurringJob[];
}
