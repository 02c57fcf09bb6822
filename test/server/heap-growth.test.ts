import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

// HEAP_GROWTH_PERCENT's effect on memory is a figure, measured beside the baseline by bench/service.ts (see the
// README); here only its parsing, which is strict like every other setting.
describe('HEAP_GROWTH_PERCENT', () => {
  it('is refused with exit code 2 unless a whole number 0..300', async () => {
    for (const bad of ['fifty', '0x10', '-5', '301', '12.5', 'true']) {
      const r = await runCli(['serve'], { env: { HEAP_GROWTH_PERCENT: bad } });
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('heap-growth-percent');
    }
  });
});
