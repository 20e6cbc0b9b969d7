import { UsageError } from '../errors.js';
import type { Choice } from '../platform/prompts.js';
import type { SamlRole } from './assertion.js';

/** Finds the role named by `--role`: a full ARN, a role name, or a `path/name`. */
export function matchRole(roles: SamlRole[], wanted: string): SamlRole | undefined {
  const w = wanted.trim();
  return (
    roles.find((r) => r.roleArn === w) ??
    roles.find((r) => r.roleName === w) ??
    roles.find((r) => r.roleArn.endsWith(`:role/${w}`) || r.roleArn.endsWith(`/${w}`)) ??
    roles.find((r) => r.roleName.toLowerCase() === w.toLowerCase())
  );
}

export function roleList(roles: SamlRole[]): string {
  return roles.map((r) => `  ${r.roleArn}`).join('\n');
}

export function roleChoices(roles: SamlRole[]): Choice<SamlRole>[] {
  return roles.map((r) => ({ name: `${r.roleName} (${r.accountId})`, value: r, description: r.roleArn }));
}

/**
 * One role → it; a wanted role → the match or an error listing the roles; several and none
 * wanted → the menu when there is one, else an error listing the roles.
 */
export async function chooseRole(roles: SamlRole[], wanted: string | undefined, menu?: (roles: SamlRole[]) => Promise<SamlRole>): Promise<SamlRole> {
  if (wanted) {
    const match = matchRole(roles, wanted);
    if (match) return match;
    throw new UsageError(`The role "${wanted}" is not in your Okta assertion. Your roles:\n${roleList(roles)}\nPick one with --role`);
  }
  if (roles.length === 1) return roles[0] as SamlRole;
  if (menu) return menu(roles);
  throw new UsageError(`Several AWS roles are available — pick one with --role:\n${roleList(roles)}`);
}
