/** Failures: logged once with a fresh reference the user is shown; Slack's error codes. */
import { describeError, newErrorRef } from '../errors.ts';
import type { SlackDeps } from './deps.ts';

/** Log a failure with a fresh reference id and return the id (for the user). */
export function reportFailure(deps: Pick<SlackDeps, 'logger' | 'random'>, where: string, e: unknown): string {
  const ref = newErrorRef(deps.random);
  deps.logger.error(`${ref} ${where}: ${describeError(e)}`);
  return ref;
}

/** The Slack error code of a failed Web API call (`not_in_channel`, …), if any. */
export function slackErrorCode(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
