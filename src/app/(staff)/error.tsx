"use client";

import { ErrorState } from "@/components/ui";

export default function StaffError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState message="This page could not be loaded. Try again in a moment." requestId={error.digest} onRetry={reset} />;
}
