/** Shared assertions for the fault-injection tests. */
import * as assert from 'node:assert/strict';
import * as util from 'node:util';
import { ApiError } from '../../../src/core/client/apiError';
import type { CompletionOutcome } from '../../../src/core/client/completionClient';
import type { CompletionRequestBody } from '../../../src/core/client/completionTypes';

export const KEY = 'sk-fault-K3Y-do-not-leak-0123456789abcdef';

export const STREAM_BODY: CompletionRequestBody = {
  model: 'gpt-3.5-turbo-instruct',
  prompt: 'def add(a, b):\n    return',
  max_tokens: 16,
  temperature: 0.2,
  top_p: 1,
  n: 1,
  stream: true,
};

export const JSON_BODY: CompletionRequestBody = { ...STREAM_BODY, stream: false };

export function expectError(outcome: CompletionOutcome, kind: ApiError['kind']): ApiError {
  if (outcome.ok) assert.fail(`expected a ${kind} error, got success: ${JSON.stringify(outcome.result)}`);
  assert.ok(outcome.error instanceof ApiError, 'the error is an ApiError');
  assert.equal(outcome.error.kind, kind, `kind (message: ${outcome.error.message})`);
  return outcome.error;
}

/** Every text of an outcome a user or a log could see; none may hold the key (or a long piece of it). */
export function assertKeyAbsent(value: unknown, key = KEY): void {
  const texts: Array<[string, string]> = [
    ['JSON', JSON.stringify(value) ?? ''],
    ['inspect', util.inspect(value, { depth: 10 })],
  ];
  const error = (value as CompletionOutcome | undefined)?.ok === false ? (value as { error: ApiError }).error : value instanceof Error ? value : undefined;
  if (error) {
    texts.push(['String(error)', String(error)], ['stack', error.stack ?? ''], ['all own properties', JSON.stringify(error, Object.getOwnPropertyNames(error))]);
  }
  for (const [where, text] of texts) {
    assert.ok(!text.includes(key), `the key leaked into ${where}: ${text.slice(0, 500)}`);
    assert.ok(!text.includes(key.slice(0, 16)), `part of the key leaked into ${where}: ${text.slice(0, 500)}`);
  }
}
