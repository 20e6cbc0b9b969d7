import type { SimUser } from '../types.js';

const PASSWORD_CHANGED = '2026-01-15T09:30:00.000Z';

/** `_embedded.user` of an authn transaction. */
export const embeddedUser = (user: SimUser): Record<string, unknown> => ({
  id: user.id,
  passwordChanged: PASSWORD_CHANGED,
  profile: {
    login: user.login,
    firstName: user.firstName,
    lastName: user.lastName,
    locale: 'en_US',
    timeZone: 'America/Los_Angeles',
  },
});

export const findUserByLogin = (users: SimUser[], login: string): SimUser | undefined => users.find((u) => u.login.toLowerCase() === login.toLowerCase());
