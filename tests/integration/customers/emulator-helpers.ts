import type { EmulatorProcess } from "../helpers/emulator";

export interface EmuWebhook {
  id: string;
  target: string;
  triggers: string[];
  secret?: string;
}
export interface EmuApp {
  id: string;
  display_name: string;
  processing_mode: string;
  project_id: string;
  region: string;
  webhooks: EmuWebhook[];
}
export interface EmuProject {
  id: string;
  parentId?: string;
  labels: Record<string, string>;
}

export const emuApps = async (emu: EmulatorProcess, projectId?: string) =>
  (await emu.control<{ apps: EmuApp[] }>("GET", "/_emulator/sinch/apps")).apps.filter((a) => !projectId || a.project_id === projectId);

export const emuProjects = async (emu: EmulatorProcess) => (await emu.control<{ projects: EmuProject[] }>("GET", "/_emulator/sinch/projects")).projects;

/** A top-level project "made in the Sinch dashboard", with its own access key. */
export const emuTopLevelProject = (emu: EmulatorProcess) =>
  emu.control<{ projectId: string; keyId: string; keySecret: string }>("POST", "/_emulator/sinch/projects", {});

export async function emuBasic(emu: EmulatorProcess, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from("emu-key-id:emu-key-secret").toString("base64")}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}
