import { describe, expect, it } from 'vitest';
import { readPolicyForm, type PolicyForm } from '../../../../renderer/inspector/policy-form';

const form: PolicyForm = {
  measure: 'wait',
  p95: '800',
  targets: '5, 10 20',
  maxes: '2,4',
  mins: '1',
  runs: '3',
};

describe('the Find cheapest policy form', () => {
  it('reads lists separated by commas or spaces', () => {
    expect(readPolicyForm(form)).toEqual({
      grid: { targetPerReplica: [5, 10, 20], maxReplicas: [2, 4], minReplicas: [1] },
      p95Ms: 800,
      replications: 3,
    });
  });

  it('says which field is wrong', () => {
    expect(() => readPolicyForm({ ...form, maxes: 'two' })).toThrow(
      'Max replicas: write numbers separated by commas, e.g. 1, 2, 4',
    );
    expect(() => readPolicyForm({ ...form, p95: '0' })).toThrow(
      'The p95 target must be a number of ms above 0',
    );
    expect(() => readPolicyForm({ ...form, runs: '2.5' })).toThrow(
      'Runs must be a whole number from 1 to 30',
    );
  });
});
