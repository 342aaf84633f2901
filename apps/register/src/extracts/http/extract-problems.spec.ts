import type { ExtractRefusalCode } from '../issue/domain/issue-extract.decision';
import { extractRefusalProblem } from './extract-problems';

describe('extractRefusalProblem', () => {
  it.each<[ExtractRefusalCode, number]>([
    ['unknown-result', 404],
    ['invalid-state', 409],
    ['too-many-extracts', 409],
  ])('answers %s with %i and its problem type', (code, status) => {
    const problem = extractRefusalProblem({ kind: 'refused', code, message: 'why' });
    expect(problem.getStatus()).toBe(status);
    expect(problem.problem).toMatchObject({
      type: `https://rod.example/problems/${code}`,
      status,
      detail: 'why',
      errors: [{ code, field: null, message: 'why' }],
    });
  });
});
