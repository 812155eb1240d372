import { describe, expect, test } from 'vitest';
import { SeededRandom } from '@x/core/internal';

const draws = (random: SeededRandom, count = 20) => Array.from({ length: count }, () => random.next());

describe('SeededRandom, the fake data of every client', () => {
  test('the same seed and stream give the same sequence, so a user snapshot of fake rows stays stable', () => {
    expect(draws(new SeededRandom(7, 'patients'))).toEqual(draws(new SeededRandom(7, 'patients')));
  });

  test('another stream or seed gives another sequence', () => {
    expect(draws(new SeededRandom(7, 'patients'))).not.toEqual(draws(new SeededRandom(7, 'alerts')));
    expect(draws(new SeededRandom(7))).not.toEqual(draws(new SeededRandom(8)));
  });

  test('int, below and pick stay within their bounds', () => {
    const random = new SeededRandom(1);
    for (let i = 0; i < 1_000; i++) {
      expect(random.int(3, 5)).toBeGreaterThanOrEqual(3);
      expect(random.int(3, 5)).toBeLessThanOrEqual(5);
      expect(random.below(4)).toBeLessThan(4);
      expect(['a', 'b']).toContain(random.pick(['a', 'b']));
    }
  });

  test('uuid is version-4 shaped', () => {
    expect(new SeededRandom(1).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
