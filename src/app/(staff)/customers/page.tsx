import type { Metadata } from "next";
import { CustomerDirectory } from "@/components/customers/customer-directory";
import { NotAllowed } from "@/components/shell";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  if (!(await staffCan("customers.read"))) return <NotAllowed />;
  return <CustomerDirectory canCreate={await staffCan("customers.write")} />;
}
