import { promises as dns } from 'node:dns';

export type HostLookup = 'resolves' | 'not-found' | 'error';

/** Whether a host name resolves (DNS): a service without an endpoint in a region has no name there. */
export async function lookupHost(host: string): Promise<HostLookup> {
  try {
    await dns.lookup(host);
    return 'resolves';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOTFOUND' ? 'not-found' : 'error';
  }
}
