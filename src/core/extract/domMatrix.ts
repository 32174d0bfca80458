/**
 * A 2-D DOMMatrix for pdf.js outside a browser. pdf.js builds one when its module loads and otherwise only to
 * draw pages; reading the text layer never draws. In a browser, and in Node where the optional @napi-rs/canvas
 * package is installed, the real one is used: this fills in only where there is none (the packaged extension
 * ships no native packages), so that loading pdf.js cannot fail with "DOMMatrix is not defined".
 */
class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  readonly is2D = true;

  constructor(init?: readonly number[]) {
    if (init && init.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init;
    else if (init && init.length === 16) [this.a, this.b, this.c, this.d, this.e, this.f] = [init[0], init[1], init[4], init[5], init[12], init[13]];
  }

  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  /** this = this × other. */
  multiplySelf(other: AffineMatrix): this {
    const { a, b, c, d, e, f } = this;
    this.a = a * other.a + c * other.b;
    this.b = b * other.a + d * other.b;
    this.c = a * other.c + c * other.d;
    this.d = b * other.c + d * other.d;
    this.e = a * other.e + c * other.f + e;
    this.f = b * other.e + d * other.f + f;
    return this;
  }

  /** this = other × this. */
  preMultiplySelf(other: AffineMatrix): this {
    const product = new AffineMatrix([other.a, other.b, other.c, other.d, other.e, other.f]).multiplySelf(this);
    return this.setFrom(product);
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf(new AffineMatrix([1, 0, 0, 1, tx, ty]));
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf(new AffineMatrix([sx, 0, 0, sy, 0, 0]));
  }

  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    if (det === 0) return this.setFrom(new AffineMatrix([NaN, NaN, NaN, NaN, NaN, NaN]));
    const { a, b, c, d, e, f } = this;
    return this.setFrom(new AffineMatrix([d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det]));
  }

  multiply(other: AffineMatrix): AffineMatrix {
    return this.copy().multiplySelf(other);
  }

  translate(tx?: number, ty?: number): AffineMatrix {
    return this.copy().translateSelf(tx, ty);
  }

  scale(sx?: number, sy?: number): AffineMatrix {
    return this.copy().scaleSelf(sx, sy);
  }

  inverse(): AffineMatrix {
    return this.copy().invertSelf();
  }

  transformPoint(point: { x?: number; y?: number } = {}): { x: number; y: number; z: number; w: number } {
    const x = point.x ?? 0;
    const y = point.y ?? 0;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f, z: 0, w: 1 };
  }

  private copy(): AffineMatrix {
    return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]);
  }

  private setFrom(other: AffineMatrix): this {
    [this.a, this.b, this.c, this.d, this.e, this.f] = [other.a, other.b, other.c, other.d, other.e, other.f];
    return this;
  }
}

/** Stand-ins for the two other drawing classes pdf.js asks for when it loads: never used to read text. */
class NoImageData {
  constructor(
    readonly width = 0,
    readonly height = 0,
  ) {}
  readonly data = new Uint8ClampedArray(0);
}

class NoPath2D {
  addPath(): void {}
  closePath(): void {}
  moveTo(): void {}
  lineTo(): void {}
  bezierCurveTo(): void {}
  quadraticCurveTo(): void {}
  rect(): void {}
}

/*
 * pdf.js looks for @napi-rs/canvas as it loads in Node and prints a warning on the console (the CLI's stdout,
 * where it would break --json) when it is not installed, as in the packaged extension. Its drawing is never used
 * here: that one warning is held back while pdf.js loads (pdf.ts ends the quiet once its imports are done).
 */
const consoleLog = console.log;
console.log = (...args: unknown[]): void => {
  if (typeof args[0] === 'string' && args[0].startsWith('Warning: Cannot load "@napi-rs/canvas"')) return;
  consoleLog(...args);
};

/** Puts console.log back once pdf.js has loaded. */
export function endQuietLoad(): void {
  console.log = consoleLog;
}

// All three, so that pdf.js does not warn that it cannot polyfill them.
const scope = globalThis as { DOMMatrix?: unknown; ImageData?: unknown; Path2D?: unknown };
if (typeof scope.DOMMatrix === 'undefined') scope.DOMMatrix = AffineMatrix;
if (typeof scope.ImageData === 'undefined') scope.ImageData = NoImageData;
if (typeof scope.Path2D === 'undefined') scope.Path2D = NoPath2D;

export { AffineMatrix };
