import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { env } from "@/env";
import { secrets, secretHint } from "@/server/crypto";
import type { DbOrTx } from "@/server/db/client";
import { settings } from "@/server/db/schema";
import { audit, type Actor } from "./audit";

/**
 * Portal settings edited by admins, with environment defaults (which point at the local emulator).
 * Secret settings are write-only: stored encrypted (bound to their row), shown as a hint.
 */
export const settingDefinitions = {
  "sinch.projectId": { secret: false, schema: z.string().trim().min(1).max(100), default: () => env.SINCH_PROJECT_ID },
  "sinch.keyId": { secret: false, schema: z.string().trim().min(1).max(200), default: () => env.SINCH_KEY_ID },
  "sinch.keySecret": { secret: true, schema: z.string().min(1).max(500), default: () => env.SINCH_KEY_SECRET },
  "meta.appId": { secret: false, schema: z.string().trim().regex(/^\d{5,20}$/, "A Meta app id is a number."), default: () => env.META_APP_ID },
  "meta.appSecret": { secret: true, schema: z.string().min(1).max(500), default: () => env.META_APP_SECRET },
  "meta.configIdMessenger": { secret: false, schema: z.string().trim().min(1).max(100), default: () => env.META_CONFIG_ID_MESSENGER },
  "meta.configIdInstagram": { secret: false, schema: z.string().trim().min(1).max(100), default: () => env.META_CONFIG_ID_INSTAGRAM },
  "meta.configIdWhatsapp": { secret: false, schema: z.string().trim().min(1).max(100), default: () => env.META_CONFIG_ID_WHATSAPP },
  "meta.solutionId": { secret: false, schema: z.string().trim().min(1).max(100), default: () => env.META_SOLUTION_ID },
  "portal.publicUrl": { secret: false, schema: z.string().trim().url().max(300), default: () => env.PUBLIC_URL },
  "access.defaultHours": { secret: false, schema: z.number().int().min(1).max(24 * 30), default: () => 72 },
  "access.maxHours": { secret: false, schema: z.number().int().min(1).max(24 * 30), default: () => 24 * 7 },
  "inbox.retentionDays": { secret: false, schema: z.number().int().min(1).max(3650), default: () => 90 },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefinitions)[K]["schema"]>;
export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

const secretCtx = (key: string) => ({ table: "settings", column: "secret_ciphertext", rowId: key });

/** Reads settings (decrypting secrets) with environment defaults for anything not set. */
export async function getSettings<K extends SettingKey>(db: DbOrTx, keys: readonly K[]): Promise<{ [P in K]: SettingValue<P> }> {
  const rows = keys.length ? await db.select().from(settings).where(inArray(settings.key, keys as unknown as string[])) : [];
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out = {} as Record<string, unknown>;
  for (const key of keys) {
    const def = settingDefinitions[key];
    const row = byKey.get(key);
    if (def.secret) out[key] = row?.secretCiphertext ? secrets().decrypt(row.secretCiphertext, secretCtx(key)) : def.default();
    else out[key] = row?.value ?? def.default();
  }
  return out as { [P in K]: SettingValue<P> };
}

export async function getSetting<K extends SettingKey>(db: DbOrTx, key: K): Promise<SettingValue<K>> {
  return (await getSettings(db, [key]))[key];
}

/** What the settings page may show: plain values, and for secrets only whether they are set. */
export async function describeSettings(db: DbOrTx) {
  const rows = await db.select().from(settings);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return settingKeys.map((key) => {
    const def = settingDefinitions[key];
    const row = byKey.get(key);
    if (def.secret) {
      return { key, secret: true as const, value: null, hint: row?.secretHint ?? (def.default() ? "default from the environment" : "not set"), fromEnvironment: !row };
    }
    return { key, secret: false as const, value: (row?.value ?? def.default()) as string | number, hint: null, fromEnvironment: !row };
  });
}

export async function updateSettings(db: DbOrTx, actor: Actor, values: Partial<{ [K in SettingKey]: unknown }>) {
  const changed: string[] = [];
  for (const [key, raw] of Object.entries(values) as Array<[SettingKey, unknown]>) {
    if (raw === undefined) continue;
    const def = settingDefinitions[key];
    const value = (def.schema as z.ZodType).parse(raw);
    const row = def.secret
      ? { key, value: null, secretCiphertext: secrets().encrypt(String(value), secretCtx(key)), secretHint: secretHint(String(value)) }
      : { key, value, secretCiphertext: null, secretHint: null };
    await db
      .insert(settings)
      .values({ ...row, updatedAt: new Date(), updatedBy: actor.label })
      .onConflictDoUpdate({ target: settings.key, set: { ...row, updatedAt: new Date(), updatedBy: actor.label } });
    changed.push(key);
  }
  if (changed.length) await audit(db, { actor, action: "settings.updated", target: { type: "settings", id: changed.join(",") }, metadata: { keys: changed } });
  return changed;
}

export async function clearSetting(db: DbOrTx, key: SettingKey) {
  await db.delete(settings).where(eq(settings.key, key));
}
