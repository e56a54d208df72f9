"use client";

import { useEffect, useState } from "react";
import { Button, Callout, ProgressSteps, RadioGroup, type Step } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { facebookLogin, loadFacebookSdk, type FacebookSdk } from "./fb-sdk";
import { ConfirmStep, PageStep, TOKEN_TYPES } from "./page-steps";
import { StatusPanel } from "./status-panel";
import { StepFrame } from "./step-frame";
import { CHANNEL_NAME, type WizardChannel, type WizardData, type WizardTarget } from "./types";
import type { WizardApi } from "./use-channel-api";
import { useStepFocus } from "./use-step-focus";

type StepId = "type" | "login" | "page" | "confirm" | "status";
const ORDER: StepId[] = ["type", "login", "page", "confirm", "status"];
const LABELS: Record<StepId, string> = { type: "Token type", login: "Facebook login", page: "Choose the Page", confirm: "Confirm", status: "Activation" };

function steps(current: StepId, data: WizardData): Step[] {
  const at = ORDER.indexOf(current);
  return ORDER.map((id, i) => ({
    id,
    label: LABELS[id],
    state: id === "status" && current === "status" ? (data.connection.state === "active" ? "done" : data.connection.state === "failing" ? "failed" : "current") : i < at ? "done" : i === at ? "current" : "pending",
  }));
}

/** Messenger and Instagram: token type → Facebook Login (code) → Page → confirm → live activation. */
export function PageWizard({ api, channel, target, data, refresh }: { api: WizardApi; channel: WizardChannel; target: WizardTarget; data: WizardData; refresh: () => void }) {
  const live = ["active", "activating"].includes(data.connection.state);
  const [step, setStep] = useState<StepId>(live ? "status" : "type");
  const [tokenType, setTokenType] = useState<string>(data.connection.tokenType === "system_user" ? "system_user" : "user");
  const [fb, setFb] = useState<FacebookSdk | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [page, setPage] = useState<{ id: string; name: string } | null>(null);
  const [missing, setMissing] = useState<Array<{ scope: string; words: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useStepFocus(step);
  const { config } = data;

  useEffect(() => {
    loadFacebookSdk(config.sdkUrl, config.appId, config.graphVersion).then(setFb, (err: Error) => setError(err.message));
  }, [config.sdkUrl, config.appId, config.graphVersion]);

  async function chooseType() {
    setBusy(true);
    setError(null);
    try {
      await api.begin({ tokenType: tokenType as "user" | "system_user" });
      setStep("login");
    } catch (err) {
      setError(errorDetails(err).message);
    } finally {
      setBusy(false);
    }
  }

  function login() {
    if (!fb) return;
    setError(null);
    setMissing([]);
    // FB.login runs synchronously in this click so the popup is not blocked.
    const pending = facebookLogin(fb, { config_id: config.configId, ...(sessionId ? { auth_type: "reauthorize" } : {}) });
    setBusy(true);
    pending
      .then(async (response) => {
        const code = response.authResponse?.code;
        if (!code) {
          void api.reportAbort({ kind: "cancel", step: "FACEBOOK_LOGIN" });
          setError("The Facebook window was closed before the login finished. Log in again to continue.");
          return;
        }
        const result = await api.completeLogin(code);
        if (result.status === "missing_permissions") return setMissing(result.missing);
        setSessionId(result.sessionId);
        setStep("page");
      })
      .catch((err: unknown) => setError(errorDetails(err).message))
      .finally(() => setBusy(false));
  }

  async function connect() {
    await api.connect(sessionId!);
    setStep("status");
    refresh();
  }

  const name = CHANNEL_NAME[channel];
  return (
    <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
      <ProgressSteps label={`Connect ${name} progress`} steps={steps(step, data)} />
      <div className="min-w-0 space-y-4">
        {error ? (
          <Callout tone="danger" live>
            {error}
          </Callout>
        ) : null}
        {step === "type" ? (
          <StepFrame title="How do you manage the Page?" headingRef={headingRef}>
            <RadioGroup name="tokenType" legend="Token type" variant="cards" value={tokenType} onValueChange={setTokenType} options={TOKEN_TYPES} />
            <Button onClick={chooseType} loading={busy}>
              Continue
            </Button>
          </StepFrame>
        ) : null}
        {step === "login" ? (
          <StepFrame
            title="Log in with Facebook"
            headingRef={headingRef}
            description={`A Facebook window opens. ${tokenType === "system_user" ? "Choose “System user access token” and your business portfolio, then" : "Log in as someone with a role on the Page, then"} select the Page${channel === "INSTAGRAM" ? " and its Instagram account" : ""} and keep every permission ticked.`}
          >
            {missing.length ? (
              <Callout tone="danger" live title="Some permissions were not allowed">
                <p>Facebook only grants access when every permission is allowed. Missing:</p>
                <ul className="mt-1 list-disc pl-5">
                  {missing.map((m) => (
                    <li key={m.scope}>
                      <span className="font-mono">{m.scope}</span>: {m.words}
                    </li>
                  ))}
                </ul>
                <p className="mt-1">Log in again and leave them all on in “Choose what you allow”.</p>
              </Callout>
            ) : null}
            <Button onClick={login} loading={busy} disabled={!fb}>
              {missing.length ? "Log in again" : "Continue with Facebook"}
            </Button>
          </StepFrame>
        ) : null}
        {step === "page" && sessionId ? (
          <StepFrame title={channel === "INSTAGRAM" ? "Choose the Instagram account's Page" : "Choose the Page"} headingRef={headingRef}>
            <PageStep
              api={api}
              channel={channel}
              sessionId={sessionId}
              preferName={data.connection.pageName}
              onPicked={(p) => {
                setPage(p);
                setStep("confirm");
              }}
              onRelogin={() => setStep("login")}
            />
          </StepFrame>
        ) : null}
        {step === "confirm" && page ? (
          <StepFrame title="Confirm the permissions" headingRef={headingRef}>
            <ConfirmStep channel={channel} pageName={page.name} permissions={config.permissions} onConfirm={connect} />
          </StepFrame>
        ) : null}
        {step === "status" ? (
          <StepFrame title={`${name} connection`} headingRef={headingRef}>
            <StatusPanel channel={channel} connection={data.connection} target={target} onReconnect={() => setStep("type")} onChanged={refresh} />
          </StepFrame>
        ) : null}
      </div>
    </div>
  );
}
