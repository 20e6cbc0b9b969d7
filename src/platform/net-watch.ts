/**
 * Notices a wake from sleep and a network change (Wi-Fi roaming, VPN up/down) within a few
 * seconds, so the daemon retries at once instead of at its next tick or backoff. Node has no
 * event for either: a cheap timer compares the wall clock (timers stop in suspend, the wall
 * clock does not) and the set of interface addresses (os.networkInterfaces, no I/O beyond one
 * getifaddrs call) every `intervalMs`.
 */
import { networkInterfaces } from 'node:os';

export type NetEvent = 'wake' | 'network-change';

function addresses(): string {
  try {
    return Object.values(networkInterfaces())
      .flatMap((list) => (list ?? []).filter((a) => !a.internal).map((a) => a.address))
      .sort()
      .join(',');
  } catch {
    return '';
  }
}

export function watchWakeAndNetwork(onEvent: (e: NetEvent) => void, intervalMs = 3000): () => void {
  let last = Date.now();
  let seen = addresses();
  const timer = setInterval(() => {
    const now = Date.now();
    const slept = now - last > intervalMs + 5000;
    last = now;
    const current = addresses();
    const changed = current !== seen;
    seen = current;
    if (slept) onEvent('wake');
    else if (changed) onEvent('network-change');
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
