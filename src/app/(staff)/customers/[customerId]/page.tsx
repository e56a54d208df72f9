import type { Metadata } from "next";
import { Suspense } from "react";
import { CustomerPage } from "@/components/customers/customer-page";
import { NotAllowed, NotFoundPanel } from "@/components/shell";
import { LoadingState } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Customer" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function Page({ params }: { params: Promise<{ customerId: string }> }) {
  const { customerId } = await params;
  if (!(await staffCan("customers.read"))) return <NotAllowed />;
  if (!UUID.test(customerId)) return <NotFoundPanel backHref="/customers" backLabel="Back to customers" />;
  const permissions = { canArchive: await staffCan("customers.archive"), canDeleteApp: await staffCan("customers.deleteApp") };
  return (
    <Suspense fallback={<LoadingState label="Loading customer" rows={6} />}>
      <CustomerPage customerId={customerId} permissions={permissions} />
    </Suspense>
  );
}
