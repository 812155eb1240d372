/**
 * Gives every response of a caller's `fetch` its request URL. A test double or a polyfill often
 * answers with `new Response(...)`, whose `url` is empty, and core's `Transport.stream` builds a
 * `URL` from it, which throws a bare `TypeError`. Until core falls back to the request URL, the
 * client wraps a given `fetch`; the global one always sets `url`.
 */
export function withResponseUrl(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.url !== '') return response;
    const url = input instanceof Request ? input.url : String(input);
    Object.defineProperty(response, 'url', { value: url, configurable: true });
    return response;
  };
}
