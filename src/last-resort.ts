/**
 * The last resort: an error nobody caught (a rejected promise without a handler, an exception
 * thrown from a callback) is logged with a reference id and the process keeps serving. Node's
 * default is to exit, which let one malformed request stop the app for everyone (issue 12).
 *
 * This does not make every such error harmless: the request that caused it may go unanswered, and
 * a handler that threw half-way may have left its own state behind. The reference is in the log
 * (secrets redacted) so it can be found and fixed; known causes are refused before they get here
 * (body-guard.ts).
 */
import { describeError, newErrorRef } from './errors.ts';

interface ErrorLogger {
  error(...msg: unknown[]): void;
}

/** Install the two process handlers; returns a function that removes them (tests). */
export function installLastResort(logger: ErrorLogger, random: () => number = Math.random): () => void {
  const onRejection = (reason: unknown) => {
    logger.error(`${newErrorRef(random)} unhandled promise rejection (kept serving): ${describeError(reason)}`);
  };
  const onException = (error: unknown) => {
    logger.error(`${newErrorRef(random)} uncaught exception (kept serving): ${describeError(error)}`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
