"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Button, Callout, ErrorState, LoadingState } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { PageWizard } from "./page-wizard";
import { CHANNEL_NAME, type WizardChannel, type WizardTarget } from "./types";
import { useChannelApi, useWizardData } from "./use-channel-api";
import { WhatsAppWizard } from "./whatsapp-wizard";

/**
 * The guided connection for one channel, shared by staff (for a customer) and customers (for
 * themselves). A broken channel reopens the same flow, pre-filled with what was connected before.
 */
export function ConnectWizard({ target, channel }: { target: WizardTarget; channel: WizardChannel }) {
  const api = useChannelApi(target, channel);
  const query = useWizardData(api, target, channel);
  const accessEnded = target.mode === "customer" && query.isError && (query.error as { data?: { code?: string } }).data?.code === "UNAUTHORIZED";
  useReloadWhenAccessMayEnd(target, query.data?.connection.state, accessEnded);
  if (query.isPending) return <LoadingState label={`Loading ${CHANNEL_NAME[channel]}`} rows={4} />;
  if (accessEnded) {
    // Shown only until the page reloads into the frame's "access ended" page, which says why.
    return (
      <Callout tone="success" live title="Your access has ended" action={<Button href="/portal" size="sm">See the summary</Button>}>
        Either every channel you were asked to connect is now active, or your provider ended the access.
      </Callout>
    );
  }
  if (query.isError) return <ErrorState message={errorDetails(query.error).message} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const refresh = () => void query.refetch();
  const broken = data.connection.state === "failing" || data.connection.state === "reconnect_required";
  return (
    <div className="space-y-4">
      {broken ? (
        <Callout tone="danger" title={`Reconnect ${CHANNEL_NAME[channel]}${data.connection.pageName || data.connection.displayPhoneNumber ? ` (${data.connection.pageName ?? data.connection.displayPhoneNumber})` : ""}`}>
          <p>{data.connection.description ?? "The connection stopped working."}</p>
          {data.connection.fix ? <p className="mt-1 font-medium">{data.connection.fix}</p> : null}
          <p className="mt-1">Conversation history is kept.</p>
        </Callout>
      ) : null}
      {channel === "WHATSAPP" ? (
        <WhatsAppWizard api={api} target={target} data={data} refresh={refresh} />
      ) : (
        <PageWizard api={api} channel={channel} target={target} data={data} refresh={refresh} />
      )}
    </div>
  );
}

/**
 * Customer side: the activation that completes a grant ends it in the same commit, so once this
 * channel turns active (or a poll is refused because access ended) the server page is rendered again.
 * It then shows the ended page naming the channel, or the same wizard while other channels remain.
 */
function useReloadWhenAccessMayEnd(target: WizardTarget, state: string | undefined, accessEnded: boolean) {
  const router = useRouter();
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (target.mode !== "customer") return;
    const before = seen.current;
    seen.current = state;
    if (accessEnded || (state === "active" && before !== undefined && before !== "active")) router.refresh();
  }, [target.mode, state, accessEnded, router]);
}
