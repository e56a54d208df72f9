"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { Card, CardHeader, EmptyState, FormField, Input, QueryState, Select } from "@/components/ui";
import { SearchIcon } from "@/components/ui/icons";
import { useTRPC } from "@/trpc/react";
import { OwnerBadge } from "./labels";

const KINDS = [
  { value: "", label: "Every kind" },
  { value: "sinch_reason", label: "Sinch delivery reason codes" },
  { value: "sinch_state", label: "Sinch credential and sender states" },
  { value: "sinch_http", label: "Sinch API errors" },
  { value: "meta", label: "Meta Graph codes" },
  { value: "whatsapp", label: "WhatsApp Cloud API codes" },
] as const;
type Kind = Exclude<(typeof KINDS)[number]["value"], "">;

/** Searchable catalogue: troubleshooting rows and every code, in plain language with who fixes it and how. */
export function CatalogueBrowser({ initialQuery }: { initialQuery: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(initialQuery);
  const [kind, setKind] = useState<Kind | "">("");
  const q = useDeferredValue(query.trim());
  const result = useQuery({ ...trpc.diagnostics.catalogue.queryOptions({ query: q || undefined, kind: kind || undefined }), placeholderData: keepPreviousData });
  const onSearch = (value: string) => {
    setQuery(value);
    router.replace(value.trim() ? `${pathname}?q=${encodeURIComponent(value.trim())}` : pathname, { scroll: false });
  };

  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <FormField label="Search codes, symptoms and fixes" id="catalogue-search" description="For example 190/460, INACTIVE_CREDENTIAL, 2534041 or “password”.">
          <Input type="search" value={query} onChange={(e) => onSearch(e.target.value)} />
        </FormField>
        <FormField label="Kind" id="catalogue-kind">
          <Select value={kind} onChange={(e) => setKind(e.target.value as Kind | "")} options={KINDS.map((k) => ({ value: k.value, label: k.label }))} />
        </FormField>
      </div>
      <QueryState query={result} loadingLabel="Loading the catalogue" rows={6} errorMessage="The catalogue could not be loaded.">
        {(data) =>
          data.rows.length + data.codes.length === 0 ? (
            <EmptyState icon={<SearchIcon />} title="No entry matches" description="Unknown codes are shown exactly as Sinch or Meta sent them. Copy the support bundle for a ticket." />
          ) : (
            <>
              {data.codes.length > 0 && (
                <Card as="section" aria-labelledby="codes-h">
                  <CardHeader id="codes-h" title={`Codes (${data.codes.length})`} />
                  <dl className="divide-y divide-line px-4">
                    {data.codes.map((c) => (
                      <div key={c.code} className="grid gap-1 py-3 sm:grid-cols-[12rem_1fr]" id={`code-${c.code.replace("/", "-")}`}>
                        <dt className="font-mono text-sm font-semibold break-all">{c.code}</dt>
                        <dd className="space-y-1 text-sm">
                          <p className="font-medium text-ink">{c.title}</p>
                          <p className="text-ink-muted">
                            <span className="font-medium text-ink">Cause: </span>
                            {c.cause}
                          </p>
                          <p>
                            <span className="font-medium">How: </span>
                            {c.how}
                          </p>
                          <p className="flex flex-wrap items-center gap-1">
                            {c.who.map((w) => (
                              <OwnerBadge key={w} owner={w} />
                            ))}
                            {c.rows.length > 0 && <span className="text-xs text-ink-muted">Catalogue {c.rows.join(", ")}</span>}
                          </p>
                        </dd>
                      </div>
                    ))}
                  </dl>
                </Card>
              )}
              {data.rows.length > 0 && (
                <Card as="section" aria-labelledby="rows-h">
                  <CardHeader id="rows-h" title={`Troubleshooting rows (${data.rows.length})`} />
                  <dl className="divide-y divide-line px-4">
                    {data.rows.map((r) => (
                      <div key={r.id} className="grid gap-1 py-3 sm:grid-cols-[12rem_1fr]" id={`row-${r.id}`}>
                        <dt className="text-sm font-semibold">
                          {r.id} · {r.symptom}
                        </dt>
                        <dd className="space-y-1 text-sm">
                          <p className="text-ink-muted">
                            <span className="font-medium text-ink">Cause: </span>
                            {r.cause}
                          </p>
                          <p>
                            <span className="font-medium">How: </span>
                            {r.how}
                          </p>
                          <p className="flex flex-wrap gap-1">
                            {r.who.map((w) => (
                              <OwnerBadge key={w} owner={w} />
                            ))}
                          </p>
                        </dd>
                      </div>
                    ))}
                  </dl>
                </Card>
              )}
            </>
          )}
      </QueryState>
    </div>
  );
}
