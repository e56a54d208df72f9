import type { Metadata } from "next";
import { getDb } from "@/server/db";
import { passwordTokenValid } from "@/server/services/staff";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = await passwordTokenValid(await getDb(), token);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold text-ink">Set your password</h1>
      {valid ? (
        <>
          <p className="mb-6 text-sm text-slate-600">Choose the password you will use to sign in.</p>
          <SetPasswordForm token={token} />
        </>
      ) : (
        <p className="text-sm text-slate-700">This link is no longer valid. Ask an admin for a new one.</p>
      )}
    </>
  );
}
