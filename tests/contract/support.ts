import { inject } from "vitest";
import { createMetaGraph, type MetaGraph } from "@/server/integrations/meta/graph";
import { createSinchGateway, type SinchGateway, type SinchGatewayConfig } from "@/server/integrations/sinch/gateway";

export const emulatorUrl = (): string => inject("emulatorUrl");

/** Calls the emulator's control API (test-only routes outside the vendor URL space). */
export async function control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorUrl()}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export interface SinchProject {
  projectId: string;
  keyId: string;
  keySecret: string;
}

/** A fresh parent project and access key per test file keeps parallel files from seeing each other's data. */
export async function newSinchProject(): Promise<SinchProject> {
  return control<SinchProject>("POST", "/_emulator/sinch/projects", {});
}

export const noSleep = async (): Promise<void> => undefined;

export function sinchGateway(project: SinchProject, overrides: Partial<SinchGatewayConfig> = {}): SinchGateway {
  const emu = emulatorUrl();
  return createSinchGateway({
    authUrl: `${emu}/sinch/auth`,
    conversationUrlTemplate: `${emu}/sinch/conversation/{region}`,
    provisioningUrl: `${emu}/sinch/provisioning`,
    subprojectsUrl: `${emu}/sinch/subprojects`,
    projectId: project.projectId,
    keyId: project.keyId,
    keySecret: project.keySecret,
    retry: { sleep: noSleep, maxAttempts: 3 },
    ...overrides,
  });
}

export const META_APP_ID = "100000000000001";
export const META_APP_SECRET = "emu-meta-app-secret";

export function metaGraph(overrides: Partial<Parameters<typeof createMetaGraph>[0]> = {}): MetaGraph {
  return createMetaGraph({
    graphUrl: `${emulatorUrl()}/graph`,
    version: "v22.0",
    appId: META_APP_ID,
    appSecret: META_APP_SECRET,
    retry: { sleep: noSleep, maxAttempts: 3 },
    ...overrides,
  });
}

export async function eventually<T>(fn: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

let counter = 0;
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
