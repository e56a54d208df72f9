import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { customers, type Region } from "@/server/db/schema";
import { systemActor } from "../audit";
import { sinchGatewayFor } from "../sinch-client";
import { createCustomer } from "./create-flow";
import { runSetup } from "./setup-runner";

interface DemoCustomer {
  businessName: string;
  contactName: string;
  contactEmail: string;
  region: Region;
  /** How far the demo takes the Sinch setup, so the directory shows different stages. */
  runSetup: boolean;
}

export const demoCustomers: DemoCustomer[] = [
  { businessName: "Northwind Coffee", contactName: "Nina Berg", contactEmail: "nina@northwind-coffee.example", region: "eu", runSetup: true },
  { businessName: "Lagoa Surf Shop", contactName: "João Lima", contactEmail: "joao@lagoa-surf.example", region: "br", runSetup: true },
  { businessName: "Harbor Dental", contactName: "Hannah Reed", contactEmail: "hannah@harbor-dental.example", region: "us", runSetup: false },
];

async function sinchReachable(db: Db): Promise<boolean> {
  try {
    await (await sinchGatewayFor(db)).testCredentials();
    return true;
  } catch {
    return false;
  }
}

/**
 * Demo customers created through the same services as the UI. Idempotent: an existing demo customer
 * is reused and its setup resumed; without a reachable Sinch (or emulator) only the rows are made.
 */
export async function seedDemoCustomers(db: Db): Promise<string[]> {
  const actor = systemActor("seed");
  const lines: string[] = [];
  const sinch = await sinchReachable(db);
  if (!sinch) lines.push("Sinch (or the emulator) is unreachable: demo customers are created without their Sinch project, app and webhook. Start the emulator and run the seed again to finish them.");
  for (const demo of demoCustomers) {
    const [existing] = await db.select({ id: customers.id, setupStatus: customers.setupStatus }).from(customers).where(eq(customers.businessName, demo.businessName));
    const { runSetup: shouldRun, ...fields } = demo;
    const customerId = existing?.id ?? (await createCustomer(db, actor, { ...fields, projectMode: "subproject" })).customerId;
    let status: string = existing?.setupStatus ?? "in_progress";
    if (shouldRun && sinch && status !== "ready") status = (await runSetup(db, actor, customerId)).status;
    lines.push(`${existing ? "Kept" : "Created"} ${demo.businessName} (${demo.region.toUpperCase()}): setup ${status.replace("_", " ")}`);
  }
  return lines;
}
