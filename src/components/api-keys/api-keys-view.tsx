"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  Badge,
  Button,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  KeyIcon,
  LoadingState,
  PlusIcon,
  RelativeTime,
  ShownOnceDialog,
  Table,
  TableContainer,
  TBody,
  Td,
  Th,
  THead,
  toast,
  Tr,
} from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { CreateKeyDialog } from "./create-key-dialog";
import { scopeLabel } from "./labels";

type Revoking = { id: string; name: string };

/** Settings → API keys: every key (revoked ones stay listed), create, revoke. */
export function ApiKeysView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.apiKeys.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Revoking | null>(null);
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions());
  const add = (
    <Button icon={<PlusIcon />} onClick={() => setCreating(true)}>
      Create key
    </Button>
  );

  async function confirmRevoke(key: Revoking) {
    try {
      await revoke.mutateAsync({ keyId: key.id });
    } catch (err) {
      throw new Error(errorDetails(err).message);
    }
    await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.pathKey() });
    toast.success(`Key "${key.name}" revoked`);
  }

  return (
    <section aria-labelledby="api-keys-h" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="api-keys-h" className="text-lg font-semibold text-ink">
            API keys
          </h2>
          <p className="text-sm text-ink-muted">
            Keys for the automation API (<code className="font-mono">/api/v1</code>): send one as <code className="font-mono">Authorization: Bearer …</code>.
          </p>
        </div>
        {list.data?.length ? add : null}
      </div>
      {list.isPending ? (
        <LoadingState label="Loading API keys" rows={3} />
      ) : list.isError ? (
        <ErrorState message={errorDetails(list.error).message} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState icon={<KeyIcon />} title="No API keys yet" description="Create a key to create customers, send invites and watch channels from your own systems." action={add} />
      ) : (
        <TableContainer label="API keys">
          <Table>
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Scope</Th>
                <Th>Key</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {list.data.map((k) => (
                <Tr key={k.id} data-testid={`api-key-${k.id}`}>
                  <Td>
                    <span className="font-medium text-ink">{k.name}</span>
                    {k.revokedAt ? (
                      <p className="mt-1 text-xs text-ink-muted">
                        <Badge tone="neutral">Revoked</Badge> <RelativeTime date={k.revokedAt} />
                      </p>
                    ) : (
                      <p className="mt-1">
                        <Badge tone="success">Active</Badge>
                      </p>
                    )}
                  </Td>
                  <Td>
                    <Badge tone={k.scope === "full" ? "warning" : "info"}>{scopeLabel(k.scope)}</Badge>
                  </Td>
                  <Td>
                    <code className="font-mono text-sm text-ink">{k.prefix}…</code>
                  </Td>
                  <Td className="text-sm text-ink-muted">
                    <RelativeTime date={k.createdAt} />
                    <p className="text-xs">by {k.createdByEmail ?? "a removed account"}</p>
                  </Td>
                  <Td className="text-sm text-ink-muted" data-testid="api-key-last-used">
                    {k.lastUsedAt ? <RelativeTime date={k.lastUsedAt} /> : "Never"}
                  </Td>
                  <Td className="text-right">
                    {k.revokedAt ? null : (
                      <Button variant="secondary" size="sm" onClick={() => setRevoking({ id: k.id, name: k.name })}>
                        Revoke<span className="sr-only"> {k.name}</span>
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </TableContainer>
      )}
      {creating ? <CreateKeyDialog onClose={() => setCreating(false)} onCreated={setToken} /> : null}
      <ShownOnceDialog
        value={token}
        onClose={() => setToken(null)}
        title="Your new API key"
        description="Send it as Authorization: Bearer <key> on every request to /api/v1."
        label="API key"
        testId="api-key-token"
        warning="Copy it into your system now. The portal keeps only a hash of it: you will not see it again. If it is lost, revoke the key and create a new one."
      />
      <ConfirmDialog
        open={!!revoking}
        onClose={() => setRevoking(null)}
        title={`Revoke "${revoking?.name ?? ""}"?`}
        description="Every request with this key is refused from now on (401). This cannot be undone: a system that still needs access needs a new key."
        confirmLabel="Revoke key"
        onConfirm={() => (revoking ? confirmRevoke(revoking) : undefined)}
      />
    </section>
  );
}
