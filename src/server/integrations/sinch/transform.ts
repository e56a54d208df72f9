import type {
  App,
  AppCredentialState,
  ChannelInfo,
  CredentialInput,
  SentMessage,
  Sender,
  SinchRegion,
  Subproject,
  Webhook,
  WireApp,
  WireChannelCredential,
  WireChannelInfo,
  WireSendResponse,
  WireSender,
  WireSubproject,
  WireWebhook,
} from "./types";

/** The SDK revives ISO strings into Date objects; raw fetch leaves them as strings. Accept both. */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "string" || value.length === 0) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function str(value: unknown): string | null {
  if (typeof value === "string" && value.length > 0) return value;
  // A display name that looks like a date may have been revived by the SDK.
  if (value instanceof Date) return value.toISOString();
  return null;
}

export function toCredentialState(wire: WireChannelCredential): AppCredentialState {
  const out: AppCredentialState = { channel: wire.channel, status: wire.state?.status ?? "PENDING" };
  if (wire.state?.description) out.description = wire.state.description;
  if (wire.channel_known_id) out.knownId = wire.channel_known_id;
  return out;
}

export function toApp(wire: WireApp, region: SinchRegion): App {
  return {
    id: wire.id ?? "",
    displayName: str(wire.display_name) ?? "",
    region,
    processingMode: wire.processing_mode ?? "CONVERSATION",
    credentials: (wire.channel_credentials ?? []).map(toCredentialState),
  };
}

export function toWebhook(wire: WireWebhook): Webhook {
  return {
    id: wire.id ?? "",
    appId: wire.app_id ?? "",
    target: wire.target ?? "",
    targetType: wire.target_type ?? "HTTP",
    triggers: [...(wire.triggers ?? [])],
    // Sinch may or may not echo the secret; only its presence matters (catalogue S7).
    hasSecret: typeof wire.secret === "string" && wire.secret.length > 0,
  };
}

export function toSentMessage(wire: WireSendResponse): SentMessage {
  return { messageId: wire.message_id ?? "", acceptedAt: toDate(wire.accepted_time) };
}

export function toSender(wire: WireSender): Sender {
  return {
    id: wire.id ?? "",
    state: wire.state ?? "UNRECOGNIZED",
    region: wire.region ?? null,
    metaLocalStorage: wire.metaLocalStorage ?? null,
    wabaId: wire.wabaId ?? wire.details?.wabaId ?? null,
    phoneNumberId: wire.phoneNumberId ?? wire.details?.phoneNumberId ?? null,
    displayName: str(wire.details?.displayName),
    businessManager: wire.businessManager ?? null,
    changes: wire.changes ? { status: wire.changes.status ?? null, details: [...(wire.changes.details ?? [])] } : null,
    bearerToken: str(wire.bearerToken),
  };
}

export function toChannelInfo(wire: WireChannelInfo): ChannelInfo {
  return {
    status: wire.status ?? "UNRECOGNIZED",
    statusDescription: wire.statusDescription ?? null,
    accountId: str(wire.id),
    name: str(wire.name),
    username: str(wire.username),
  };
}

export function toSubproject(wire: WireSubproject): Subproject {
  return {
    id: wire.subprojectId ?? "",
    displayName: str(wire.displayName) ?? "",
    parentProjectId: wire.parentProjectId ?? null,
    labels: { ...(wire.labels ?? {}) },
    createdAt: toDate(wire.createTime),
    updatedAt: toDate(wire.updateTime),
    deleted: wire.deleted === true,
  };
}

/** Builds the request-side credential Sinch expects for one channel (sinch.md section 4). */
export function channelCredentialsFor(input: CredentialInput): WireChannelCredential {
  switch (input.channel) {
    case "MESSENGER":
      return withSecret({ channel: "MESSENGER", static_token: { token: input.pageAccessToken } }, input.callbackSecret);
    case "INSTAGRAM":
      return withSecret(
        {
          channel: "INSTAGRAM",
          instagram_credentials: { token: input.pageAccessToken, business_account_id: input.instagramBusinessAccountId },
        },
        input.callbackSecret,
      );
    case "WHATSAPP":
      return { channel: "WHATSAPP", static_bearer: { claimed_identity: input.senderId, token: input.senderBearerToken } };
  }
}

function withSecret(cred: WireChannelCredential, secret: string | undefined): WireChannelCredential {
  return secret ? { ...cred, callback_secret: secret } : cred;
}

/** Drops response-only fields so a credential can be sent back in a PATCH. */
export function toRequestCredential(cred: WireChannelCredential): WireChannelCredential {
  const { state: _state, channel_known_id: _knownId, ...rest } = cred;
  return rest;
}

/**
 * `channel_credentials` is replace-whole and Sinch never returns tokens, so the array is rebuilt
 * from the portal's own copies: the credential for `replacement.channel` is swapped in place
 * (array order is channel priority) or appended, every other entry is kept untouched.
 */
export function mergeCredentials(
  existing: readonly WireChannelCredential[],
  replacement: WireChannelCredential,
): WireChannelCredential[] {
  const next = toRequestCredential(replacement);
  const out: WireChannelCredential[] = [];
  let replaced = false;
  for (const cred of existing) {
    if (cred.channel !== next.channel) out.push(toRequestCredential(cred));
    else if (!replaced) {
      out.push(next);
      replaced = true;
    }
    // A second entry for the same channel would be stale; it is dropped.
  }
  if (!replaced) out.push(next);
  return out;
}

/** Rebuilds the array without one channel (disconnect). */
export function removeCredential(existing: readonly WireChannelCredential[], channel: string): WireChannelCredential[] {
  return existing.filter((cred) => cred.channel !== channel).map(toRequestCredential);
}
