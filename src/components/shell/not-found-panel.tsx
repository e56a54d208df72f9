import { SearchIcon } from "../ui/icons";
import { StatusPanel, type StatusPanelProps } from "./status-panel";

export type NotFoundPanelProps = Partial<StatusPanelProps>;

const notFound: StatusPanelProps = { title: "Page not found", message: "It may have been removed, or the link is wrong.", backHref: "/", backLabel: "Go to the start page" };

/** Also used for records outside the caller's scope: the API answers NOT_FOUND for both. */
export function NotFoundPanel(props: NotFoundPanelProps) {
  return <StatusPanel icon={<SearchIcon size={24} />} iconClassName="bg-slate-100 text-slate-600" eyebrow="404" {...notFound} {...props} />;
}
