import { AuthConfigurationError, authMode } from './lib/auth/mode';

/*
 * A deployment with neither Clerk keys nor an explicit opt-in to local accounts stops here with the
 * reason, instead of serving a site nobody can sign in to.
 */
try {
  authMode();
} catch (error) {
  if (!(error instanceof AuthConfigurationError)) throw error;
  console.error(`\n✖ Refusing to start: ${error.message}\n`);
  process.exit(1);
}
