/** A least-recently-used map bounded by the total bytes of its values. */
export class ByteLru<V extends { bytes: number }> {
  private readonly map = new Map<string, V>();
  private size = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key); // re-insert: Map keeps insertion order, so the first key is the least recent
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    const old = this.map.get(key);
    if (old) {
      this.size -= old.bytes;
      this.map.delete(key);
    }
    if (value.bytes > this.maxBytes) return;
    this.map.set(key, value);
    this.size += value.bytes;
    for (const [k, v] of this.map) {
      if (this.size <= this.maxBytes) break;
      this.map.delete(k);
      this.size -= v.bytes;
    }
  }

  get bytes(): number {
    return this.size;
  }

  get count(): number {
    return this.map.size;
  }
}
