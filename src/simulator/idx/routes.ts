import type { Route, SimRequest, SimResponse } from '../http.js';
import type { OktaContext } from '../okta/context.js';
import { notFoundPage } from '../okta/pages.js';
import {
  answerChallenge,
  cancel,
  challenge,
  enduserCallback,
  identify,
  idxAuthorize,
  introspect,
  keepMeSignedIn,
  poll,
  resend,
  tokenRedirect,
  userHome,
  widgetPage,
} from './handlers.js';
import { idxStateOf, startIdxTransaction } from './state.js';

/**
 * The Identity Engine sign-in endpoints (IDX API and the pages around it), answered only when
 * the scenario's `idx` is on; otherwise 404 as before.
 */
export const idxRoutes = (ctx: OktaContext): Route[] => {
  const on =
    (fn: (req: SimRequest) => SimResponse): Route['handle'] =>
    (req) =>
      ctx.scenario.idx ? fn(req) : notFoundPage();
  const post = (path: string, fn: (c: OktaContext, req: SimRequest) => SimResponse): Route => ({
    method: 'POST',
    pattern: new RegExp(`^/idp/idx/${path}$`),
    handle: on((req) => fn(ctx, req)),
  });
  return [
    post('introspect', introspect),
    post('identify', identify),
    post('challenge', challenge),
    post('challenge/answer', answerChallenge),
    post('challenge/poll', poll),
    post('challenge/resend', resend),
    post('keep-me-signed-in', keepMeSignedIn),
    post('cancel', cancel),
    { method: 'GET', pattern: /^\/oauth2\/v1\/authorize$/, handle: on((req) => idxAuthorize(ctx, req)) },
    { method: 'GET', pattern: /^\/login\/token\/redirect$/, handle: on((req) => tokenRedirect(ctx, req)) },
    { method: 'GET', pattern: /^\/enduser\/callback$/, handle: on(() => enduserCallback(ctx)) },
    { method: 'GET', pattern: /^\/app\/UserHome$/, handle: on((req) => userHome(ctx, req)) },
    { method: 'GET', pattern: /^\/$/, handle: on(() => widgetPage(ctx, startIdxTransaction(ctx, { kind: 'dashboard', state: '' }))) },
  ];
};

/** Handles and tokens the IDX endpoints issued (for the simulator's `secrets()`). */
export const idxSecrets = (ctx: OktaContext): string[] => [...idxStateOf(ctx).issued];
