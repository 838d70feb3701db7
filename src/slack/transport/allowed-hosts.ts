/**
 * Where the app may send a response_url POST: Slack's hosts for them (https://hooks.slack.com/ and
 * GovSlack's https://hooks.slack-gov.com/) and the origin of the configured SLACK_API_URL (a proxy,
 * a test fake). A response_url comes in a request (commands, buttons) or back from a modal's
 * private_metadata; anything else is refused, so a request can never make the app POST to a
 * stranger.
 */

export const SLACK_RESPONSE_ORIGINS: readonly string[] = ['https://hooks.slack.com', 'https://hooks.slack-gov.com'];

/** A predicate over URLs: true for a URL the app may POST a reply to. */
export function responseUrlAllowlist(apiUrl?: string): (url: string) => boolean {
  const origins = new Set(SLACK_RESPONSE_ORIGINS);
  if (apiUrl) {
    try {
      origins.add(new URL(apiUrl).origin);
    } catch {
      // an invalid SLACK_API_URL is refused by config.ts; nothing to add here
    }
  }
  return (url: string) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (u.username || u.password) return false;
    return origins.has(u.origin);
  };
}

/** The host of a URL for a log line (never the path: a response_url's path is a credential). */
export function hostForLog(url: string): string {
  try {
    return new URL(url).host || '(no host)';
  } catch {
    return '(not a URL)';
  }
}
