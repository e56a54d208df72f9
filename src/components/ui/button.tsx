import Link from "next/link";
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ReactNode } from "react";
import { cx, focusRing } from "./cx";
import { SpinnerIcon } from "./icons";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md" | "lg" | "icon" | "icon-sm";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white shadow-xs hover:bg-brand-700 active:bg-brand-800",
  secondary:
    "bg-surface text-ink shadow-xs ring-1 ring-inset ring-line-strong hover:bg-slate-50 active:bg-slate-100",
  ghost: "text-slate-700 hover:bg-slate-100 hover:text-ink active:bg-slate-200",
  danger: "bg-red-600 text-white shadow-xs hover:bg-red-700 active:bg-red-800",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-8 gap-1.5 px-2.5 text-xs",
  md: "h-9 gap-2 px-3.5 text-sm",
  lg: "h-11 gap-2 px-5 text-base",
  icon: "size-9 justify-center",
  "icon-sm": "size-7 justify-center",
};

/** Button look for elements that are not a <Button> (e.g. a <label> acting as a file picker). */
export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", className?: string) {
  return cx(
    "inline-flex shrink-0 items-center justify-center whitespace-nowrap rounded-control font-medium",
    "transition-colors select-none disabled:cursor-not-allowed disabled:opacity-60",
    "aria-disabled:pointer-events-none aria-disabled:opacity-60",
    focusRing,
    variants[variant],
    sizes[size],
    className,
  );
}

type CommonProps = {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Leading icon (decorative). Icon-only buttons must pass aria-label. */
  icon?: ReactNode;
  children?: ReactNode;
  className?: string;
};

export type ButtonAsButtonProps = CommonProps &
  Omit<ButtonHTMLAttributes<HTMLButtonElement>, keyof CommonProps> & {
    href?: undefined;
    /** Shows a spinner, sets aria-busy and blocks further clicks while work runs. */
    loading?: boolean;
  };

export type ButtonAsLinkProps = CommonProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, keyof CommonProps | "href"> & {
    href: string;
    prefetch?: boolean;
  };

export type ButtonProps = ButtonAsButtonProps | ButtonAsLinkProps;

export function Button(props: ButtonProps) {
  if (props.href !== undefined) {
    const { variant, size, icon, children, className, href, ...rest } = props;
    return (
      <Link href={href} className={buttonClasses(variant, size, className)} {...rest}>
        {icon}
        {children}
      </Link>
    );
  }
  const { variant, size, icon, children, className, loading = false, disabled, type, ...rest } = props;
  return (
    <button
      // Defaults to "button" so a button inside a form never submits it by accident.
      type={type ?? "button"}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses(variant, size, cx(loading && "cursor-wait", className))}
      {...rest}
    >
      {loading ? <SpinnerIcon className="animate-spin" /> : icon}
      {children}
    </button>
  );
}
