"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, Button, Callout, EmptyState, LoadingState, RadioGroup } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { CHANNEL_NAME, type PageOption, type WizardChannel } from "./types";
import type { WizardApi } from "./use-channel-api";

export const TOKEN_TYPES = [
  { value: "user", label: "User access token", description: "Choose this if you manage the Page personally: your own Facebook profile has a role on it." },
  {
    value: "system_user",
    label: "System user access token",
    description: "Choose this if the Page belongs to a Meta business portfolio; in the Facebook window you then pick that portfolio.",
  },
];

function sourceLabel(p: PageOption) {
  return p.source === "direct" ? "Your Page" : p.source === "business_owned" ? "Owned by your business" : "Client Page of your business";
}

/** Step 3: Pages already connected are shown but fixed; exactly one new Page is picked. */
export function PageStep(props: { api: WizardApi; channel: WizardChannel; sessionId: string; preferName: string | null; onPicked: (page: { id: string; name: string }) => void; onRelogin: () => void }) {
  const { api, channel, sessionId } = props;
  const pages = useQuery({ queryKey: ["channel-pages", channel, sessionId], queryFn: () => api.listPages(sessionId), staleTime: Infinity });
  const [value, setValue] = useState<string>("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (pages.isPending) return <LoadingState label="Loading your Pages" rows={3} />;
  if (pages.isError) return <Callout tone="danger" live title="The Pages could not be loaded" action={<Button size="sm" onClick={props.onRelogin}>Log in again</Button>}>{errorDetails(pages.error).message}</Callout>;
  const connected = pages.data.filter((p) => p.connectedTo);
  const candidates = pages.data.filter((p) => !p.connectedTo);
  const preferred = candidates.find((p) => p.name === props.preferName && !p.problem)?.id;
  const selected = value || preferred || "";
  if (!candidates.length && !connected.length) {
    return (
      <EmptyState
        title="No Page to choose"
        description="Facebook did not share any Page. You may have unticked the Page in the Facebook window, or the Page belongs to a business portfolio you cannot manage. Log in again and select the Page, or ask a Page admin for full access."
        action={<Button onClick={props.onRelogin}>Log in again</Button>}
      />
    );
  }
  async function next() {
    const page = candidates.find((p) => p.id === selected);
    if (!page) return setError("Choose one Page to continue.");
    setSaving(true);
    setError(null);
    try {
      await api.selectPage(sessionId, page.id);
      props.onPicked({ id: page.id, name: page.name });
    } catch (err) {
      setError(errorDetails(err).message);
    } finally {
      setSaving(false);
    }
  }
  return (
    <div className="space-y-4">
      {connected.length ? (
        <div className="space-y-2">
          <p className="text-sm font-medium text-ink">Already connected (kept as they are)</p>
          <ul className="space-y-1">
            {connected.map((p) => (
              <li key={p.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked disabled aria-label={`${p.name} (connected)`} className="size-4" />
                <span>{p.name}</span>
                <Badge tone="success">{p.connectedTo === "this_app" ? "Connected here" : "Connected to another app"}</Badge>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {candidates.length ? (
        <RadioGroup
          name="page"
          legend={channel === "INSTAGRAM" ? "Choose the Page linked to your Instagram account" : "Choose one new Page"}
          value={selected}
          onValueChange={setValue}
          variant="cards"
          options={candidates.map((p) => ({
            value: p.id,
            label: p.name,
            disabled: !!p.problem,
            description: p.problem ?? (channel === "INSTAGRAM" ? `Instagram professional account linked · ${sourceLabel(p)}` : sourceLabel(p)),
          }))}
        />
      ) : (
        <Callout tone="warning">Every Page you shared is already connected. Log in again and select another Page.</Callout>
      )}
      {error ? (
        <Callout tone="danger" live>
          {error}
        </Callout>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button onClick={next} loading={saving} disabled={!candidates.length}>
          Continue
        </Button>
        <Button variant="ghost" onClick={props.onRelogin}>
          Log in again
        </Button>
      </div>
    </div>
  );
}

/** Step 4: the permissions the portal will use, in plain words, then connect. */
export function ConfirmStep(props: { channel: WizardChannel; pageName: string; permissions: Array<{ scope: string; words: string }>; onConfirm: () => Promise<void> }) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setSaving(true);
    setError(null);
    try {
      await props.onConfirm();
    } catch (err) {
      setError(errorDetails(err).message);
      setSaving(false);
    }
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-ink">
        {CHANNEL_NAME[props.channel]} will be connected for <span className="font-medium">{props.pageName}</span>. The portal will use these permissions:
      </p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-ink">
        {props.permissions.map((p) => (
          <li key={p.scope}>{p.words}</li>
        ))}
      </ul>
      {error ? (
        <Callout tone="danger" live>
          {error}
        </Callout>
      ) : null}
      <Button onClick={confirm} loading={saving}>
        {saving ? "Connecting…" : `Connect ${CHANNEL_NAME[props.channel]}`}
      </Button>
    </div>
  );
}
