export { LINK_NAME_PATTERN } from '../db';

/**
 * Names refused because `/s/<name>` would look like one of the site's own pages or an official
 * account to a visitor (a link at /s/admin or /s/sign-in invites phishing), or because a future
 * route under /s/ may need them. Reason per group, so that a new word is added to the right one.
 */
const RESERVED: Record<string, readonly string[]> = {
  // The site's own routes and pages: a share link must never pass for one of them.
  routes: ['api', 's', 'docs', 'settings', 'dashboard', 'sign-in', 'sign-up', 'sign-out', 'login', 'logout', 'signin', 'signup', 'account', 'links', 'link', 'share', 'photos', 'people', 'exports', 'static', 'assets', 'public', 'health', 'status', 'webhooks'],
  // Words that claim authority: a name like these would lend a stranger's photo the site's voice.
  authority: ['admin', 'administrator', 'root', 'support', 'help', 'security', 'official', 'staff', 'team', 'headshot', 'billing', 'abuse', 'privacy', 'terms', 'legal'],
  // Kept for files and sub-paths a link page may serve one day.
  files: ['favicon', 'robots', 'sitemap', 'card', 'photo', 'download', 'new', 'edit', 'index'],
};

export const RESERVED_LINK_NAMES: ReadonlySet<string> = new Set(Object.values(RESERVED).flat());
