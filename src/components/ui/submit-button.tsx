"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonAsButtonProps } from "./button";

export type SubmitButtonProps = Omit<ButtonAsButtonProps, "type" | "loading"> & {
  /** Force the loading state, e.g. while a tRPC mutation started by onSubmit runs. */
  pending?: boolean;
};

/** Submit button that shows the spinner while its enclosing <form action> is pending. */
export function SubmitButton({ pending, ...rest }: SubmitButtonProps) {
  const status = useFormStatus();
  return <Button type="submit" loading={pending || status.pending} {...rest} />;
}
