import type { Handler, SimRequest, SimResponse } from '../http.js';
import { requestId } from '../ids.js';
import { assumeRole, getCallerIdentity } from './assume-role.js';
import { assumeRoleWithSaml } from './assume-role-with-saml.js';
import { authenticate } from './authenticate.js';
import type { StsContext } from './context.js';
import { StsFailure } from './faults.js';
import { stsError, stsResult, type XmlTree } from './xml.js';

const VERSION = '2011-06-15';

/** Query protocol parameters: the query string plus a form-urlencoded body. */
const queryParams = (req: SimRequest): URLSearchParams => {
  const params = new URLSearchParams(req.url.search);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (req.method === 'POST' && type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.append(k, v);
  }
  return params;
};

const dispatch = (ctx: StsContext, req: SimRequest, action: string, params: URLSearchParams): XmlTree => {
  switch (action) {
    case 'AssumeRoleWithSAML':
      return assumeRoleWithSaml(ctx, params);
    case 'AssumeRole': {
      const caller = authenticate(ctx, req);
      return assumeRole(ctx, params, caller.arn);
    }
    case 'GetCallerIdentity': {
      const caller = authenticate(ctx, req);
      return getCallerIdentity(ctx, caller.identity, caller.arn);
    }
    default:
      throw new StsFailure({ status: 400, code: 'InvalidAction', message: `Could not find operation ${action} for version ${VERSION}` });
  }
};

/** AWS STS on the Query protocol (`POST /`, Action + Version). */
export const stsHandler =
  (ctx: StsContext): Handler =>
  (req): SimResponse => {
    const id = requestId();
    const params = queryParams(req);
    const action = params.get('Action') ?? undefined;
    try {
      if (req.url.pathname !== '/') throw new StsFailure({ status: 404, code: 'UnknownOperationException', message: '' });
      if (!action) throw new StsFailure({ status: 400, code: 'MissingAction', message: 'Missing Action' });
      const version = params.get('Version');
      if (!version) throw new StsFailure({ status: 400, code: 'MissingParameter', message: 'The request must contain the parameter Version' });
      if (version !== VERSION) {
        throw new StsFailure({ status: 400, code: 'InvalidAction', message: `Could not find operation ${action} for version ${version}` });
      }
      return stsResult(action, dispatch(ctx, req, action, params), id, ctx.clock.now());
    } catch (err) {
      if (err instanceof StsFailure) return stsError(err.fault, id, ctx.clock.now(), action);
      return stsError({ status: 500, code: 'InternalFailure', message: String(err), type: 'Receiver' }, id, ctx.clock.now(), action);
    }
  };
