import { setTimeout as sleep } from 'node:timers/promises';
import { html, type SimRequest, type SimResponse } from '../http.js';
import type { OktaFault } from '../types.js';
import type { OktaContext } from './context.js';
import { oktaError } from './errors.js';

const matches = (fault: OktaFault, req: SimRequest): boolean =>
  fault.times > 0 && req.url.pathname.startsWith(fault.path) && (!fault.method || fault.method === req.method);

const serverError = (status: number): SimResponse =>
  status === 500
    ? oktaError(500, 'E0000009', 'Internal Server Error')
    : html(status, `<html><head><title>${status} Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>\n`);

/**
 * The scenario's injected faults: a 5xx answer, a dropped connection, or a late answer.
 * Returns the fault's response, or undefined to serve the request normally (after any delay).
 */
export const applyFault = async (ctx: OktaContext, req: SimRequest): Promise<SimResponse | undefined> => {
  const fault = ctx.scenario.oktaFaults.find((f) => matches(f, req));
  if (!fault) return undefined;
  fault.times -= 1;
  switch (fault.kind) {
    case 'status':
      return serverError(fault.status ?? 503);
    case 'reset':
      return { status: 0, destroy: true };
    case 'reset-mid-body': {
      const body = JSON.stringify([{ id: '0oa-partial', label: 'x'.repeat(2000), linkUrl: '', appName: 'amazon_aws' }]);
      return { status: 200, headers: { 'content-type': 'application/json' }, body, truncateAfter: Math.floor(body.length / 2) };
    }
    case 'delay':
      await sleep(fault.delayMs ?? 1000);
      return undefined;
  }
};
