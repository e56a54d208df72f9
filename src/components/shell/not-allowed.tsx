import { LockIcon } from "../ui/icons";
import { StatusPanel, type StatusPanelProps } from "./status-panel";

export type NotAllowedProps = Partial<StatusPanelProps>;

const notAllowed: StatusPanelProps = {
  title: "You are not allowed to view this page",
  message: "Your account does not have permission for this section. Ask an administrator if you need access.",
  backHref: "/",
  backLabel: "Go to the start page",
};

export function NotAllowed(props: NotAllowedProps) {
  return <StatusPanel icon={<LockIcon size={24} />} iconClassName="bg-amber-50 text-amber-700" {...notAllowed} {...props} />;
}
