import type { StsFault } from './xml.js';

export class StsFailure extends Error {
  constructor(readonly fault: StsFault) {
    super(fault.message);
  }
}

const sender = (status: number, code: string, message: string): StsFailure => new StsFailure({ status, code, message });

export const validationError = (message: string): StsFailure => sender(400, 'ValidationError', message);

/** "1 validation error detected: Value … at 'x' failed to satisfy constraint: …" */
export const constraintError = (value: string | null, field: string, constraint: string): StsFailure =>
  validationError(`1 validation error detected: Value ${value === null ? 'null' : `'${value}'`} at '${field}' failed to satisfy constraint: ${constraint}`);

export const invalidIdentityToken = (message: string): StsFailure => sender(400, 'InvalidIdentityToken', message);
export const expiredTokenException = (message: string): StsFailure => sender(400, 'ExpiredTokenException', message);
export const accessDenied = (message: string): StsFailure => sender(403, 'AccessDenied', message);
