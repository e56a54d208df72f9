"use server";

import { redirect } from "next/navigation";
import { passwordSchema } from "@/server/api/routers/staff/schemas";
import { getDb } from "@/server/db";
import { setPasswordWithToken } from "@/server/services/staff";

export interface SetPasswordState {
  error?: string;
}

export async function setPasswordAction(token: string, _prev: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  const password = String(formData.get("password") ?? "");
  const confirm = String(formData.get("confirm") ?? "");
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  if (password !== confirm) return { error: "The two passwords do not match." };
  const ok = await setPasswordWithToken(await getDb(), token, password);
  if (!ok) return { error: "This link is no longer valid. Ask an admin for a new one." };
  redirect("/sign-in?notice=password-set");
}
