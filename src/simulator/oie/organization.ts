import { json, type SimResponse } from '../http.js';
import type { OktaContext } from '../okta/context.js';

/** GET /.well-known/okta-organization: public, says which engine (`pipeline`) the org runs. */
export const organizationInfo = (ctx: OktaContext): SimResponse =>
  json(200, {
    id: ctx.orgId,
    cell: 'op1',
    _links: { organization: { href: ctx.baseUrl } },
    pipeline: ctx.scenario.idx ? 'idx' : ctx.scenario.oktaPipeline,
    settings: { analyticsCollectionEnabled: false, bugReportingEnabled: true, omEnabled: false, pssoEnabled: false },
  });
