import { constraintError } from './faults.js';

/** Required string parameter, with STS's not-null ValidationError. */
export const required = (params: URLSearchParams, name: string, field: string): string => {
  const value = params.get(name);
  if (value === null || value === '') throw constraintError(null, field, 'Member must not be null');
  return value;
};

const MIN_DURATION = 900;
const MAX_DURATION = 43200;

/** DurationSeconds: default 3600, valid range 900..43200. */
export const durationSeconds = (params: URLSearchParams): number => {
  const raw = params.get('DurationSeconds');
  if (raw === null || raw === '') return 3600;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw constraintError(raw, 'durationSeconds', 'Member must be an integer');
  if (value < MIN_DURATION) throw constraintError(raw, 'durationSeconds', `Member must have value greater than or equal to ${MIN_DURATION}`);
  if (value > MAX_DURATION) throw constraintError(raw, 'durationSeconds', `Member must have value less than or equal to ${MAX_DURATION}`);
  return value;
};

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export const validSessionName = (name: string, field: string): string => {
  if (!SESSION_NAME.test(name)) {
    throw constraintError(name, field, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  }
  return name;
};

/** arn:aws:iam::ACCOUNT:role/[path/]Name */
export const parseRoleArn = (arn: string): { accountId: string; roleName: string } | undefined => {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(arn);
  return m && m[1] && m[2] ? { accountId: m[1], roleName: m[2] } : undefined;
};
