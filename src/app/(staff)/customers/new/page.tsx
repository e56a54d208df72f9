import type { Metadata } from "next";
import { CreateCustomerForm } from "@/components/customers/create-customer-form";
import { NotAllowed } from "@/components/shell";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage() {
  if (!(await staffCan("customers.write"))) return <NotAllowed />;
  return <CreateCustomerForm />;
}
