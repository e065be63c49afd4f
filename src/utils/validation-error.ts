import { errors } from '@strapi/utils';

/** A 400 in Strapi's error shape whose details name the offending field. */
export function fieldError(path: string | (string | number)[], message: string): errors.ValidationError {
  const segments = Array.isArray(path) ? path : path.split('.');
  return new errors.ValidationError(message, {
    errors: [{ path: segments.map(String), message, name: 'ValidationError' }],
  });
}
