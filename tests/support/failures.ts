import { SampleMindError } from '../../src/domain/errors';

/** The SampleMindError the promise rejects with (fails the test if it resolves or throws something else). */
export async function failureOf(promise: Promise<unknown>): Promise<SampleMindError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SampleMindError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
