"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPCClient } from "@/trpc/react";
import type { Connection, LoginResult, PageOption, WizardChannel, WizardData, WizardTarget } from "./types";

type PageChannel = "MESSENGER" | "INSTAGRAM";
type Region = "EU" | "US" | "BR";
export interface SignupPayload {
  code: string;
  event: "FINISH" | "FINISH_ONLY_WABA" | "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING";
  wabaId: string;
  phoneNumberId: string;
  businessId?: string;
  region: Region;
  metaLocalStorage: string;
}

/** One shape for both audiences: staff calls carry the customer id, customer calls are scoped by their grant. */
export interface WizardApi {
  get(): Promise<WizardData>;
  begin(input: { tokenType?: "user" | "system_user"; region?: Region; metaLocalStorage?: string }): Promise<unknown>;
  completeLogin(code: string): Promise<LoginResult>;
  listPages(sessionId: string): Promise<PageOption[]>;
  selectPage(sessionId: string, pageId: string): Promise<unknown>;
  connect(sessionId: string): Promise<Connection>;
  whatsappSignup(input: SignupPayload): Promise<Connection>;
  reportAbort(input: { kind: "cancel" | "error"; step?: string; errorRef?: string; metaSessionRef?: string }): Promise<unknown>;
}

export function useChannelApi(target: WizardTarget, channel: WizardChannel): WizardApi {
  const client = useTRPCClient();
  const customerId = target.mode === "staff" ? target.customerId : null;
  return useMemo<WizardApi>(() => {
    const pageChannel = channel as PageChannel;
    // The Metadata-only calls below never receive or return a token: the server keeps them.
    if (customerId) {
      const c = client.channels;
      return {
        get: () => c.get.query({ customerId, channel }),
        begin: (i) => c.begin.mutate({ customerId, channel, ...(i as object) } as Parameters<typeof c.begin.mutate>[0]),
        completeLogin: (code) => c.completeLogin.mutate({ customerId, channel: pageChannel, code }),
        listPages: (sessionId) => c.listPages.query({ customerId, channel: pageChannel, sessionId }),
        selectPage: (sessionId, pageId) => c.selectPage.mutate({ customerId, channel: pageChannel, sessionId, pageId }),
        connect: (sessionId) => c.connect.mutate({ customerId, channel: pageChannel, sessionId }),
        whatsappSignup: (i) => c.whatsappSignup.mutate({ customerId, ...i } as Parameters<typeof c.whatsappSignup.mutate>[0]),
        reportAbort: (i) => c.reportAbort.mutate({ customerId, channel, ...i }),
      };
    }
    const p = client.portalChannels;
    return {
      get: () => p.get.query({ channel }),
      begin: (i) => p.begin.mutate({ channel, ...(i as object) } as Parameters<typeof p.begin.mutate>[0]),
      completeLogin: (code) => p.completeLogin.mutate({ channel: pageChannel, code }),
      listPages: (sessionId) => p.listPages.query({ channel: pageChannel, sessionId }),
      selectPage: (sessionId, pageId) => p.selectPage.mutate({ channel: pageChannel, sessionId, pageId }),
      connect: (sessionId) => p.connect.mutate({ channel: pageChannel, sessionId }),
      whatsappSignup: (i) => p.whatsappSignup.mutate(i as Parameters<typeof p.whatsappSignup.mutate>[0]),
      reportAbort: (i) => p.reportAbort.mutate({ channel, ...i }),
    };
  }, [client, customerId, channel]);
}

const LIVE_STATES = new Set(["activating", "connecting"]);

/** The channel's state, re-read every 1.5 s while Sinch is still activating it (no page reload). */
export function useWizardData(api: WizardApi, target: WizardTarget, channel: WizardChannel) {
  return useQuery({
    queryKey: ["channel-wizard", target.mode === "staff" ? target.customerId : "me", channel],
    queryFn: () => api.get(),
    refetchInterval: (q) => (q.state.data && q.state.data.connection.state === "activating" ? 1500 : false),
    refetchOnWindowFocus: (q) => !!q.state.data && LIVE_STATES.has(q.state.data.connection.state),
  });
}
