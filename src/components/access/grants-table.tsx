import Link from "next/link";
import { ChannelBadge, RelativeTime, Table, TableContainer, TableEmptyRow, TBody, Td, Th, THead, Tr } from "@/components/ui";
import { GrantStateBadge, GrantTimeLeft } from "./grant-state-badge";
import type { RouterOutputs } from "./types";

type Row = RouterOutputs["access"]["list"]["rows"][number];

/** Every grant across customers with its state and time left. */
export function GrantsTable({ rows }: { rows: Row[] }) {
  return (
    <TableContainer label="Access grants">
      <Table>
        <THead>
          <Tr>
            <Th>Customer</Th>
            <Th>Invited email</Th>
            <Th>Channels</Th>
            <Th>State</Th>
            <Th>Time left</Th>
            <Th>Invited</Th>
          </Tr>
        </THead>
        <TBody>
          {rows.length === 0 ? (
            <TableEmptyRow colSpan={6}>No invites match this filter.</TableEmptyRow>
          ) : (
            rows.map((g) => (
              <Tr key={g.id} data-testid={`access-row-${g.invitedEmail}`}>
                <Td className="font-medium">
                  <Link href={`/customers/${g.customerId}`} className="text-brand-700 hover:underline">
                    {g.customerName ?? "Customer"}
                  </Link>
                </Td>
                <Td>{g.invitedEmail}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {g.channels.map((c) => (
                      <ChannelBadge key={c} channel={c} />
                    ))}
                  </div>
                </Td>
                <Td>
                  <GrantStateBadge grant={g} />
                  {g.revokeReason ? <p className="mt-1 max-w-48 truncate text-xs text-ink-muted" title={g.revokeReason}>{g.revokeReason}</p> : null}
                </Td>
                <Td className="text-sm">
                  <GrantTimeLeft grant={g} />
                </Td>
                <Td className="text-sm text-ink-muted">
                  <RelativeTime date={g.createdAt} />
                  {g.createdBy ? <span className="block text-xs">by {g.createdBy}</span> : null}
                </Td>
              </Tr>
            ))
          )}
        </TBody>
      </Table>
    </TableContainer>
  );
}
