import type { InputHTMLAttributes, Ref, TextareaHTMLAttributes } from "react";
import { controlBase, cx } from "./cx";

export type InputProps = InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };

/** Text-like input. Put it inside <FormField> to get its label, description and error wired. */
export function Input({ className, type = "text", ...rest }: InputProps) {
  return <input type={type} className={cx(controlBase, "h-9", className)} {...rest} />;
}

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  ref?: Ref<HTMLTextAreaElement>;
};

export function Textarea({ className, rows = 4, ...rest }: TextareaProps) {
  return <textarea rows={rows} className={cx(controlBase, "min-h-20 resize-y", className)} {...rest} />;
}
