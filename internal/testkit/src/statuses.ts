/** An error class, as `toBeInstanceOf` takes it. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** The error classes of a client that {@link statusesSentOnce} maps statuses to. */
export interface StatusErrorClasses {
  ApiError: ErrorClass;
  AuthenticationError: ErrorClass;
  NotFoundError: ErrorClass;
}

/**
 * The statuses every client sends once and never retries (they will not change), each with the
 * error class the client raises for it. Takes the classes from the package under test, so the
 * kit needs no dependency on core; a client adds its own (Luscii: 422).
 *
 * @example
 * ```ts
 * test.each(statusesSentOnce({ ApiError, AuthenticationError, NotFoundError }))('%i is sent once', async (status, errorClass) => {});
 * ```
 */
export function statusesSentOnce(errors: StatusErrorClasses): [number, ErrorClass][] {
  return [
    [400, errors.ApiError],
    [401, errors.AuthenticationError],
    [403, errors.AuthenticationError],
    [404, errors.NotFoundError],
  ];
}
