import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../graphql/context.ts';
import {
  currentRequest,
  requestIdFrom,
  runInRequest,
  startObservation,
  type RequestObservation,
} from './request-context.ts';
import { finishRequest, type RequestLogOptions } from './request-log.ts';

/** Where the middleware leaves the observation for the steps after it. */
export interface ObservedLocals {
  observation?: RequestObservation;
}

/**
 * First step of /graphql: the request id (the client's `x-request-id` when sane, a new one otherwise) is set on the
 * response and the rest of the request runs inside its observation; the line and metrics are written when the
 * response is done, whatever answered it (Apollo, a refusal, the error handler).
 */
export function observeHttpRequests(options: RequestLogOptions) {
  return (req: Request, res: Response<unknown, ObservedLocals>, next: NextFunction) => {
    const observation = startObservation('http', requestIdFrom(req.headers['x-request-id']));
    res.setHeader('x-request-id', observation.requestId);
    res.locals.observation = observation;
    const finish = () => finishRequest(observation, options, res.statusCode);
    res.once('finish', finish);
    res.once('close', finish);
    runInRequest(observation, next);
  };
}

/**
 * Enters the observation again. A body parser calls `next` from the socket's stream events, which AsyncLocalStorage
 * does not tie to the request: placed after the body is read, this puts Apollo's work back inside the request.
 */
export function reenterObservedRequest(
  _req: Request,
  res: Response<unknown, ObservedLocals>,
  next: NextFunction,
): void {
  const observation = res.locals.observation;
  if (observation) runInRequest(observation, next);
  else next();
}

/** Notes a refusal's code before Apollo ran (401, 413, 429…), for the line and the error counter. */
export function noteRefusal(res: Response, code: unknown): void {
  const observation = (res.locals as ObservedLocals).observation;
  if (observation && typeof code === 'string') observation.errorCodes.push(code);
}

/** The error codes of an answer, in order (INTERNAL_SERVER_ERROR for an error without one). */
export function errorCodesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
}

/** Tells the request's observation which operation it ran, who ran it and how it ended. */
export const observationPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue }) {
    const observation = currentRequest();
    if (observation) observation.principal = contextValue.principal;
    return {
      async didResolveOperation({ operation }) {
        if (!observation || !operation) return;
        observation.operationType = operation.operation;
        observation.operationName = operation.name?.value ?? null;
      },
      async willSendResponse({ response }) {
        if (observation && response.body.kind === 'single') {
          observation.errorCodes.push(...errorCodesOf(response.body.singleResult.errors));
        }
      },
    };
  },
};
