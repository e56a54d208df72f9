import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { SignOutIcon } from "../ui/icons";

export type StaffRole = "admin" | "staff";

export type UserMenuProps = {
  name: string;
  email: string;
  role: StaffRole;
  /** Server action (or URL) that signs out; a plain form submit, so it works without JS. */
  onSignOut: string | ((formData: FormData) => void | Promise<void>);
};

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ""}${parts.at(-1)?.[0] ?? ""}` : name.slice(0, 2);
  return letters.toUpperCase() || "?";
}

/** Signed-in staff member, role and sign-out; sits at the bottom of the AppShell sidebar. */
export function UserMenu({ name, email, role, onSignOut }: UserMenuProps) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex min-w-0 items-center gap-3">
        <span
          aria-hidden="true"
          className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800"
        >
          {initials(name)}
        </span>
        <div className="min-w-0 flex-1">
          <p className="flex items-center gap-2 text-sm font-medium text-ink">
            <span className="truncate">{name}</span>
            <Badge tone={role === "admin" ? "info" : "neutral"}>{role === "admin" ? "Admin" : "Staff"}</Badge>
          </p>
          <p className="truncate text-xs text-ink-muted" title={email}>
            {email}
          </p>
        </div>
      </div>
      <form action={onSignOut}>
        <Button type="submit" variant="secondary" size="sm" icon={<SignOutIcon />} className="w-full">
          Sign out
        </Button>
      </form>
    </div>
  );
}
