import { describe, expect, it } from 'vitest';
import { Problem, problemBody, problemLines } from '../../src/problems/problem.js';

describe('one problem builder', () => {
  it('builds RFC 9457 bodies: a type URI from the slug, the status title, errors only when there are some', () => {
    const body = problemBody(400, 'query.as_of: bad date', { slug: 'invalid-parameter', errors: [{ path: 'query.as_of', message: 'bad date' }], requestId: 'abc' });
    expect(body).toEqual({
      type: 'https://gauntlet.invalid/problems/invalid-parameter',
      title: 'Bad Request',
      status: 400,
      detail: 'query.as_of: bad date',
      errors: [{ path: 'query.as_of', message: 'bad date' }],
      requestId: 'abc',
    });
    expect(Problem.safeParse(body).success).toBe(true);
    expect(problemBody(404, 'no such tile', { errors: [] })).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such tile' });
    expect(problemBody(422, 'x').title).toBe('Unprocessable Content');
    expect(problemBody(418, 'x').title).toBe('Error');
  });

  it('prints the same problem as CLI lines: one per fault at its path, or the detail', () => {
    expect(problemLines('gauntlet exposure', { detail: 'x', errors: [{ path: '--buffer-km', message: 'must not be negative' }, { path: '-: input.coordinates[1][1]', message: 'latitude must be within -90..90' }] })).toEqual([
      'gauntlet exposure: --buffer-km: must not be negative',
      'gauntlet exposure: -: input.coordinates[1][1]: latitude must be within -90..90',
    ]);
    expect(problemLines('gauntlet render', { detail: 'give --route or --route-file, not both' })).toEqual(['gauntlet render: give --route or --route-file, not both']);
  });
});
