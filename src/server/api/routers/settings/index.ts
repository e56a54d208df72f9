import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { AppError } from "@/server/errors";
import { describeSettings, settingDefinitions, settingKeys, updateSettings, type SettingKey } from "@/server/services/settings";
import { runSettingsTest, TEST_TARGETS } from "./connection-tests";

const settingKey = z.enum(settingKeys as [SettingKey, ...SettingKey[]]);

/** Secrets are never returned: `value` is null for them and `hint` says "set, ends with …". */
const settingView = z.object({
  key: settingKey,
  secret: z.boolean(),
  value: z.union([z.string(), z.number()]).nullable(),
  hint: z.string().nullable(),
  fromEnvironment: z.boolean(),
});

const updateInput = z.object({ values: z.partialRecord(settingKey, z.union([z.string(), z.number()])) });

export const settingsRouter = createTRPCRouter({
  get: permissionProcedure("settings.read")
    .output(z.array(settingView))
    .query(async ({ ctx }) => (await describeSettings(ctx.db)).map((s) => ({ ...s, value: s.secret ? null : s.value }))),
  update: permissionProcedure("settings.write")
    .input(updateInput)
    .output(z.object({ changed: z.array(settingKey) }))
    .mutation(async ({ ctx, input }) => {
      const fieldErrors: Record<string, string> = {};
      for (const [key, value] of Object.entries(input.values) as Array<[SettingKey, unknown]>) {
        const parsed = (settingDefinitions[key].schema as z.ZodType).safeParse(value);
        if (!parsed.success) fieldErrors[key] = parsed.error.issues[0]?.message ?? "Invalid value.";
      }
      const keys = Object.keys(input.values);
      if (keys.includes("access.defaultHours") || keys.includes("access.maxHours")) {
        const current = (await describeSettings(ctx.db)).filter((s) => s.key === "access.defaultHours" || s.key === "access.maxHours");
        const value = (k: SettingKey) => Number(input.values[k] ?? current.find((s) => s.key === k)?.value);
        if (value("access.defaultHours") > value("access.maxHours")) fieldErrors["access.defaultHours"] = "The default cannot be longer than the maximum.";
      }
      if (Object.keys(fieldErrors).length) throw new AppError("BAD_REQUEST", { userMessage: "Some settings are not valid.", fieldErrors });
      return { changed: (await updateSettings(ctx.db, ctx.actor, input.values)) as SettingKey[] };
    }),
  test: permissionProcedure("settings.write")
    .input(z.object({ target: z.enum(TEST_TARGETS) }))
    .output(z.object({ ok: z.boolean(), message: z.string(), code: z.string().nullable() }))
    .mutation(({ ctx, input }) => runSettingsTest(ctx.db, ctx.actor, input.target)),
});
