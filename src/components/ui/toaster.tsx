"use client";

import { Toaster as SonnerToaster } from "sonner";

/**
 * Place once per layout (staff and customer). Call `toast.success("Saved")` etc. from client
 * code. Colours come from the shared tones; the container is a labelled live region.
 */
export function Toaster() {
  return (
    <SonnerToaster
      position="bottom-right"
      closeButton
      theme="light"
      duration={5000}
      containerAriaLabel="Notifications"
      toastOptions={{
        classNames: {
          toast: "rounded-card! border-line! shadow-overlay! font-sans! text-ink!",
          title: "font-medium!",
          description: "text-ink-muted!",
          success: "[&_[data-icon]]:text-green-700!",
          warning: "[&_[data-icon]]:text-amber-700!",
          error: "[&_[data-icon]]:text-red-700!",
          info: "[&_[data-icon]]:text-brand-700!",
        },
      }}
    />
  );
}

export { toast } from "sonner";
