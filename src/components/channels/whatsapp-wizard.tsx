"use client";

import { useEffect, useRef, useState } from "react";
import { Button, Callout, FormField, ProgressSteps, RadioGroup, Select, type Step } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { ES_STEP_HELP, META_LOCAL_STORAGE } from "@/server/services/channels/requirements";
import { facebookLogin, loadFacebookSdk, type FacebookSdk } from "./fb-sdk";
import { isAllowedMetaOrigin } from "./meta-origin";
import { createSignupBuffer, parseSignupMessage } from "./signup-events";
import { StatusPanel } from "./status-panel";
import { StepFrame } from "./step-frame";
import type { WizardData, WizardTarget } from "./types";
import type { WizardApi } from "./use-channel-api";
import { useStepFocus } from "./use-step-focus";

type StepId = "region" | "signup" | "status";
type Region = "EU" | "US" | "BR";
const REGIONS = [
  { value: "EU", label: "Europe (EU)", description: "Messages are processed by Sinch in the EU." },
  { value: "US", label: "United States (US)" },
  { value: "BR", label: "Brazil (BR)" },
];
const storageLabel = (code: string) => (code === "UNSPECIFIED" ? "Meta's default (no local storage)" : code);
type Problem = { title: string; body: string } | null;

/** WhatsApp: region and data-at-rest location → Embedded Signup (strict origin check) → sender activation. */
export function WhatsAppWizard({ api, target, data, refresh }: { api: WizardApi; target: WizardTarget; data: WizardData; refresh: () => void }) {
  const c = data.connection;
  const [step, setStep] = useState<StepId>(["active", "activating"].includes(c.state) ? "status" : "region");
  const [region, setRegion] = useState<Region>((c.senderRegion as Region | null) ?? "EU");
  const [storage, setStorage] = useState<string>(c.metaLocalStorage ?? "UNSPECIFIED");
  const [fb, setFb] = useState<FacebookSdk | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const headingRef = useStepFocus(step);
  const settled = useRef(false);
  const choice = useRef({ region, storage });
  choice.current = { region, storage };
  const { config } = data;

  useEffect(() => {
    loadFacebookSdk(config.sdkUrl, config.appId, config.graphVersion).then(setFb, (err: Error) => setProblem({ title: "Facebook could not be loaded", body: err.message }));
  }, [config.sdkUrl, config.appId, config.graphVersion]);

  type Finish = Parameters<Parameters<typeof createSignupBuffer>[0]>[1];
  function complete(code: string, event: Finish) {
    if (!event.phoneNumberId) {
      setProblem({ title: "No phone number was added", body: "Add and verify the number in WhatsApp Manager, then run the signup again and choose it." });
      setBusy(false);
      return;
    }
    // The code lives 30 seconds: post it the moment both halves are in.
    api
      .whatsappSignup({ code, event: event.event, wabaId: event.wabaId, phoneNumberId: event.phoneNumberId, businessId: event.businessId ?? undefined, region: choice.current.region, metaLocalStorage: choice.current.storage })
      .then(() => {
        setStep("status");
        refresh();
      })
      .catch((err: unknown) => setProblem({ title: "The signup could not be completed", body: errorDetails(err).message }))
      .finally(() => setBusy(false));
  }
  const completeRef = useRef(complete);
  completeRef.current = complete;
  const newBuffer = () => createSignupBuffer((code, event) => completeRef.current(code, event));
  const buffer = useRef(newBuffer());

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      // Only Meta's (or the configured emulator's) exact origin may speak; look-alikes are ignored.
      if (!isAllowedMetaOrigin(event.origin, config.allowedOrigins)) return;
      const parsed = parseSignupMessage(event.data);
      if (!parsed) return;
      if (parsed.kind === "finish") return buffer.current.finish(parsed);
      if (parsed.kind === "cancel") {
        settled.current = true;
        void api.reportAbort({ kind: "cancel", step: parsed.step });
        setProblem({ title: `Signup stopped at ${parsed.step.replaceAll("_", " ").toLowerCase()}`, body: ES_STEP_HELP[parsed.step] ?? "Start the signup again to continue where you left off." });
      } else if (parsed.kind === "error") {
        settled.current = true;
        void api.reportAbort({ kind: "error", errorRef: parsed.errorId ?? undefined, metaSessionRef: parsed.sessionId ?? undefined });
        setProblem({ title: "Meta reported an error", body: parsed.message });
      }
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [api, config.allowedOrigins]);

  async function chooseRegion() {
    setBusy(true);
    setProblem(null);
    try {
      await api.begin({ region, metaLocalStorage: storage });
      setStep("signup");
    } catch (err) {
      setProblem({ title: "Could not start", body: errorDetails(err).message });
    } finally {
      setBusy(false);
    }
  }

  function startSignup() {
    if (!fb) return;
    setProblem(null);
    settled.current = false;
    buffer.current = newBuffer();
    // Multi-Partner Solution: `extras.setup.solutionID` makes the customer share the WABA with every
    // partner of the solution, Sinch included (developers.facebook.com/docs/whatsapp/solution-providers/
    // multi-partner-solutions: "the solution's ID can be used to customize the Embedded Signup flow";
    // Sinch: developers.sinch.com/docs/conversation/channel-support/whatsapp/asp-tutorial).
    // featureType "" = the full flow with a phone number; sessionInfoVersion "3" = FINISH carries the ids.
    const pending = facebookLogin(fb, { config_id: config.configId, extras: { setup: config.solutionId ? { solutionID: config.solutionId } : {}, featureType: "", sessionInfoVersion: "3" } });
    setBusy(true);
    void pending.then((response) => {
      const code = response.authResponse?.code;
      if (code) return buffer.current.code(code);
      setBusy(false);
      // CANCEL/ERROR messages may land just after the callback; only a bare close gets this text.
      setTimeout(() => {
        if (!settled.current) setProblem((p) => p ?? { title: "The signup window was closed", body: "Start the signup again when you are ready." });
      }, 800);
    });
  }

  const at = ["region", "signup", "status"].indexOf(step);
  const progress: Step[] = (["region", "signup", "status"] as const).map((id, i) => ({
    id,
    label: id === "region" ? "Region and storage" : id === "signup" ? "WhatsApp signup" : "Activation",
    state: id === "status" && step === "status" ? (c.state === "active" ? "done" : c.state === "failing" ? "failed" : "current") : i < at ? "done" : i === at ? "current" : "pending",
  }));

  return (
    <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
      <ProgressSteps label="Connect WhatsApp progress" steps={progress} />
      <div className="min-w-0 space-y-4">
        {problem ? (
          <Callout tone="danger" live title={problem.title}>
            {problem.body}
          </Callout>
        ) : null}
        {step === "region" ? (
          <StepFrame title="Where should WhatsApp data live?" headingRef={headingRef}>
            <RadioGroup name="region" legend="Sinch region" value={region} onValueChange={(v) => setRegion(v as Region)} options={REGIONS} variant="cards" />
            <FormField label="Where Meta stores data at rest" id="meta-storage" description="Local storage keeps message data in that country after 60 minutes. It cannot be changed later without registering the number again.">
              <Select value={storage} onChange={(e) => setStorage(e.target.value)} options={META_LOCAL_STORAGE.map((code) => ({ value: code, label: storageLabel(code) }))} />
            </FormField>
            <Button onClick={chooseRegion} loading={busy}>
              Continue
            </Button>
          </StepFrame>
        ) : null}
        {step === "signup" ? (
          <StepFrame title="Sign up with WhatsApp" headingRef={headingRef} description="A Meta window opens. Choose your business portfolio, the WhatsApp Business Account and the phone number, verify it, and keep “share the WhatsApp account” ticked.">
            <Button onClick={startSignup} loading={busy} disabled={!fb}>
              {busy ? "Finishing the signup…" : "Start WhatsApp signup"}
            </Button>
          </StepFrame>
        ) : null}
        {step === "status" ? (
          <StepFrame title="WhatsApp connection" headingRef={headingRef}>
            <StatusPanel channel="WHATSAPP" connection={c} target={target} onReconnect={() => setStep("region")} onChanged={refresh} />
          </StepFrame>
        ) : null}
      </div>
    </div>
  );
}
