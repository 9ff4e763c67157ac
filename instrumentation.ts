/*
 * Runs once when the server starts. A deployment with neither Clerk keys nor an explicit opt-in to
 * local accounts stops here with the reason, instead of serving a site nobody can sign in to.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { authMode } = await import('./lib/auth/mode');
  authMode();
}
