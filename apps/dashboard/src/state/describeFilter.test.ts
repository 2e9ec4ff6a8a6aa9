import { describe, expect, it } from 'vitest';
import { describeFilter } from './describeFilter';

const label = (field: string) =>
  ({ result: 'Result', 'user.name': 'User', reason: 'Reason' })[field] ?? field;

describe('filter pill text', () => {
  it('reads as a sentence for each kind of condition', () => {
    expect(describeFilter({ kind: 'is', field: 'result', values: ['denied'] }, label).sentence).toBe(
      'Result is denied',
    );
    expect(describeFilter({ kind: 'is', field: 'result', values: ['denied', 'fraud'] }, label).sentence).toBe(
      'Result is any of denied, fraud',
    );
    expect(describeFilter({ kind: 'isNot', field: 'result', values: ['success'] }, label).sentence).toBe(
      'Result is not success',
    );
    expect(describeFilter({ kind: 'search', field: 'user.name', text: 'ali' }, label).sentence).toBe(
      'User contains “ali”',
    );
    expect(describeFilter({ kind: 'exists', field: 'reason', exists: false }, label).sentence).toBe(
      'Reason is missing',
    );
  });
});
