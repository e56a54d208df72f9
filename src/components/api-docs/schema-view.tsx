import { refName, type SchemaObject } from "./openapi-types";

const MAX_DEPTH = 5;

const types = (s: SchemaObject): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const alternatives = (s: SchemaObject) => s.anyOf ?? s.oneOf;
const isNull = (s: SchemaObject) => types(s).length === 1 && types(s)[0] === "null";

/** A schema without its `null` alternative, and whether it had one. */
function withoutNull(s: SchemaObject): { schema: SchemaObject; nullable: boolean } {
  const t = types(s);
  if (t.includes("null") && t.length > 1) return { schema: { ...s, type: t.filter((x) => x !== "null") }, nullable: true };
  const alts = alternatives(s);
  if (alts?.some(isNull)) {
    const rest = alts.filter((a) => !isNull(a));
    return { schema: rest.length === 1 ? { ...s, anyOf: undefined, oneOf: undefined, ...rest[0] } : { ...s, anyOf: rest, oneOf: undefined }, nullable: true };
  }
  return { schema: s, nullable: false };
}

/** "string (uuid)", "array of Customer", "integer, 1 to 100": one line naming a schema's shape. */
export function typeLabel(s: SchemaObject): string {
  const { schema, nullable } = withoutNull(s);
  const base = ((): string => {
    if (schema.$ref) return refName(schema.$ref);
    if (schema.const !== undefined) return `constant ${JSON.stringify(schema.const)}`;
    const alts = alternatives(schema);
    if (alts?.length) return alts.map(typeLabel).join(" or ");
    if (schema.allOf?.length === 1) return typeLabel(schema.allOf[0]!);
    const t = types(schema)[0];
    if (t === "array") return `array of ${schema.items ? typeLabel(schema.items) : "any"}`;
    if (!t) return schema.properties ? "object" : "any";
    return schema.format ? `${t} (${schema.format})` : t;
  })();
  return nullable ? `${base} or null` : base;
}

/** Limits and allowed values, in words. */
export function constraints(s: SchemaObject): string[] {
  const out: string[] = [];
  if (s.enum?.length) out.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (s.minimum !== undefined || s.maximum !== undefined) out.push(s.minimum !== undefined && s.maximum !== undefined ? `${s.minimum} to ${s.maximum}` : s.minimum !== undefined ? `at least ${s.minimum}` : `at most ${s.maximum}`);
  if (s.exclusiveMinimum !== undefined) out.push(`more than ${s.exclusiveMinimum}`);
  if (s.exclusiveMaximum !== undefined) out.push(`less than ${s.exclusiveMaximum}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) out.push(`${s.minLength ?? 0} to ${s.maxLength ?? "any number of"} characters`);
  if (s.minItems !== undefined || s.maxItems !== undefined) out.push(`${s.minItems ?? 0} to ${s.maxItems ?? "any number of"} items`);
  if (s.pattern) out.push(`matches ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/**
 * The object a schema describes, through single-element allOf and array items. Named component
 * schemas are not expanded: they are shown once under Schemas and linked, so a page with a hundred
 * error answers does not repeat the problem shape a hundred times.
 */
function objectOf(s: SchemaObject): SchemaObject | null {
  const { schema } = withoutNull(s);
  if (schema.$ref) return null;
  if (schema.allOf?.length) {
    const parts = schema.allOf.map(objectOf).filter((p) => !!p);
    if (!parts.length) return null;
    const properties = Object.assign({}, ...parts.map((p) => p.properties));
    const required = parts.flatMap((p) => p.required ?? []);
    return { ...schema, allOf: undefined, type: "object", properties, required };
  }
  const t = types(schema);
  if (t.includes("array") && schema.items) return objectOf(schema.items);
  if (schema.properties) return schema;
  return null;
}

export const schemaAnchor = (ref: string) => `schema-${refName(ref).replace(/[^A-Za-z0-9_-]+/g, "-")}`;

/** The direct component reference of a schema (itself, its array items, or its non-null alternative). */
function referenceOf(s: SchemaObject): string | undefined {
  const { schema } = withoutNull(s);
  return schema.$ref ?? (types(schema).includes("array") ? schema.items?.$ref : undefined);
}

/** The type in words; a named schema links to its one rendering. */
export function TypeName({ schema, className }: { schema: SchemaObject; className?: string }) {
  const ref = referenceOf(schema);
  const label = typeLabel(schema);
  return ref ? (
    <a href={`#${schemaAnchor(ref)}`} className={`${className ?? ""} text-brand-700 underline underline-offset-2`}>
      {label}
    </a>
  ) : (
    <span className={className}>{label}</span>
  );
}

/** "name  type  required" on one line (kept lean: a document has hundreds of fields). */
export function FieldLine({ name, schema, required, where }: { name: string; schema?: SchemaObject; required?: boolean; where?: string }) {
  return (
    <p>
      <code className="font-mono font-semibold text-ink">{name}</code>
      {where ? <span className="text-xs text-ink-muted"> in {where}</span> : null}
      {schema ? (
        <>
          {" "}
          <TypeName schema={schema} className="font-mono text-xs text-ink-muted" />
        </>
      ) : null}
      {required ? <span className="text-xs font-medium text-amber-800"> required</span> : null}
    </p>
  );
}

/** A schema as a list of its fields, nested fields indented; named schemas are linked. */
export function SchemaView({ schema, depth = 0 }: { schema: SchemaObject; depth?: number }) {
  const target = objectOf(schema);
  if (!target || depth >= MAX_DEPTH) {
    const extra = constraints(withoutNull(schema).schema);
    return (
      <p className="text-sm text-ink-muted">
        <TypeName schema={schema} className="font-mono" />
        {schema.description ? ` — ${schema.description}` : null}
        {extra.length ? ` (${extra.join("; ")})` : null}
      </p>
    );
  }
  const required = new Set(target.required ?? []);
  const entries = Object.entries(target.properties ?? {});
  if (!entries.length) return <p className="text-sm text-ink-muted">An empty object.</p>;
  return (
    <ul className={depth ? "mt-1 space-y-1 border-l-2 border-line pl-3 text-sm" : "space-y-1 text-sm"}>
      {entries.map(([name, prop]) => {
        const extra = constraints(withoutNull(prop).schema);
        return (
          <li key={name}>
            <FieldLine name={name} schema={prop} required={required.has(name)} />
            {prop.description ? <p className="text-ink-muted">{prop.description}</p> : null}
            {extra.length ? <p className="text-xs text-ink-muted">{extra.join("; ")}</p> : null}
            {objectOf(prop) ? <SchemaView schema={prop} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
