/** Pages that need a signed-in user. Public share pages (/s/…) and sign-in pages are not among them. */
const PROTECTED = [/^\/dashboard(\/|$)/, /^\/images(\/|$)/, /^\/people(\/|$)/, /^\/links(\/|$)/, /^\/settings(\/|$)/];

/**
 * Route handlers called by fetch under a protected prefix: they answer 401 themselves, since a
 * redirect to the sign-in page would be followed by fetch and read as the search's answer.
 */
const ANSWERS_FOR_ITSELF = ['/people/search'];

export function isProtectedPath(pathname: string): boolean {
  return !ANSWERS_FOR_ITSELF.includes(pathname) && PROTECTED.some((pattern) => pattern.test(pathname));
}
