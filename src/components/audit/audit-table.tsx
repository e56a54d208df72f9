import { Badge, DataTable, Td, Tr } from "@/components/ui";

interface Row {
  id: string;
  at: Date;
  actorType: "user" | "customer" | "system";
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
}

const actorTone = { user: "info", customer: "warning", system: "neutral" } as const;

export function AuditTable({ rows, total }: { rows: Row[]; total: number }) {
  return (
    <DataTable label={`Audit log, ${total} entries`} columns={["When", "Actor", "Action", "Target", "Details"]} empty="No entries match these filters.">
      {rows.map((r) => (
        <Tr key={r.id}>
          <Td className="whitespace-nowrap">
            <time dateTime={r.at.toISOString()}>{r.at.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
          </Td>
          <Td>
            <Badge tone={actorTone[r.actorType]}>{r.actorType}</Badge> <span className="ml-1">{r.actorLabel}</span>
          </Td>
          <Td>
            <code className="text-xs">{r.action}</code>
          </Td>
          <Td className="text-xs text-ink-muted">{r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : "—"}</Td>
          <Td className="max-w-md truncate text-xs text-ink-muted" title={JSON.stringify(r.metadata)}>
            {Object.keys(r.metadata).length ? JSON.stringify(r.metadata) : "—"}
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}
