import { z } from "zod";
import { PASSWORD_RULE } from "@/server/auth/password";

export const roleSchema = z.enum(["admin", "staff"], { error: "Choose admin or staff." });
export const passwordSchema = z
  .string()
  .min(PASSWORD_RULE.min, `Use at least ${PASSWORD_RULE.min} characters.`)
  .max(PASSWORD_RULE.max, `Use at most ${PASSWORD_RULE.max} characters.`);

export const staffMemberSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.date(),
  lastSignInAt: z.date().nullable(),
});

export const createStaffInput = z.object({
  email: z.string().trim().email("Enter a valid email address.").max(254),
  name: z.string().trim().min(1, "Enter a name.").max(120),
  role: roleSchema,
  /** Omit to send a one-time set-password link instead. */
  password: passwordSchema.optional(),
});

export const createStaffOutput = z.object({ user: staffMemberSchema, setPasswordUrl: z.string().url().nullable() });

export const idInput = z.object({ userId: z.string().uuid("Unknown staff member.") });
export const changeRoleInput = idInput.extend({ role: roleSchema });
export const setDisabledInput = idInput.extend({ disabled: z.boolean() });
export const resetPasswordInput = idInput.extend({ password: passwordSchema.optional() });
export const resetPasswordOutput = z.object({ setPasswordUrl: z.string().url().nullable() });
