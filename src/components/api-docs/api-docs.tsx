import { Card } from "@/components/ui";
import { operationsByTag, type OpenApiDocument } from "./openapi-types";
import { MethodBadge, OperationView } from "./operation-view";
import { schemaAnchor, SchemaView } from "./schema-view";

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** The OpenAPI document as a page: contents, authentication, then every operation by tag. */
export function ApiDocs({ doc }: { doc: OpenApiDocument }) {
  const groups = operationsByTag(doc);
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  const components = Object.entries(doc.components?.schemas ?? {});
  const problem = components.find(([name]) => name === "Problem" || name === "ProblemDetails");
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <nav aria-label="API reference contents" className="min-w-0 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
        <ul className="space-y-3 text-sm">
          <li>
            <a href="#overview" className="font-medium text-brand-700 underline-offset-2 hover:underline">
              Overview and authentication
            </a>
          </li>
          {groups.map((g) => (
            <li key={g.tag}>
              <a href={`#tag-${slug(g.tag)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {g.tag}
              </a>
              <ul className="mt-1 space-y-1">
                {g.operations.map((o) => (
                  <li key={o.id}>
                    <a href={`#${o.id}`} className="flex min-w-0 items-center gap-2 text-ink-muted underline-offset-2 hover:text-ink hover:underline">
                      <MethodBadge method={o.method} />
                      <span className="truncate font-mono text-xs">{o.path}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {components.length ? (
            <li>
              <a href="#schemas" className="font-medium text-brand-700 underline-offset-2 hover:underline">
                Schemas
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
      <div className="min-w-0 space-y-8">
        <Card as="section" aria-labelledby="overview" className="space-y-3">
          <h2 id="overview" className="text-lg font-semibold text-ink">
            {doc.info.title} <span className="text-sm font-normal text-ink-muted">version {doc.info.version}</span>
          </h2>
          {doc.info.description ? <p className="text-sm whitespace-pre-line text-ink-muted">{doc.info.description}</p> : null}
          {doc.servers?.length ? (
            <p className="text-sm text-ink-muted">
              Base URL:{" "}
              {doc.servers.map((s) => (
                <code key={s.url} className="mr-2 font-mono text-ink">
                  {s.url}
                </code>
              ))}
            </p>
          ) : null}
          {schemes.length ? (
            <div>
              <h3 className="text-sm font-semibold text-ink">Authentication</h3>
              <ul className="mt-1 space-y-1 text-sm text-ink-muted">
                {schemes.map(([name, s]) => (
                  <li key={name}>
                    <code className="font-mono text-ink">{name}</code>: {s.type === "http" ? `HTTP ${s.scheme ?? ""}${s.bearerFormat ? ` (${s.bearerFormat})` : ""}` : s.type}
                    {s.description ? ` — ${s.description}` : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {problem ? (
            <div>
              <h3 className="text-sm font-semibold text-ink">Errors</h3>
              <p className="text-sm text-ink-muted">
                Every error answers <code className="font-mono">application/problem+json</code> (RFC 9457): see{" "}
                <a href={`#${schemaAnchor(problem[0])}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {problem[0]}
                </a>
                .
              </p>
            </div>
          ) : null}
          <p className="text-sm text-ink-muted">
            The machine-readable document: <a className="font-medium text-brand-700 underline underline-offset-2" href="/api/v1/openapi.json">/api/v1/openapi.json</a>
          </p>
        </Card>
        {groups.map((g) => (
          <section key={g.tag} aria-labelledby={`tag-${slug(g.tag)}`} className="space-y-4">
            <div>
              <h2 id={`tag-${slug(g.tag)}`} className="scroll-mt-4 text-lg font-semibold text-ink">
                {g.tag}
              </h2>
              {g.description ? <p className="text-sm text-ink-muted">{g.description}</p> : null}
            </div>
            {g.operations.map((o) => (
              <OperationView key={o.id} doc={doc} entry={o} />
            ))}
          </section>
        ))}
        {components.length ? (
          <section aria-labelledby="schemas" className="space-y-4">
            <h2 id="schemas" className="scroll-mt-4 text-lg font-semibold text-ink">
              Schemas
            </h2>
            {components.map(([name, schema]) => (
              <Card as="section" key={name} id={schemaAnchor(name)} aria-labelledby={`${schemaAnchor(name)}-h`} className="scroll-mt-4 space-y-2">
                <h3 id={`${schemaAnchor(name)}-h`} className="font-mono text-base font-semibold text-ink">
                  {name}
                </h3>
                {schema.description ? <p className="text-sm text-ink-muted">{schema.description}</p> : null}
                <SchemaView schema={schema} />
              </Card>
            ))}
          </section>
        ) : null}
      </div>
    </div>
  );
}
