/** A least-recently-used map bounded by the total bytes of its values (each value's cost given by `sizeOf`). */
export class ByteLru<V, K = string> {
  private readonly map = new Map<K, V>();
  private size = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (v: V) => number = (v) => (v as { bytes: number }).bytes,
  ) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key); // re-insert: Map keeps insertion order, so the first key is the least recent
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old) {
      this.size -= this.sizeOf(old);
      this.map.delete(key);
    }
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes) return;
    this.map.set(key, value);
    this.size += bytes;
    for (const [k, v] of this.map) {
      if (this.size <= this.maxBytes) break;
      this.map.delete(k);
      this.size -= this.sizeOf(v);
    }
  }

  get bytes(): number {
    return this.size;
  }

  get count(): number {
    return this.map.size;
  }
}
