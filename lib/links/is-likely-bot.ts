import { isbot } from 'isbot';

/**
 * Requests that are obviously not a person looking at the photo: crawlers, link unfurlers
 * (Slackbot, LinkedInBot… fetch the page to build the card), monitors, HTTP libraries and headless
 * browsers, as the maintained isbot list knows them. A request with no user agent at all counts as
 * a machine too. It only has to keep the view count from being inflated by machines that say so.
 */
export function isLikelyBot(userAgent: string | null | undefined): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  return isbot(userAgent);
}
