export type TestTarget = "sinch" | "meta" | "publicUrl";

export interface FieldDef {
  key: string;
  label: string;
  description?: string;
  type?: "number" | "url";
}

export interface GroupDef {
  id: string;
  title: string;
  description: string;
  test?: { target: TestTarget; label: string };
  fields: FieldDef[];
}

/** The settings page layout: which keys live together and which service each group's test calls. */
export const settingGroups: GroupDef[] = [
  {
    id: "sinch",
    title: "Sinch",
    description: "The reseller's parent project and its access key. Customer subprojects are created under it.",
    test: { target: "sinch", label: "Test Sinch credentials" },
    fields: [
      { key: "sinch.projectId", label: "Parent project id" },
      { key: "sinch.keyId", label: "Access key id" },
      { key: "sinch.keySecret", label: "Access key secret" },
    ],
  },
  {
    id: "meta",
    title: "Meta app",
    description: "The Meta app used for Facebook Login and WhatsApp Embedded Signup.",
    test: { target: "meta", label: "Test Meta app" },
    fields: [
      { key: "meta.appId", label: "App id" },
      { key: "meta.appSecret", label: "App secret" },
      { key: "meta.configIdMessenger", label: "Login configuration id: Messenger" },
      { key: "meta.configIdInstagram", label: "Login configuration id: Instagram" },
      { key: "meta.configIdWhatsapp", label: "Login configuration id: WhatsApp (Embedded Signup)" },
      { key: "meta.solutionId", label: "Multi-Partner Solution id (WhatsApp, with Sinch)" },
    ],
  },
  {
    id: "portal",
    title: "Portal",
    description: "Sinch sends callbacks to <public URL>/api/webhooks/sinch/<app id>, so it must be reachable from the internet.",
    test: { target: "publicUrl", label: "Test public URL" },
    fields: [
      { key: "portal.publicUrl", label: "Public URL", type: "url" },
      { key: "inbox.retentionDays", label: "Keep inbox events for (days)", type: "number" },
    ],
  },
  {
    id: "access",
    title: "Temporary access",
    description: "How long a customer's access link and session last.",
    fields: [
      { key: "access.defaultHours", label: "Default access window (hours)", type: "number" },
      { key: "access.maxHours", label: "Longest access window staff may choose (hours)", type: "number" },
    ],
  },
];
