import { LockIcon } from "@/components/ui/icons";

/** Same text for every kind of bad link, so a link's state cannot be probed. */
export function InvalidLinkPanel({ resellerName }: { resellerName: string }) {
  return (
    <section aria-labelledby="invalid-link-title" className="w-full max-w-md rounded-card border border-line bg-surface p-6 text-center shadow-sm sm:p-8">
      <span aria-hidden="true" className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-slate-100 text-ink-muted">
        <LockIcon size={22} />
      </span>
      <h1 id="invalid-link-title" className="text-lg font-semibold text-ink">
        This link is no longer valid
      </h1>
      <p className="mt-2 text-sm text-ink-muted">
        Links work once and only for a limited time. Ask {resellerName} for a new one.
      </p>
    </section>
  );
}
