import { Table, TableContainer, TBody, Td, Th, THead, Tr } from "@/components/ui";
import { bucketLabel, percent, rate, type Point } from "./format";

/** The charts' numbers as a table, for reading and for screen readers (behind a disclosure). */
export function VolumeTable({ series, grain, label }: { series: Point[]; grain: "hour" | "day"; label: string }) {
  return (
    <details className="group mt-4">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the numbers as a table</summary>
      <div className="mt-2">
        <TableContainer label={label}>
          <Table>
            <THead>
              <Tr>
                <Th>{grain === "hour" ? "Hour (UTC)" : "Day (UTC)"}</Th>
                <Th align="right">Inbound</Th>
                <Th align="right">Outbound</Th>
                <Th align="right">Delivered</Th>
                <Th align="right">Failed</Th>
              </Tr>
            </THead>
            <TBody>
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
            </TBody>
          </Table>
        </TableContainer>
      </div>
    </details>
  );
}
