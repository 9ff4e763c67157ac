/** Pages that need a signed-in user. Public share pages (/s/…) and sign-in pages are not among them. */
const PROTECTED = [/^\/dashboard(\/|$)/, /^\/images(\/|$)/, /^\/links(\/|$)/, /^\/settings(\/|$)/];

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED.some((pattern) => pattern.test(pathname));
}
