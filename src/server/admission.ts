import { HttpProblem } from './problem.js';

/** Heavy requests one client may have in flight; more get 429 (documented in the README and OpenAPI). */
export const DEFAULT_HEAVY_PER_CLIENT = 4;

/** Counts heavy requests in flight per client address, so one client cannot take every worker. */
export class ClientLimiter {
  private readonly inFlight = new Map<string, number>();
  constructor(readonly perClient = DEFAULT_HEAVY_PER_CLIENT) {}

  /** A release function, or a 429 problem when the client is at its limit. */
  acquire(client: string): () => void {
    const n = this.inFlight.get(client) ?? 0;
    if (n >= this.perClient) {
      throw new HttpProblem(429, `at most ${this.perClient} heavy requests (exposure, images) at once per client; retry when one finishes`, undefined, 'too-many-requests');
    }
    this.inFlight.set(client, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(client) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(client);
      else this.inFlight.set(client, left);
    };
  }
}
