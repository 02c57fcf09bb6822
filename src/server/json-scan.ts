// A streaming check of a JSON request body, run on the event loop as the bytes arrive (a few ms per MB, one
// chunk at a time): the grammar of RFC 8259 and a nesting limit, so a malformed body is refused for what it is
// even when every worker is busy; and, for a batch, where each route Feature lies in the bytes, its id and its
// vertex count, so that the limits are checked before any parse and each worker parses only its own routes.

/** Where a route Feature of a batch lies in the body: byte ranges are half-open, -1 when absent. */
export interface FeatureSpans {
  count: number;
  start: number[];
  end: number[];
  idStart: number[]; // the feature's "id" value
  idEnd: number[];
  propIdStart: number[]; // its properties.id value
  propIdEnd: number[];
  vertices: number[]; // positions under geometry.coordinates (arrays that start with a number)
}

/** What the scan learnt about the top level of a body. */
export interface BodyLayout {
  root: 'object' | 'array' | 'other';
  type: [number, number] | null; // the root "type" value
  features: [number, number] | null; // the root "features" value, when it is an array
  featuresNotArray: boolean;
  spans: FeatureSpans;
  totalVertices: number;
}

export class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly kind: 'syntax' | 'depth' | 'routes',
  ) {
    super(message);
  }
}

export interface ScanLimits {
  maxDepth: number;
  maxRoutes?: number; // features in the root "features" array
}

const OBJ = 1;
const ARR = 2;
// what the scanner expects next
const VALUE = 0; // a value (at the root, after '[', ',' in an array or ':')
const AFTER = 1; // ',' or a close after a value; at the root, only whitespace
const KEY = 2; // a key (or '}' right after '{')
const COLON = 3;
const STRING = 4;
const ESCAPE = 5;
const UNICODE = 6;
const NUMBER = 7;
const LITERAL = 8;
// number sub-states
const N_SIGN = 0, N_ZERO = 1, N_INT = 2, N_DOT = 3, N_FRAC = 4, N_E = 5, N_ESIGN = 6, N_EXP = 7;
// the keys the layout follows
const K_OTHER = 0, K_FEATURES = 1, K_TYPE = 2, K_ID = 3, K_PROPERTIES = 4, K_GEOMETRY = 5, K_COORDINATES = 6;
const KEYS: Record<string, number> = { features: K_FEATURES, type: K_TYPE, id: K_ID, properties: K_PROPERTIES, geometry: K_GEOMETRY, coordinates: K_COORDINATES };
const LITERALS = [new TextEncoder().encode('true'), new TextEncoder().encode('false'), new TextEncoder().encode('null')];

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const show = (c: number) => (c >= 0x20 && c < 0x7f ? JSON.stringify(String.fromCharCode(c)) : `byte 0x${c.toString(16)}`);

/**
 * Scans a body held in one growing buffer: call scan(view, from, to) for each new range of bytes, then finish().
 * Both throw JsonScanError at the first fault, with its byte offset.
 */
export class JsonScanner {
  private mode = VALUE;
  private sub = 0;
  private closeOk = false; // a close is allowed now (right after '[' or '{')
  private firstInArray = false; // the value now starting is the first of its array
  private literal: Uint8Array = LITERALS[0]!;
  private literalAt = 0;
  private isKey = false;
  private keyStart = 0;
  private keyEscaped = false;
  private typeStart = 0;
  private idStart = 0;
  private propIdStart = 0;
  private depth = 0;
  private readonly stack: Uint8Array;
  private readonly keys: Uint8Array;
  private featuresOpen = false;
  private typePending = false;
  private idPending = false;
  private propIdPending = false;
  readonly layout: BodyLayout = { root: 'other', type: null, features: null, featuresNotArray: false, spans: emptySpans(), totalVertices: 0 };

  constructor(readonly limits: ScanLimits) {
    this.stack = new Uint8Array(limits.maxDepth + 2);
    this.keys = new Uint8Array(limits.maxDepth + 2);
  }

  scan(b: Uint8Array, from: number, to: number): void {
    let i = from;
    while (i < to) {
      const c = b[i]!;
      switch (this.mode) {
        case VALUE:
          if (isWs(c)) break;
          if (c === 0x5d && this.closeOk) {
            this.close(ARR, i);
            break;
          }
          if ((c === 0x2d || isDigit(c)) && this.depth >= 5) {
            if (this.firstInArray) this.position(i);
            // the bulk of a route body: a number inside a position, lexed in one go when it ends in this range
            const end = lexNumber(b, i, to);
            if (end > 0) {
              this.mode = AFTER;
              this.firstInArray = false;
              i = end;
              continue;
            }
            this.mode = NUMBER; // it goes on in the next range
            this.sub = c === 0x2d ? N_SIGN : c === 0x30 ? N_ZERO : N_INT;
            break;
          }
          this.startValue(b, c, i);
          break;
        case AFTER:
          if (isWs(c)) break;
          if (this.depth === 0) throw this.fail(i, `unexpected ${show(c)} after the end of the JSON value`);
          if (c === 0x2c) {
            const top = this.stack[this.depth - 1];
            this.mode = top === OBJ ? KEY : VALUE;
            this.closeOk = false;
            this.firstInArray = false;
          } else if (c === 0x7d || c === 0x5d) this.close(c === 0x7d ? OBJ : ARR, i);
          else throw this.fail(i, `expected "," or a close, found ${show(c)}`);
          break;
        case KEY:
          if (isWs(c)) break;
          if (c === 0x7d && this.closeOk) this.close(OBJ, i);
          else if (c === 0x22) {
            this.mode = STRING;
            this.isKey = true;
            this.keyStart = i + 1;
            this.keyEscaped = false;
          } else throw this.fail(i, `expected a key (a string), found ${show(c)}`);
          break;
        case COLON:
          if (isWs(c)) break;
          if (c !== 0x3a) throw this.fail(i, `expected ":" after a key, found ${show(c)}`);
          this.mode = VALUE;
          this.closeOk = false;
          this.firstInArray = false;
          break;
        case STRING: {
          // the tight part: most of a body's strings have no escape
          let j = i;
          while (j < to) {
            const d = b[j]!;
            if (d === 0x22 || d === 0x5c || d < 0x20) break;
            j++;
          }
          if (j === to) {
            i = to;
            continue;
          }
          const d = b[j]!;
          if (d === 0x22) this.endString(b, j);
          else if (d === 0x5c) {
            this.mode = ESCAPE;
            if (this.isKey) this.keyEscaped = true;
          } else throw this.fail(j, `control character ${show(d)} in a string`);
          i = j + 1;
          continue;
        }
        case ESCAPE:
          if (c === 0x75) {
            this.mode = UNICODE;
            this.sub = 0;
          } else if (c === 0x22 || c === 0x5c || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74) this.mode = STRING;
          else throw this.fail(i, `invalid escape \\${String.fromCharCode(c)} in a string`);
          break;
        case UNICODE:
          if (!isHex(c)) throw this.fail(i, `invalid \\u escape in a string`);
          if (++this.sub === 4) this.mode = STRING;
          break;
        case NUMBER: {
          const s = this.sub;
          if ((s === N_INT || s === N_FRAC || s === N_EXP) && isDigit(c)) {
            let j = i + 1;
            while (j < to && isDigit(b[j]!)) j++;
            i = j;
            continue;
          }
          if (!this.number(c, i)) continue; // the number ended before c: read c again in AFTER
          break;
        }
        case LITERAL:
          if (c !== this.literal[this.literalAt]) throw this.fail(i, `unexpected ${show(c)} in a literal`);
          if (++this.literalAt === this.literal.length) this.endValue(i + 1);
          break;
      }
      i++;
    }
  }

  /** The body has ended: it must have held exactly one complete value. */
  finish(end: number): BodyLayout {
    if (this.mode === NUMBER && (this.sub === N_ZERO || this.sub === N_INT || this.sub === N_FRAC || this.sub === N_EXP)) this.endValue(end);
    if (this.mode !== AFTER || this.depth !== 0) throw this.fail(end, end === 0 ? 'empty body' : 'the JSON value is cut short');
    return this.layout;
  }

  private fail(offset: number, message: string, kind: JsonScanError['kind'] = 'syntax'): JsonScanError {
    return new JsonScanError(offset, message, kind);
  }

  private startValue(b: Uint8Array, c: number, i: number): void {
    const d = this.depth;
    const L = this.layout;
    // the layout's hooks: which value of a batch starts here
    if (d === 0) L.root = c === 0x7b ? 'object' : c === 0x5b ? 'array' : 'other';
    else if (d === 1 && this.stack[0] === OBJ) {
      const k = this.keys[0];
      if (k === K_FEATURES) {
        L.spans = emptySpans(); // a repeated key: the last one counts, as in JSON.parse
        L.totalVertices = 0;
        L.features = null;
        L.featuresNotArray = c !== 0x5b;
        this.featuresOpen = c === 0x5b;
        if (this.featuresOpen) L.features = [i, -1];
      } else if (k === K_TYPE) {
        this.typePending = true;
        this.typeStart = i;
      }
    } else if (this.featuresOpen) {
      if (d === 2) {
        const s = L.spans;
        if (this.limits.maxRoutes !== undefined && s.count >= this.limits.maxRoutes) {
          throw this.fail(i, `a batch holds at most ${this.limits.maxRoutes} routes`, 'routes');
        }
        s.count++;
        s.start.push(i);
        s.end.push(-1);
        s.idStart.push(-1);
        s.idEnd.push(-1);
        s.propIdStart.push(-1);
        s.propIdEnd.push(-1);
        s.vertices.push(0);
      } else if (this.stack[2] === OBJ) {
        const k2 = this.keys[2];
        if (d === 3 && k2 === K_ID) {
          this.idPending = true;
          this.idStart = i;
        } else if (d === 4 && k2 === K_PROPERTIES && this.stack[3] === OBJ && this.keys[3] === K_ID) {
          this.propIdPending = true;
          this.propIdStart = i;
        }
        else if (d >= 5 && this.firstInArray && (c === 0x2d || isDigit(c))) this.position(i);
      }
    }
    if (c === 0x7b || c === 0x5b) {
      if (d >= this.limits.maxDepth) throw this.fail(i, `nested deeper than ${this.limits.maxDepth} levels`, 'depth');
      this.stack[d] = c === 0x7b ? OBJ : ARR;
      this.keys[d] = K_OTHER;
      this.depth = d + 1;
      this.mode = c === 0x7b ? KEY : VALUE;
      this.closeOk = true;
      this.firstInArray = c === 0x5b;
    } else if (c === 0x22) {
      this.mode = STRING;
      this.isKey = false;
    } else if (c === 0x2d || isDigit(c)) {
      this.mode = NUMBER;
      this.sub = c === 0x2d ? N_SIGN : c === 0x30 ? N_ZERO : N_INT;
    } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
      this.mode = LITERAL;
      this.literal = LITERALS[c === 0x74 ? 0 : c === 0x66 ? 1 : 2]!;
      this.literalAt = 1;
    } else throw this.fail(i, `expected a value, found ${show(c)}`);
  }

  /** A number opens an array at depth 5 or more: a position, when under a feature's geometry.coordinates. */
  private position(_i: number): void {
    if (!this.featuresOpen || this.stack[2] !== OBJ || this.keys[2] !== K_GEOMETRY || this.stack[3] !== OBJ || this.keys[3] !== K_COORDINATES) return;
    const L = this.layout;
    L.spans.vertices[L.spans.count - 1]!++;
    L.totalVertices++; // counted to the end, so that the refusal can say how many (the scan is cheap)
  }

  private endString(b: Uint8Array, quote: number): void {
    if (!this.isKey) return this.endValue(quote + 1);
    const d = this.depth;
    if (d === 1 || d === 3 || d === 4) {
      // only the keys the layout follows are read; an escaped one is decoded as JSON.parse would
      const len = quote - this.keyStart;
      let k = K_OTHER;
      if (len <= 11 || this.keyEscaped) {
        const text = this.keyEscaped ? (JSON.parse(Buffer.from(b.buffer, b.byteOffset + this.keyStart - 1, len + 2).toString('utf8')) as string) : String.fromCharCode(...b.subarray(this.keyStart, quote));
        k = KEYS[text] ?? K_OTHER;
      }
      this.keys[d - 1] = k;
    }
    this.mode = COLON;
  }

  /** Reads c as part of a number; false when the number ended before it. */
  private number(c: number, i: number): boolean {
    switch (this.sub) {
      case N_SIGN:
        if (c === 0x30) this.sub = N_ZERO;
        else if (isDigit(c)) this.sub = N_INT;
        else throw this.fail(i, 'a minus sign must be followed by a digit');
        return true;
      case N_ZERO:
      case N_INT:
        if (this.sub === N_INT && isDigit(c)) return true;
        if (c === 0x2e) this.sub = N_DOT;
        else if (c === 0x65 || c === 0x45) this.sub = N_E;
        else if (isDigit(c)) throw this.fail(i, 'a number must not start with 0');
        else return this.endNumber(i);
        return true;
      case N_DOT:
        if (!isDigit(c)) throw this.fail(i, 'a decimal point must be followed by a digit');
        this.sub = N_FRAC;
        return true;
      case N_FRAC:
        if (isDigit(c)) return true;
        if (c === 0x65 || c === 0x45) {
          this.sub = N_E;
          return true;
        }
        return this.endNumber(i);
      case N_E:
        if (c === 0x2b || c === 0x2d) this.sub = N_ESIGN;
        else if (isDigit(c)) this.sub = N_EXP;
        else throw this.fail(i, 'an exponent needs digits');
        return true;
      case N_ESIGN:
        if (!isDigit(c)) throw this.fail(i, 'an exponent needs digits');
        this.sub = N_EXP;
        return true;
      default:
        if (isDigit(c)) return true;
        return this.endNumber(i);
    }
  }

  private endNumber(i: number): false {
    this.endValue(i);
    return false;
  }

  private close(kind: number, i: number): void {
    const d = this.depth;
    if (d === 0 || this.stack[d - 1] !== kind) throw this.fail(i, `unexpected ${kind === OBJ ? '"}"' : '"]"'}`);
    this.depth = d - 1;
    if (d - 1 === 1 && this.featuresOpen && kind === ARR) {
      this.featuresOpen = false;
      this.layout.features![1] = i + 1;
    }
    this.endValue(i + 1);
  }

  /** A value ended at `end` (exclusive) at the current depth. */
  private endValue(end: number): void {
    const d = this.depth;
    this.mode = AFTER;
    this.firstInArray = false;
    if (d === 1 && this.typePending) {
      this.typePending = false;
      this.layout.type = [this.typeStart, end];
    } else if (this.featuresOpen) {
      const s = this.layout.spans;
      if (d === 2) s.end[s.count - 1] = end;
      else if (d === 3 && this.idPending) {
        this.idPending = false;
        s.idStart[s.count - 1] = this.idStart;
        s.idEnd[s.count - 1] = end;
      } else if (d === 4 && this.propIdPending) {
        this.propIdPending = false;
        s.propIdStart[s.count - 1] = this.propIdStart;
        s.propIdEnd[s.count - 1] = end;
      }
    }
  }
}

/**
 * The end of a number starting at i when it ends before `to` (the byte there is not part of it); -1 when it may
 * go on past `to` (the state machine takes it then); throws on a malformed number.
 */
function lexNumber(b: Uint8Array, i: number, to: number): number {
  let j = i;
  if (b[j] === 0x2d) j++;
  if (j >= to) return -1;
  if (b[j] === 0x30) j++;
  else if (isDigit(b[j]!)) while (j < to && isDigit(b[j]!)) j++;
  else throw new JsonScanError(j, 'a minus sign must be followed by a digit', 'syntax');
  if (j >= to) return -1;
  if (b[j] === 0x2e) {
    j++;
    if (j >= to) return -1;
    if (!isDigit(b[j]!)) throw new JsonScanError(j, 'a decimal point must be followed by a digit', 'syntax');
    while (j < to && isDigit(b[j]!)) j++;
    if (j >= to) return -1;
  }
  if (b[j] === 0x65 || b[j] === 0x45) {
    j++;
    if (j < to && (b[j] === 0x2b || b[j] === 0x2d)) j++;
    if (j >= to) return -1;
    if (!isDigit(b[j]!)) throw new JsonScanError(j, 'an exponent needs digits', 'syntax');
    while (j < to && isDigit(b[j]!)) j++;
    if (j >= to) return -1;
  }
  if (isDigit(b[j]!)) throw new JsonScanError(j, 'a number must not start with 0', 'syntax');
  return j;
}

function emptySpans(): FeatureSpans {
  return { count: 0, start: [], end: [], idStart: [], idEnd: [], propIdStart: [], propIdEnd: [], vertices: [] };
}
