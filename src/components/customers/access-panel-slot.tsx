/**
 * Mount point for the temporary access panel (issue #5). The customer page renders this in its side
 * column; the panel itself lives in components/access so this file keeps its export and props.
 */
import { AccessPanel } from "@/components/access/access-panel";

export interface AccessPanelSlotProps {
  customerId: string;
  businessName: string;
  contactEmail: string;
  /** False until the Sinch setup is complete: nothing to connect before that. */
  setupReady: boolean;
}

export function AccessPanelSlot({ customerId, setupReady }: AccessPanelSlotProps) {
  return <AccessPanel customerId={customerId} setupReady={setupReady} />;
}
