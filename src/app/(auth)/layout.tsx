import { env } from "@/env";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-canvas px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-sm font-medium text-slate-600">{env.RESELLER_NAME} · Reseller portal</p>
        <div className="rounded-card border border-line bg-surface p-6 shadow-sm sm:p-8">{children}</div>
      </div>
    </main>
  );
}
