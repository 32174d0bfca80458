/**
 * A small validator for the subset of JSON Schema that the catalog schema uses (type, const, enum, properties,
 * required, additionalProperties, items, minLength, minimum, pattern, $ref to #/$defs). It exists so that the
 * schema file stays the single source of truth without shipping a general validator (ajv alone is larger than
 * our whole bundle budget). A keyword it does not know makes it throw, so the schema cannot silently outgrow it.
 */
export interface SchemaIssue {
  /** JSON path of the offending value, e.g. `$.quotes[3].speaker`. */
  readonly path: string;
  readonly message: string;
}

type Schema = { [keyword: string]: unknown };

const KNOWN_KEYWORDS = new Set([
  '$schema', '$id', '$ref', '$defs', 'title', 'description', 'type', 'const', 'enum', 'properties', 'required',
  'additionalProperties', 'items', 'minLength', 'minimum', 'pattern',
]);

export function validateAgainstSchema(value: unknown, root: Schema): SchemaIssue[] {
  const validator = new SchemaValidator(root);
  validator.visit(value, root, '$');
  return validator.issues;
}

/** One validation: the root schema (for `$ref`) and the issues found so far, in document order. */
class SchemaValidator {
  readonly issues: SchemaIssue[] = [];

  constructor(private readonly root: Schema) {}

  visit(v: unknown, schema: Schema, path: string): void {
    for (const keyword of Object.keys(schema)) {
      if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`Schema keyword "${keyword}" is not supported`);
    }
    if (typeof schema.$ref === 'string') {
      this.visit(v, this.resolveRef(schema.$ref), path);
      return;
    }
    if ('const' in schema && v !== schema.const) {
      this.issues.push({ path, message: `must be ${JSON.stringify(schema.const)}` });
      return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(v)) {
      this.issues.push({ path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` });
      return;
    }
    if (typeof schema.type === 'string' && !hasType(v, schema.type)) {
      this.issues.push({ path, message: `must be ${article(schema.type)} ${schema.type}, not ${describe(v)}` });
      return;
    }
    if (typeof v === 'string') this.checkString(v, schema, path);
    if (typeof v === 'number' && typeof schema.minimum === 'number' && v < schema.minimum) {
      this.issues.push({ path, message: `must be at least ${schema.minimum}` });
    }
    if (Array.isArray(v) && schema.items) {
      v.forEach((item, i) => this.visit(item, schema.items as Schema, `${path}[${i}]`));
    }
    if (isPlainObject(v)) this.checkObject(v, schema, path);
  }

  private checkString(v: string, schema: Schema, path: string): void {
    if (typeof schema.minLength === 'number' && v.length < schema.minLength) {
      this.issues.push({ path, message: v.length === 0 ? 'must not be empty' : `must be at least ${schema.minLength} characters long` });
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) {
      this.issues.push({ path, message: `${JSON.stringify(v)} does not match ${schema.pattern}` });
    }
  }

  private checkObject(v: Record<string, unknown>, schema: Schema, path: string): void {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!Object.prototype.hasOwnProperty.call(v, name)) this.issues.push({ path, message: `is missing required property "${name}"` });
    }
    for (const [name, child] of Object.entries(v)) {
      const childPath = /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
      // Own properties only: "constructor" or "__proto__" in a catalog are unknown keys, not Object's members.
      if (Object.prototype.hasOwnProperty.call(properties, name)) this.visit(child, properties[name], childPath);
      else if (schema.additionalProperties === false) this.issues.push({ path, message: `has unknown property "${name}"` });
      else if (isPlainObject(schema.additionalProperties)) this.visit(child, schema.additionalProperties as Schema, childPath);
    }
  }

  private resolveRef(ref: string): Schema {
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    const defs = this.root.$defs as Record<string, Schema> | undefined;
    const target = match && defs ? defs[match[1]] : undefined;
    if (!target) throw new Error(`Schema reference "${ref}" cannot be resolved`);
    return target;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasType(v: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isPlainObject(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return typeof v === 'boolean';
    default: throw new Error(`Schema type "${type}" is not supported`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `${article(typeof v)} ${typeof v}`;
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');
