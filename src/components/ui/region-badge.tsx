import { Badge } from "./badge";
import { GlobeIcon } from "./icons";

export type Region = "us" | "eu" | "br";

const names: Record<Region, string> = { us: "United States", eu: "Europe", br: "Brazil" };

/** Conversation API region of an app; fixed once created, so shown neutral. */
export function RegionBadge({ region, className }: { region: Region | Uppercase<Region>; className?: string }) {
  const key = region.toLowerCase() as Region;
  return (
    <Badge tone="neutral" icon={<GlobeIcon size={12} />} title={`Region: ${names[key]}`} className={className}>
      <span className="sr-only">Region </span>
      {key.toUpperCase()}
    </Badge>
  );
}
