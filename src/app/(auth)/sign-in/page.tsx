import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { safeRedirectPath } from "@/server/auth/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const notices: Record<string, string> = {
  "signed-out": "You have signed out.",
  disabled: "Your account has been disabled. Ask an admin if you think this is a mistake.",
  "password-set": "Your password is set. Sign in with it now.",
  expired: "Your session has ended. Sign in again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const session = await auth();
  if (session?.user?.id && !params.notice) redirect(safeRedirectPath(params.callbackUrl));
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold text-ink">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">Staff access to customers, channels and the inbox.</p>
      <SignInForm callbackUrl={params.callbackUrl} notice={params.notice ? notices[params.notice] : undefined} />
    </>
  );
}
