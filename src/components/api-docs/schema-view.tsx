import { Badge } from "@/components/ui";
import { refName, resolveRef, type OpenApiDocument, type SchemaObject } from "./openapi-types";

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

/** The object a schema describes, following references and single-element allOf. */
function objectOf(doc: OpenApiDocument, s: SchemaObject, seen: string[]): { schema: SchemaObject; seen: string[] } | null {
  const { schema } = withoutNull(s);
  if (schema.$ref) {
    if (seen.includes(schema.$ref)) return null;
    const target = resolveRef<SchemaObject>(doc, { $ref: schema.$ref });
    return target ? objectOf(doc, target, [...seen, schema.$ref]) : null;
  }
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((p) => objectOf(doc, p, seen)).filter((p) => !!p);
    if (!parts.length) return null;
    const properties = Object.assign({}, ...parts.map((p) => p.schema.properties));
    const required = parts.flatMap((p) => p.schema.required ?? []);
    return { schema: { ...schema, allOf: undefined, type: "object", properties, required }, seen };
  }
  const t = types(schema);
  if (t.includes("array") && schema.items) return objectOf(doc, schema.items, seen);
  if (schema.properties) return { schema, seen };
  return null;
}

/** A schema as a list of its fields, nested fields indented; references are followed. */
export function SchemaView({ doc, schema, depth = 0, seen = [] }: { doc: OpenApiDocument; schema: SchemaObject; depth?: number; seen?: string[] }) {
  const target = objectOf(doc, schema, seen);
  if (!target || depth >= MAX_DEPTH) {
    const extra = constraints(withoutNull(schema).schema);
    return (
      <p className="text-sm text-ink-muted">
        <code className="font-mono text-ink">{typeLabel(schema)}</code>
        {schema.description ? ` — ${schema.description}` : null}
        {extra.length ? ` (${extra.join("; ")})` : null}
      </p>
    );
  }
  const required = new Set(target.schema.required ?? []);
  const entries = Object.entries(target.schema.properties ?? {});
  if (!entries.length) return <p className="text-sm text-ink-muted">An empty object.</p>;
  return (
    <ul className={depth ? "mt-2 space-y-2 border-l-2 border-line pl-3" : "space-y-2"}>
      {entries.map(([name, prop]) => {
        const extra = constraints(withoutNull(prop).schema);
        const nested = objectOf(doc, prop, target.seen);
        return (
          <li key={name} className="text-sm">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <code className="font-mono font-semibold text-ink">{name}</code>
              <span className="font-mono text-xs text-ink-muted">{typeLabel(prop)}</span>
              {required.has(name) ? <Badge tone="warning">required</Badge> : null}
            </div>
            {prop.description ? <p className="text-ink-muted">{prop.description}</p> : null}
            {extra.length ? <p className="text-xs text-ink-muted">{extra.join("; ")}</p> : null}
            {nested ? <SchemaView doc={doc} schema={prop} depth={depth + 1} seen={target.seen} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
