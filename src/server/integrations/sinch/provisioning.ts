import { joinUrl } from "../http";
import type { SinchRest } from "./rest";
import { toChannelInfo, toSender } from "./transform";
import type { ChannelInfo, Sender, WireChannelInfo, WireSender, WireSenderList } from "./types";

export type SenderRegion = "EU" | "US" | "BR";

export interface CreateSenderInput {
  /** Conversation region the sender is meant for. */
  region: SenderRegion;
  /** Where Meta stores data at rest, e.g. `DE`; `UNSPECIFIED` leaves Meta's default. */
  metaLocalStorage: string;
  wabaId: string;
  phoneNumberId: string;
}

export interface ListSendersOptions {
  filterStates?: string[];
  pageSize?: number;
}

export interface ProvisioningClient {
  createWhatsAppSender(projectId: string, input: CreateSenderInput): Promise<Sender>;
  getWhatsAppSender(projectId: string, senderId: string): Promise<Sender>;
  listWhatsAppSenders(projectId: string, opts?: ListSendersOptions): Promise<Sender[]>;
  deleteWhatsAppSender(projectId: string, senderId: string): Promise<void>;
  getChannelInfo(projectId: string, appId: string, channel: "instagram" | "messenger"): Promise<ChannelInfo>;
}

/** A runaway `nextPageToken` loop must not spin forever. */
const MAX_PAGES = 100;

export function createProvisioningClient(baseUrl: string, rest: SinchRest): ProvisioningClient {
  const url = (projectId: string, ...rest: string[]) =>
    joinUrl(baseUrl, ["v1", "projects", projectId, ...rest].map(encodeURIComponent).join("/"));

  return {
    async createWhatsAppSender(projectId, input) {
      const wire = await rest.call<WireSender>({
        method: "POST",
        url: url(projectId, "whatsapp", "senders"),
        operation: "provisioning.senders.create",
        json: { region: input.region, metaLocalStorage: input.metaLocalStorage, wabaId: input.wabaId, phoneNumberId: input.phoneNumberId },
      });
      return toSender(wire);
    },
    async getWhatsAppSender(projectId, senderId) {
      const wire = await rest.call<WireSender>({ method: "GET", url: url(projectId, "whatsapp", "senders", senderId), operation: "provisioning.senders.get" });
      return toSender(wire);
    },
    async listWhatsAppSenders(projectId, opts = {}) {
      const out: Sender[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const wire = await rest.call<WireSenderList>({
          method: "GET",
          url: url(projectId, "whatsapp", "senders"),
          operation: "provisioning.senders.list",
          query: { pageToken, pageSize: opts.pageSize ?? 100, filterStates: opts.filterStates?.join(",") },
        });
        out.push(...(wire.senders ?? []).map(toSender));
        pageToken = wire.nextPageToken || undefined;
        if (!pageToken) break;
      }
      return out;
    },
    async deleteWhatsAppSender(projectId, senderId) {
      await rest.call({ method: "DELETE", url: url(projectId, "whatsapp", "senders", senderId), operation: "provisioning.senders.delete" });
    },
    async getChannelInfo(projectId, appId, channel) {
      const wire = await rest.call<WireChannelInfo>({
        method: "GET",
        url: url(projectId, "conversation", "apps", appId, channel),
        operation: `provisioning.channel.${channel}`,
      });
      return toChannelInfo(wire);
    },
  };
}
