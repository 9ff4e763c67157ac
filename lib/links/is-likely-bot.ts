/**
 * User agents that are obviously not a person looking at the photo: crawlers, link unfurlers
 * (Slackbot, LinkedInBot, facebookexternalhit… fetch the page to build the card), monitors,
 * HTTP libraries and headless browsers. Deliberately coarse: it only has to keep the view count
 * from being inflated by machines that announce themselves. A missing user agent counts as a bot.
 * (Cubot is a phone maker whose Android user agents end in "bot".)
 */
const BOT_USER_AGENT =
  /(?<!cu)bot\b|bot\/|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog|embedly|quora link preview|whatsapp|skypeuripreview|vkshare|pinterest|redditbot|bitlybot|preview|headless|lighthouse|pagespeed|phantomjs|puppeteer|playwright|selenium|curl\/|wget\/|python-|python\/|httpie|go-http-client|okhttp|java\/|libwww|axios|node-fetch|undici|got \(|autocannon|apache-httpclient|postman|insomnia|monitor|uptime|pingdom|statuscake/i;

export function isLikelyBot(userAgent: string | null | undefined): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  return BOT_USER_AGENT.test(userAgent);
}
