/**
 * The offset of the first JSON syntax error in a text, or undefined when it parses. JSON.parse in some
 * engines says only "Unexpected token"; a user fixing a catalog needs the line and column.
 *
 * Iterative, with an explicit stack of open containers: a hostile catalog nested 20,000 levels deep must give
 * a message, not a stack overflow.
 */
export function locateJsonSyntaxError(text: string): number | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.run();
    return scanner.trailingOffset();
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    throw error;
  }
}

/** What the scanner expects next inside the innermost open container. */
type Expect = 'value' | 'key' | 'colon' | 'commaOrClose' | 'valueOrClose' | 'keyOrClose';

class JsonScanner {
  private i = 0;
  /** The closing character of each open container, innermost last. */
  private readonly open: string[] = [];

  constructor(private readonly text: string) {}

  run(): void {
    let expect: Expect = 'value';
    for (;;) {
      this.space();
      expect = this.step(expect);
      if (expect === 'commaOrClose' && this.open.length === 0) return;
    }
  }

  trailingOffset(): number | undefined {
    this.space();
    return this.i < this.text.length ? this.i : undefined;
  }

  /** Consumes one token and says what may follow it. */
  private step(expect: Expect): Expect {
    const c = this.text[this.i];
    switch (expect) {
      case 'valueOrClose':
      case 'keyOrClose':
        if (c === this.open[this.open.length - 1]) return this.close();
        return this.step(expect === 'valueOrClose' ? 'value' : 'key');
      case 'key':
        if (c !== '"') this.fail();
        this.string();
        return 'colon';
      case 'colon':
        if (c !== ':') this.fail();
        this.i++;
        return 'value';
      case 'commaOrClose':
        if (c === ',') {
          this.i++;
          return this.open[this.open.length - 1] === '}' ? 'key' : 'value';
        }
        if (c === this.open[this.open.length - 1]) return this.close();
        return this.fail();
      case 'value':
        return this.value(c);
    }
  }

  private value(c: string | undefined): Expect {
    if (c === '{' || c === '[') {
      this.open.push(c === '{' ? '}' : ']');
      this.i++;
      return c === '{' ? 'keyOrClose' : 'valueOrClose';
    }
    if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.number();
    return 'commaOrClose';
  }

  private close(): Expect {
    this.open.pop();
    this.i++;
    return 'commaOrClose';
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.i)) this.i += word.length;
    else this.fail();
  }

  private string(): void {
    this.i++; // opening quote
    while (this.i < this.text.length && this.text[this.i] !== '"') {
      if (this.text[this.i] === '\\') this.i++;
      else if (this.text.charCodeAt(this.i) < 0x20) this.fail();
      this.i++;
    }
    if (this.i >= this.text.length) this.fail();
    this.i++;
  }

  private number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/u.exec(this.text.slice(this.i, this.i + 64));
    if (!m) this.fail();
    this.i += (m as RegExpExecArray)[0].length;
  }

  private fail(): never {
    throw new SyntaxAt(this.i);
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

/**
 * How deeply a parsed JSON value nests, counted without recursion and given up once past `limit` (so a deep
 * value costs no more than the limit to reject).
 */
export function nestingDepthExceeds(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current as object)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
