import type { Metadata } from "next";
import { ApiDocs } from "@/components/api-docs/api-docs";
import type { OpenApiDocument } from "@/components/api-docs/openapi-types";
import { PageHeader } from "@/components/ui";
import { openApiDocument } from "@/server/api-v1/openapi";
import { requireStaff } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "API reference" };

export default async function Page() {
  await requireStaff();
  // The same document /api/v1/openapi.json serves, rendered here: nothing loads from elsewhere.
  const doc = openApiDocument() as unknown as OpenApiDocument;
  return (
    <>
      <PageHeader title="API reference" description="The automation API (/api/v1) for your own systems. Admins create keys in Settings → API keys." />
      <ApiDocs doc={doc} />
    </>
  );
}
