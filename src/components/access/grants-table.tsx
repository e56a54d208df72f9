import Link from "next/link";
import { ChannelBadge, DataTable, RelativeTime, Td, Tr } from "@/components/ui";
import { GrantStateBadge, GrantTimeLeft } from "./grant-state-badge";
import type { RouterOutputs } from "./types";

type Row = RouterOutputs["access"]["list"]["rows"][number];

/** Every grant across customers with its state and time left. */
export function GrantsTable({ rows }: { rows: Row[] }) {
  return (
    <DataTable label="Access grants" columns={["Customer", "Invited email", "Channels", "State", "Time left", "Invited"]} empty="No invites match this filter.">
      {rows.map((g) => (
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
      ))}
    </DataTable>
  );
}
