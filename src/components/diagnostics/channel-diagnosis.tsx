"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Button, Callout, Card, CardHeader, ChannelBadge, EmptyState, ErrorState, LoadingState, PageHeader, RelativeTime, toast } from "@/components/ui";
import { RefreshIcon, WrenchIcon } from "@/components/ui/icons";
import type { ChannelState } from "@/components/ui/tones";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { SupportBundleButton } from "./bundle-dialog";
import { CheckRow } from "./check-row";
import { FixButton } from "./fix-button";
import { OverallBadge, OwnerBadge } from "./labels";

type Channel = "MESSENGER" | "INSTAGRAM" | "WHATSAPP";
const CHANNEL_LABEL: Record<Channel, string> = { MESSENGER: "Messenger", INSTAGRAM: "Instagram", WHATSAPP: "WhatsApp" };

/** One channel's diagnosis: every check with its evidence, owner and fix; re-run on demand. */
export function ChannelDiagnosis({ customerId, channel, canFix }: { customerId: string; channel: Channel; canFix: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const input = { customerId, channel };
  const latest = useQuery(trpc.diagnostics.latest.queryOptions(input));
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.diagnostics.latest.queryKey(input) });
  const run = useMutation(
    trpc.diagnostics.run.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.overall === "healthy" ? "Diagnosis finished: healthy." : `Diagnosis finished: ${r.overall}.`);
        refresh();
      },
      onError: (err) => toast.error(errorDetails(err).message),
    }),
  );

  if (latest.isPending) return <LoadingState label="Loading diagnosis" rows={6} />;
  if (latest.isError) return <ErrorState message={errorDetails(latest.error).message} onRetry={() => void latest.refetch()} />;
  const { customer, connection, run: last, history } = latest.data;
  const problems = last?.checks.filter((c) => c.verdict === "fail" || c.verdict === "warn") ?? [];
  const main = problems[0];
  const asset = connection?.pageName ?? (connection?.igUsername ? `@${connection.igUsername}` : null) ?? connection?.displayPhoneNumber ?? null;

  return (
    <>
      <PageHeader
        title={`${customer.name}: ${CHANNEL_LABEL[channel]}`}
        eyebrow={<Link href="/troubleshooting">Back to channel health</Link>}
        description={asset ? `Connected to ${asset}.` : "Not connected yet."}
        meta={connection ? <ChannelBadge channel={channel} state={connection.state as ChannelState} /> : undefined}
        actions={
          <div className="flex flex-wrap gap-2">
            <SupportBundleButton customerId={customerId} channel={channel} />
            <Button icon={<RefreshIcon />} loading={run.isPending} onClick={() => run.mutate(input)}>
              Run diagnosis
            </Button>
          </div>
        }
      />
      {!last ? (
        <EmptyState icon={<WrenchIcon />} title="Not diagnosed yet" description="Run a diagnosis to check Sinch, Meta and the portal for this channel." action={<Button onClick={() => run.mutate(input)} loading={run.isPending}>Run diagnosis</Button>} />
      ) : (
        <div className="space-y-4">
          <Callout
            tone={last.overall === "healthy" ? "success" : last.overall === "warning" ? "warning" : "danger"}
            title={last.overall === "healthy" ? "Everything checks out" : (main?.title ?? "Needs attention")}
            action={main ? <OwnerBadge owner={main.owner} /> : undefined}
          >
            <span className="flex flex-wrap items-center gap-2">
              <OverallBadge overall={last.overall} />
              <span>{last.overall === "healthy" ? "No check failed." : main?.evidence.text}</span>
            </span>
            <span className="mt-1 block text-xs">
              Checked <RelativeTime date={last.createdAt} /> by {last.actorLabel} ({last.trigger}).
            </span>
          </Callout>
          <Card as="section" aria-labelledby="checks-h">
            <CardHeader id="checks-h" title={`Checks (${problems.length} need attention)`} />
            <ul className="px-4">
              {[...problems, ...last.checks.filter((c) => !problems.includes(c))].map((c) => (
                <CheckRow key={c.id} check={c} action={canFix && c.fix ? <FixButton customerId={customerId} channel={channel} fix={c.fix} onApplied={refresh} /> : undefined} />
              ))}
            </ul>
          </Card>
          {history.length > 1 && (
            <Card as="section" aria-labelledby="history-h">
              <CardHeader id="history-h" title="Recent diagnoses" />
              <ul className="divide-y divide-line px-4">
                {history.map((h) => (
                  <li key={h.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                    <OverallBadge overall={h.overall} />
                    <RelativeTime date={h.createdAt} />
                    <span className="text-ink-muted">{h.mainReason ?? "No problem found"}</span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      )}
    </>
  );
}
