import type { ReactNode, SVGProps } from "react";

export type IconProps = Omit<SVGProps<SVGSVGElement>, "children"> & { size?: number };
export type IconComponent = (props: IconProps) => ReactNode;

/** Icons are decorative: the control that holds one carries the accessible name. */
function icon(displayName: string, paths: ReactNode, filled = false): IconComponent {
  function Icon({ size = 16, className, ...rest }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill={filled ? "currentColor" : "none"}
        stroke={filled ? "none" : "currentColor"}
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        className={className ? `shrink-0 ${className}` : "shrink-0"}
        {...rest}
      >
        {paths}
      </svg>
    );
  }
  Icon.displayName = displayName;
  return Icon;
}

export const UsersIcon = icon("UsersIcon", <>
  <path d="M16 20v-1.5A3.5 3.5 0 0 0 12.5 15h-5A3.5 3.5 0 0 0 4 18.5V20" />
  <circle cx="10" cy="8" r="3.5" />
  <path d="M20 20v-1.5a3.5 3.5 0 0 0-2.5-3.35M15.5 4.6a3.5 3.5 0 0 1 0 6.8" />
</>);
export const InboxIcon = icon("InboxIcon", <>
  <path d="M3 13h5l1.5 2.5h5L16 13h5" />
  <path d="M5.5 5h13L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5z" />
</>);
export const WrenchIcon = icon("WrenchIcon", (
  <path d="M14.5 6.5a4 4 0 0 0 5.3 5.3l-8.6 8.6a2.1 2.1 0 0 1-3-3l8.6-8.6a4 4 0 0 0-2.3-2.3zM14.5 6.5 17 4l3 3-2.5 2.5" />
));
export const KeyIcon = icon("KeyIcon", <>
  <circle cx="8" cy="15" r="4" />
  <path d="m11 12 9-9M17 6l2 2M14.5 8.5l2 2" />
</>);
export const AuditIcon = icon("AuditIcon", <>
  <path d="M7 3h8l4 4v14H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z" />
  <path d="M14 3v5h5M9 13h6M9 17h4" />
</>);
export const StaffIcon = icon("StaffIcon", <>
  <circle cx="9" cy="8" r="3.5" />
  <path d="M3 20v-1a4 4 0 0 1 4-4h4M17.5 14.5v1.2M17.5 20.3v1.2M20.5 18h1.2M13.3 18h1.2" />
  <circle cx="17.5" cy="18" r="2.5" />
</>);
export const SettingsIcon = icon("SettingsIcon", <>
  <circle cx="12" cy="12" r="3" />
  <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 0 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 0 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 0 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 0 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
</>);
export const MenuIcon = icon("MenuIcon", <path d="M4 6h16M4 12h16M4 18h16" />);
export const CloseIcon = icon("CloseIcon", <path d="M6 6l12 12M18 6 6 18" />);
export const ChevronLeftIcon = icon("ChevronLeftIcon", <path d="m15 18-6-6 6-6" />);
export const ChevronRightIcon = icon("ChevronRightIcon", <path d="m9 18 6-6-6-6" />);
export const ChevronDownIcon = icon("ChevronDownIcon", <path d="m6 9 6 6 6-6" />);
export const ChevronUpIcon = icon("ChevronUpIcon", <path d="m18 15-6-6-6 6" />);
export const SortIcon = icon("SortIcon", <path d="m8 9 4-4 4 4M16 15l-4 4-4-4" />);
export const CheckIcon = icon("CheckIcon", <path d="M5 12.5 10 17.5 19 7" />);
export const CopyIcon = icon("CopyIcon", <>
  <rect x="9" y="9" width="11" height="11" rx="2" />
  <path d="M5 15H4.5A1.5 1.5 0 0 1 3 13.5v-9A1.5 1.5 0 0 1 4.5 3h9A1.5 1.5 0 0 1 15 4.5V5" />
</>);
export const AlertTriangleIcon = icon("AlertTriangleIcon", <>
  <path d="M10.3 3.9 2.4 17.5A2 2 0 0 0 4.1 20.5h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
  <path d="M12 9v4M12 17h.01" />
</>);
export const AlertCircleIcon = icon("AlertCircleIcon", <>
  <circle cx="12" cy="12" r="9" />
  <path d="M12 8v4.5M12 16h.01" />
</>);
export const InfoIcon = icon("InfoIcon", <>
  <circle cx="12" cy="12" r="9" />
  <path d="M12 11v5M12 8h.01" />
</>);
export const CheckCircleIcon = icon("CheckCircleIcon", <>
  <circle cx="12" cy="12" r="9" />
  <path d="m8 12.5 2.7 2.7L16 10" />
</>);
export const XCircleIcon = icon("XCircleIcon", <>
  <circle cx="12" cy="12" r="9" />
  <path d="m9 9 6 6M15 9l-6 6" />
</>);
export const ClockIcon = icon("ClockIcon", <>
  <circle cx="12" cy="12" r="9" />
  <path d="M12 7v5l3 2" />
</>);
export const LockIcon = icon("LockIcon", <>
  <rect x="4.5" y="10.5" width="15" height="10" rx="2" />
  <path d="M8 10.5V7a4 4 0 0 1 8 0v3.5" />
</>);
export const SignOutIcon = icon("SignOutIcon", (
  <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4M10 16l-4-4 4-4M6 12h10" />
));
export const SearchIcon = icon("SearchIcon", <>
  <circle cx="11" cy="11" r="6.5" />
  <path d="m20 20-4.2-4.2" />
</>);
export const PlusIcon = icon("PlusIcon", <path d="M12 5v14M5 12h14" />);
export const ChartIcon = icon("ChartIcon", <path d="M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3M20 16V6" />);
export const RefreshIcon = icon("RefreshIcon", (
  <path d="M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16M20 20v-4h-4" />
));
export const ExternalLinkIcon = icon("ExternalLinkIcon", (
  <path d="M14 4h6v6M20 4l-9 9M18 14v4a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4" />
));
export const MailIcon = icon("MailIcon", <>
  <rect x="3" y="5" width="18" height="14" rx="2" />
  <path d="m4 7 8 6 8-6" />
</>);
export const GlobeIcon = icon("GlobeIcon", <>
  <circle cx="12" cy="12" r="9" />
  <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
</>);
export const SpinnerIcon = icon("SpinnerIcon", <>
  <circle cx="12" cy="12" r="9" opacity="0.25" />
  <path d="M21 12a9 9 0 0 0-9-9" />
</>);
export const MessengerIcon = icon("MessengerIcon", (
  <path d="M12 2.5C6.6 2.5 2.5 6.4 2.5 11.5c0 2.7 1.1 5 3 6.6v3.4l3.2-1.8c1 .3 2.1.4 3.3.4 5.4 0 9.5-3.9 9.5-9S17.4 2.5 12 2.5zm1 12-2.5-2.6-4.8 2.6 5.3-5.6 2.5 2.6 4.7-2.6z" />
), true);
export const InstagramIcon = icon("InstagramIcon", <>
  <rect x="3" y="3" width="18" height="18" rx="5" />
  <circle cx="12" cy="12" r="4" />
  <path d="M17.5 6.5h.01" />
</>);
export const WhatsAppIcon = icon("WhatsAppIcon", <>
  <path d="M3.5 20.5 5 16.1A8.5 8.5 0 1 1 8 19.1z" />
  <path d="M9 8.5c0 3.3 3.2 6.5 6.5 6.5l1-1.6-2-1-1 1c-1.2-.5-2.4-1.7-2.9-2.9l1-1-1-2z" />
</>);
