import { Button, FormField, Input, Select } from "@/components/ui";

export function AuditFilters({
  actions,
  staff,
  values,
}: {
  actions: string[];
  staff: Array<{ id: string; email: string }>;
  values: Record<string, string | undefined>;
}) {
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="mb-4 grid gap-3 rounded-card border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
      <FormField label="Actor" id="actor">
        <Select id="actor" name="actor" defaultValue={values.actor ?? ""} placeholder="Anyone" options={staff.map((s) => ({ value: s.id, label: s.email }))} />
      </FormField>
      <FormField label="Action" id="action">
        <Select id="action" name="action" defaultValue={values.action ?? ""} placeholder="Any action" options={actions.map((a) => ({ value: a, label: a }))} />
      </FormField>
      <FormField label="From" id="from">
        <Input id="from" name="from" type="date" defaultValue={values.from ?? ""} />
      </FormField>
      <FormField label="To" id="to">
        <Input id="to" name="to" type="date" defaultValue={values.to ?? ""} />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button href="/audit" variant="ghost">
          Clear
        </Button>
      </div>
    </form>
  );
}
