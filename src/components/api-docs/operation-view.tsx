import { Badge, Card, type Tone } from "@/components/ui";
import { resolveRef, type HeaderObject, type MediaTypeObject, type OpenApiDocument, type OperationEntry, type RequestBodyObject, type ResponseObject } from "./openapi-types";
import { constraints, FieldLine, SchemaView, TypeName } from "./schema-view";

const methodTone: Record<string, Tone> = { get: "info", post: "success", put: "warning", patch: "warning", delete: "danger" };

export function MethodBadge({ method }: { method: string }) {
  return (
    <Badge tone={methodTone[method] ?? "neutral"} className="font-mono uppercase">
      {method}
    </Badge>
  );
}

function Content({ content }: { content?: Record<string, MediaTypeObject> }) {
  if (!content) return null;
  return (
    <>
      {Object.entries(content).map(([type, media]) => (
        <div key={type} className="mt-2 space-y-2">
          <p className="text-xs text-ink-muted">
            Body <code className="font-mono">{type}</code>
          </p>
          {media.schema ? <SchemaView schema={media.schema} /> : null}
        </div>
      ))}
    </>
  );
}

function Headers({ doc, headers }: { doc: OpenApiDocument; headers?: ResponseObject["headers"] }) {
  const list = Object.entries(headers ?? {})
    .map(([name, h]) => [name, resolveRef<HeaderObject>(doc, h)] as const)
    .filter((e): e is readonly [string, HeaderObject] => !!e[1]);
  if (!list.length) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {list.map(([name, h]) => (
        <li key={name}>
          Header <code className="font-mono font-semibold text-ink">{name}</code>
          {h.schema ? <> <TypeName schema={h.schema} className="font-mono text-xs text-ink-muted" /></> : null}
          {h.description ? <span className="text-ink-muted"> — {h.description}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** One operation: what it does, who may call it, its parameters, body and answers. */
export function OperationView({ doc, entry }: { doc: OpenApiDocument; entry: OperationEntry }) {
  const { operation, parameters } = entry;
  const body = operation.requestBody ? resolveRef<RequestBodyObject>(doc, operation.requestBody) : null;
  const security = operation.security ?? doc.security ?? [];
  const schemes = [...new Set(security.flatMap((s) => Object.keys(s)))];
  const scopes = [...new Set(security.flatMap((s) => Object.values(s).flat()))];
  const headingId = `${entry.id}-h`;
  return (
    <Card as="section" aria-labelledby={headingId} id={entry.id} className="scroll-mt-4 space-y-4">
      <div className="space-y-1">
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold text-ink">
          <MethodBadge method={entry.method} />
          <code className="font-mono text-sm break-all">{entry.path}</code>
          {operation.deprecated ? <Badge tone="warning">deprecated</Badge> : null}
        </h3>
        {operation.summary ? <p className="text-sm font-medium text-ink">{operation.summary}</p> : null}
        {operation.description ? <p className="text-sm whitespace-pre-line text-ink-muted">{operation.description}</p> : null}
        <p className="text-xs text-ink-muted">
          {schemes.length ? <>Authentication: {schemes.join(", ")}</> : "No authentication"}
          {scopes.length ? <> · scope {scopes.join(" or ")}</> : null}
          {operation.operationId ? (
            <>
              {" "}
              · operation <code className="font-mono">{operation.operationId}</code>
            </>
          ) : null}
        </p>
      </div>
      {parameters.length ? (
        <div>
          <h4 className="text-sm font-semibold text-ink">Parameters</h4>
          <ul className="mt-2 space-y-1 text-sm">
            {parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <FieldLine name={p.name} where={p.in} schema={p.schema} required={p.required} />
                {p.description ? <p className="text-ink-muted">{p.description}</p> : null}
                {p.schema && constraints(p.schema).length ? <p className="text-xs text-ink-muted">{constraints(p.schema).join("; ")}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {body ? (
        <div>
          <h4 className="text-sm font-semibold text-ink">Request body{body.required ? "" : " (optional)"}</h4>
          {body.description ? <p className="text-sm text-ink-muted">{body.description}</p> : null}
          <Content content={body.content} />
        </div>
      ) : null}
      <div>
        <h4 className="text-sm font-semibold text-ink">Responses</h4>
        <ul className="mt-2 space-y-2">
          {Object.entries(operation.responses ?? {}).map(([status, raw]) => {
            const r = resolveRef<ResponseObject>(doc, raw);
            if (!r) return null;
            return (
              <li key={status}>
                <details open={status.startsWith("2")} className="rounded-control border border-line p-3 open:bg-canvas">
                  <summary className="cursor-pointer text-sm">
                    <code className="font-mono font-semibold text-ink">{status}</code> <span className="text-ink-muted">{r.description}</span>
                  </summary>
                  <Headers doc={doc} headers={r.headers} />
                  <Content content={r.content} />
                </details>
              </li>
            );
          })}
        </ul>
      </div>
    </Card>
  );
}
