import type { IdxAuthenticator, IdxField, IdxMessage, IdxRemediation, IdxState } from './types.js';

/** The remediation forms of a state, in Okta's order. */
export function remediations(state: IdxState): IdxRemediation[] {
  const list = state.remediation?.value;
  return Array.isArray(list) ? list.filter((r): r is IdxRemediation => typeof r === 'object' && r !== null && typeof r.name === 'string') : [];
}

export function findRemediation(state: IdxState, name: string): IdxRemediation | undefined {
  return remediations(state).find((r) => r.name === name);
}

/** The form's fields as dotted names: `identifier`, `credentials.passcode`, `authenticator`. */
export function fieldPaths(rem: IdxRemediation): string[] {
  const walk = (fields: IdxField[] | undefined, prefix: string): string[] =>
    (fields ?? []).flatMap((f) => (f.form?.value && !f.options ? walk(f.form.value, `${prefix}${f.name}.`) : [`${prefix}${f.name}`]));
  return walk(rem.value, '');
}

/** The sub-form carried by a field (`form.value`) or by its value (`value.form.value`, the resend form). */
function subForm(f: IdxField): IdxField[] | undefined {
  if (f.form?.value) return f.form.value;
  const v = f.value as { form?: { value?: IdxField[] } } | undefined;
  return typeof v === 'object' && v !== null && Array.isArray(v.form?.value) ? v.form.value : undefined;
}

/**
 * The JSON body for a form: each value under the name the form gives (dotted names nest:
 * `credentials.passcode` → `{credentials: {passcode}}`), the form's own fixed values kept
 * (`credentials.questionKey`, the resend form's `authenticator.id`), values the form does not
 * name left out, and always the newest `stateHandle`.
 */
export function formBody(rem: IdxRemediation, values: Record<string, unknown>, stateHandle: string | undefined): Record<string, unknown> {
  const build = (fields: IdxField[], prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.name === 'stateHandle' && prefix === '') continue;
      const path = `${prefix}${f.name}`;
      const nested = subForm(f);
      if (path in values) out[f.name] = values[path];
      else if (nested && !f.options) {
        const inner = build(nested, `${path}.`);
        if (Object.keys(inner).length > 0) out[f.name] = inner;
      } else if (f.value !== undefined && f.value !== null && typeof f.value !== 'object') out[f.name] = f.value;
    }
    return out;
  };
  return { ...build(rem.value ?? [], ''), ...(stateHandle ? { stateHandle } : {}) };
}

/** Every message of a state: the top-level ones and those on form fields (a wrong code is on `credentials.passcode`). */
export function allMessages(state: IdxState): IdxMessage[] {
  const out: IdxMessage[] = [...(state.messages?.value ?? [])];
  const walk = (fields: IdxField[] | undefined): void => {
    for (const f of fields ?? []) {
      out.push(...(f.messages?.value ?? []));
      walk(f.form?.value);
    }
  };
  for (const r of remediations(state)) walk(r.value);
  return out.filter((m) => typeof m === 'object' && m !== null);
}

/** The error messages (`class: "ERROR"`). */
export function errorMessages(state: IdxState): IdxMessage[] {
  return allMessages(state).filter((m) => (m.class ?? 'ERROR').toUpperCase() === 'ERROR');
}

/**
 * Resolves a `relatesTo` JSONPath the IDX API uses: `$.authenticatorEnrollments.value[3]`,
 * `$.authenticators.value[0]`, `$.currentAuthenticator`, `$.currentAuthenticatorEnrollment`.
 */
export function resolveRelatesTo(state: IdxState, ref: string | string[] | undefined): IdxAuthenticator | undefined {
  const path = Array.isArray(ref) ? ref[0] : ref;
  if (typeof path !== 'string') return undefined;
  const m = /^\$\.(authenticators|authenticatorEnrollments)\.value\[(\d+)\]$/.exec(path);
  if (m) return state[m[1] as 'authenticators' | 'authenticatorEnrollments']?.value?.[Number(m[2])];
  if (path === '$.currentAuthenticator') return state.currentAuthenticator?.value;
  if (path === '$.currentAuthenticatorEnrollment') return state.currentAuthenticatorEnrollment?.value;
  return undefined;
}

/** The authenticator a challenge form is about (its relatesTo, else the current one). */
export function challengedAuthenticator(state: IdxState, rem: IdxRemediation): IdxAuthenticator | undefined {
  return resolveRelatesTo(state, rem.relatesTo) ?? state.currentAuthenticatorEnrollment?.value ?? state.currentAuthenticator?.value;
}
