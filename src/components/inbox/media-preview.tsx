"use client";

import { useState } from "react";

/**
 * A media link shown as a preview. Story media lives 24 h on Meta's CDN, so an expired or
 * unreachable link shows a placeholder instead of a broken image.
 */
export function MediaPreview({ url, expired, label }: { url: string | null; expired: boolean; label: string }) {
  const [broken, setBroken] = useState(false);
  if (!url || expired || broken) {
    return (
      <div role="img" aria-label={`${label}: media no longer available`} className="flex h-32 w-48 max-w-full items-center justify-center rounded-control border border-dashed border-slate-300 bg-slate-50 p-3 text-center text-xs text-slate-500">
        {expired ? "Story media expires after 24 hours" : "Media not available"}
      </div>
    );
  }
  return (
    <a href={url} target="_blank" rel="noreferrer noopener" className="block w-fit rounded-control focus-visible:outline-2 focus-visible:outline-brand-600">
      {/* eslint-disable-next-line @next/next/no-img-element -- third-party CDN media, no optimisation proxy */}
      <img src={url} alt={label} loading="lazy" referrerPolicy="no-referrer" onError={() => setBroken(true)} className="max-h-64 max-w-full rounded-control border border-line object-contain sm:max-w-xs" />
    </a>
  );
}
