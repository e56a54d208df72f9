import { sql, type SQL } from "drizzle-orm";
import { channelConnections, customers, type ChannelState } from "@/server/db/schema";

export const HEALTH_VALUES = ["healthy", "failing", "connecting", "no_channels"] as const;
export type Health = (typeof HEALTH_VALUES)[number];
export const STAGE_VALUES = ["setup", "needs_attention", "ready", "live"] as const;
export type Stage = (typeof STAGE_VALUES)[number];

const channelIn = (states: ChannelState[]): SQL =>
  sql`exists (select 1 from ${channelConnections} where ${channelConnections.customerId} = ${customers.id} and ${channelConnections.state} in (${sql.join(
    states.map((s) => sql`${s}`),
    sql`, `,
  )}))`;

const failing = channelIn(["failing", "reconnect_required"]);
const active = channelIn(["active"]);
const connecting = channelIn(["connecting", "activating"]);

/**
 * Health and onboarding stage as SQL, so the directory filters and shows the very same values.
 * Health: any failing channel wins; then active; then connecting. Stage: the setup status until the
 * setup is complete, then "live" once a channel is active.
 */
export const healthSql = sql<Health>`(case when ${failing} then 'failing' when ${active} then 'healthy' when ${connecting} then 'connecting' else 'no_channels' end)`;
export const stageSql = sql<Stage>`(case when ${customers.setupStatus} = 'in_progress' then 'setup' when ${customers.setupStatus} = 'needs_attention' then 'needs_attention' when ${active} then 'live' else 'ready' end)`;

export const hasChannelSql = (channel: string): SQL =>
  sql`exists (select 1 from ${channelConnections} where ${channelConnections.customerId} = ${customers.id} and ${channelConnections.channel} = ${channel} and ${channelConnections.state} <> 'disconnected')`;
