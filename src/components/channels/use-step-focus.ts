"use client";

import { useEffect, useRef } from "react";

/** Moves focus to the new step's heading so keyboard and screen-reader users land on it. */
export function useStepFocus<T extends string>(step: T) {
  const ref = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [step]);
  return ref;
}
