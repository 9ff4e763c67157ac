/** What the site calls itself, in the pages' metadata and in the web app manifest. */
export const SITE_NAME = 'Headshot';
export const SITE_DESCRIPTION = 'Upload photos, get web-ready sizes, and learn how your LinkedIn profile photo scores.';
