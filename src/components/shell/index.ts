export { AppShell, type AppShellProps, type NavItem } from "./app-shell";
export { CustomerShell, type CustomerShellProps } from "./customer-shell";
export { NotAllowed, type NotAllowedProps } from "./not-allowed";
export { NotFoundPanel, type NotFoundPanelProps } from "./not-found-panel";
export { UserMenu, type StaffRole, type UserMenuProps } from "./user-menu";
