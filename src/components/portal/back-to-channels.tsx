import Link from "next/link";
import { ChevronLeftIcon } from "@/components/ui/icons";

/** The way back to the customer's overview from a channel page. */
export function BackToChannels() {
  return (
    <Link href="/portal" className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
      <ChevronLeftIcon size={14} />
      All channels
    </Link>
  );
}
