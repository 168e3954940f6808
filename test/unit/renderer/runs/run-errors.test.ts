import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/api/contract';
import { runErrorView } from '../../../../renderer/runs/run-errors';

describe('run errors as people read them', () => {
  it('splits "no Redis" into the problem and the install instructions', () => {
    const view = runErrorView(
      'The run could not start',
      new ApiError({
        code: 'unsupported',
        message:
          'No Redis server answered and redis-server was not found on PATH.\nDebian/Ubuntu: sudo apt-get install redis-server\nThe simulator needs no Redis and stays available.',
      }),
    );
    expect(view.title).toBe('The run could not start');
    expect(view.message).toBe('No Redis server answered and redis-server was not found on PATH.');
    expect(view.help).toBe(
      'Debian/Ubuntu: sudo apt-get install redis-server\nThe simulator needs no Redis and stays available.',
    );
  });

  it('lists each finding of an invalid document', () => {
    const view = runErrorView(
      'The run could not start',
      new ApiError({
        code: 'invalid-document',
        message: 'this pipeline cannot run: a; b',
        errors: [
          { path: '', message: 'worker "w" has no input queue (connect a queue to it)' },
          { path: 'nodes[0].config', message: 'must be an object' },
        ],
      }),
    );
    expect(view.message).toBe('This pipeline cannot run yet:');
    expect(view.details).toEqual([
      'Worker "w" has no input queue (connect a queue to it)',
      'Nodes[0].config: must be an object',
    ]);
    expect(view.help).toBeNull();
  });

  it('keeps a single refusal as one sentence, and says when the host did not answer', () => {
    expect(
      runErrorView(
        'Control refused',
        new ApiError({
          code: 'invalid-request',
          message: 'invalid control: ratePerSec: must be a number from 0 to 100000',
        }),
      ).message,
    ).toBe('Invalid control: ratePerSec: must be a number from 0 to 100000');
    expect(
      runErrorView(
        'x',
        new ApiError({ code: 'disconnected', message: 'the connection was closed' }),
      ).message,
    ).toBe('The connection was closed (the Pipewright host did not answer)');
    expect(runErrorView('x', new Error('boom'))).toEqual({
      title: 'x',
      message: 'Boom',
      details: [],
      help: null,
    });
  });
});
