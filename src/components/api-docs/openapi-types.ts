/** The parts of an OpenAPI 3.1 document the docs page renders. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: SchemaObject | boolean;
  items?: SchemaObject;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface Ref {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  description?: string;
  required?: boolean;
  schema?: SchemaObject;
}

export interface MediaTypeObject {
  schema?: SchemaObject;
  example?: unknown;
}

export interface HeaderObject {
  description?: string;
  schema?: SchemaObject;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, HeaderObject | Ref>;
  content?: Record<string, MediaTypeObject>;
}

export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: (ParameterObject | Ref)[];
  requestBody?: RequestBodyObject | Ref;
  responses?: Record<string, ResponseObject | Ref>;
  security?: Record<string, string[]>[];
  deprecated?: boolean;
}

export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & { parameters?: (ParameterObject | Ref)[] };

export interface SecuritySchemeObject {
  type: string;
  scheme?: string;
  bearerFormat?: string;
  name?: string;
  in?: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, PathItemObject>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    parameters?: Record<string, ParameterObject>;
    responses?: Record<string, ResponseObject>;
    requestBodies?: Record<string, RequestBodyObject>;
    headers?: Record<string, HeaderObject>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
  };
  security?: Record<string, string[]>[];
}

const isRef = (v: unknown): v is Ref => typeof v === "object" && v !== null && typeof (v as Ref).$ref === "string";

/** Follows a local `#/components/...` reference; unknown references resolve to null. */
export function resolveRef<T>(doc: OpenApiDocument, value: T | Ref): T | null {
  if (!isRef(value)) return value;
  const parts = value.$ref.replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = doc;
  for (const part of parts) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return (node as T | undefined) ?? null;
}

/** The component name of a `#/components/schemas/Name` reference. */
export const refName = (ref: string) => ref.split("/").pop() ?? ref;

export interface OperationEntry {
  id: string;
  method: HttpMethod;
  path: string;
  operation: OperationObject;
  parameters: ParameterObject[];
}

/** Every operation grouped by its first tag, in the document's tag order, then path order. */
export function operationsByTag(doc: OpenApiDocument): { tag: string; description?: string; operations: OperationEntry[] }[] {
  const groups = new Map<string, OperationEntry[]>();
  for (const t of doc.tags ?? []) groups.set(t.name, []);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? "Other";
      const shared = (item.parameters ?? []).map((p) => resolveRef(doc, p)).filter((p): p is ParameterObject => !!p);
      const own = (operation.parameters ?? []).map((p) => resolveRef(doc, p)).filter((p): p is ParameterObject => !!p);
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const id = `op-${operation.operationId ?? `${method}-${path}`}`.replace(/[^A-Za-z0-9_-]+/g, "-");
      groups.set(tag, [...(groups.get(tag) ?? []), { id, method, path, operation, parameters }]);
    }
  }
  return [...groups.entries()]
    .filter(([, ops]) => ops.length)
    .map(([tag, operations]) => ({ tag, description: doc.tags?.find((t) => t.name === tag)?.description, operations }));
}
