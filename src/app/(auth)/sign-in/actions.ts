"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";
import { safeRedirectPath } from "@/server/auth/safe-redirect";

export interface SignInState {
  error?: string;
  email?: string;
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  if (!email.trim() || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeRedirectPath(formData.get("callbackUrl")) });
    return {};
  } catch (err) {
    if (err instanceof AuthError) {
      const blocked = err instanceof CredentialsSignin && err.code === "blocked";
      return {
        email,
        error: blocked ? "Too many failed attempts from this network. Try again in 15 minutes." : "Incorrect email or password.",
      };
    }
    throw err; // NEXT_REDIRECT on success
  }
}
