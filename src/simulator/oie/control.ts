import type { SimDeviceAuthorization, SimOie } from '../types.js';
import { approveDevice, denyDevice } from './device.js';
import type { OieState } from './state.js';

/** What tests drive: the person's browser step, session ends, refresh-token revocation. */
export const oieControl = (state: OieState): SimOie => {
  const handedOut = new Set<string>();
  const handOut = (d: SimDeviceAuthorization): SimDeviceAuthorization => {
    handedOut.add(d.userCode);
    return d;
  };
  return {
    clients: state.clients,
    nextDeviceAuthorization: () => {
      const pending = [...state.devices.values()].find((d) => d.status === 'pending' && !handedOut.has(d.userCode));
      if (pending) return Promise.resolve(handOut({ userCode: pending.userCode, clientId: pending.client.clientId, scope: pending.scopes.join(' ') }));
      return new Promise<SimDeviceAuthorization>((resolve) => state.waiters.push((d) => resolve(handOut(d))));
    },
    approveDevice: (userCode, login) => {
      const users = state.okta.users;
      const user = login === undefined ? users[0] : users.find((u) => u.login.toLowerCase() === login.toLowerCase());
      if (!user) throw new Error(`simulator: no user ${login ?? '(default)'}`);
      approveDevice(state, userCode, user);
    },
    denyDevice: (userCode) => denyDevice(state, userCode),
    endSessions: () => {
      for (const s of state.sessions.values()) s.ended = true;
    },
    revokeRefreshTokens: () => {
      for (const r of state.refreshTokens.values()) r.active = false;
    },
  };
};
