/**
 * The nock discipline shared by the LLM and streaming tests: no real network during a test, and
 * every mock it set up must have been called. Cleans up before asserting, so one failing test
 * does not leave mocks behind for the next.
 */
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

export function useStrictNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(pending).toEqual([]);
  });
}
