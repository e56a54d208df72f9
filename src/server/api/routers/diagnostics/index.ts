import { createTRPCRouter } from "@/server/api/trpc";
import { applyFixProcedure } from "./apply-fix";
import { catalogue } from "./catalogue";
import { latest } from "./latest";
import { overview } from "./overview";
import { run } from "./run";
import { startSweep, sweep } from "./sweep";
import { supportBundle } from "./support-bundle";
import { otherWebhooksProcedure, probeRegionsProcedure } from "./webhooks";

/** Troubleshooting (issue 8): diagnose channels, apply fixes, sweep everything, read the catalogue. */
export const diagnosticsRouter = createTRPCRouter({
  overview,
  latest,
  run,
  applyFix: applyFixProcedure,
  supportBundle,
  otherWebhooks: otherWebhooksProcedure,
  probeRegions: probeRegionsProcedure,
  startSweep,
  sweep,
  catalogue,
});
