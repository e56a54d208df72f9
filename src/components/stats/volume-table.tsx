import { DataTable, Td, Tr } from "@/components/ui";
import { bucketLabel, percent, rate, type Point } from "./format";

/** The charts' numbers as a table, for reading and for screen readers (behind a disclosure). */
export function VolumeTable({ series, grain, label }: { series: Point[]; grain: "hour" | "day"; label: string }) {
  return (
    <details className="group mt-4">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the numbers as a table</summary>
      <div className="mt-2">
        <DataTable label={label} columns={[{ label: grain === "hour" ? "Hour (UTC)" : "Day (UTC)" }, { label: "Inbound", align: "right" }, { label: "Outbound", align: "right" }, { label: "Delivered", align: "right" }, { label: "Failed", align: "right" }]}>
          {series.map((p) => (
            <Tr key={p.at.toISOString()}>
              <Td>{bucketLabel(p.at, grain)}</Td>
              <Td align="right">{p.inbound}</Td>
              <Td align="right">{p.outbound}</Td>
              <Td align="right">
                {p.delivered} <span className="text-ink-muted">({percent(rate(p.delivered, p.outbound))})</span>
              </Td>
              <Td align="right">
                {p.failed} <span className="text-ink-muted">({percent(rate(p.failed, p.outbound))})</span>
              </Td>
            </Tr>
          ))}
        </DataTable>
      </div>
    </details>
  );
}
