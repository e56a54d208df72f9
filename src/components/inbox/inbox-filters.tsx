"use client";

import { useEffect, useState } from "react";
import { Button, Checkbox, FormField, Input, Select } from "@/components/ui";
import { CHANNELS, type InboxFilters as Filters } from "./types";

interface Props {
  value: Filters;
  customers: Array<{ id: string; name: string }>;
  onChange: (next: Filters) => void;
}

const CHANNEL_LABELS: Record<string, string> = { INSTAGRAM: "Instagram", MESSENGER: "Messenger", WHATSAPP: "WhatsApp" };

/** Customer, channel, unread, failures and a debounced search over message text and contacts. */
export function InboxFilters({ value, customers, onChange }: Props) {
  const [search, setSearch] = useState(value.search ?? "");
  useEffect(() => {
    const t = setTimeout(() => {
      if ((value.search ?? "") !== search) onChange({ ...value, search: search || undefined });
    }, 300);
    return () => clearTimeout(t);
  }, [search, value, onChange]);

  const filtered = !!(value.customerId || value.channel || value.unread || value.failures || value.search);
  return (
    <div role="search" aria-label="Filter conversations" className="space-y-3 border-b border-line p-3">
      <FormField label="Search messages and contacts" id="inbox-search" hideLabel>
        <Input id="inbox-search" type="search" placeholder="Search messages and contacts" value={search} onChange={(e) => setSearch(e.target.value)} />
      </FormField>
      <div className="grid grid-cols-2 gap-2">
        <FormField label="Customer" id="inbox-customer" hideLabel>
          <Select id="inbox-customer" value={value.customerId ?? ""} placeholder="All customers" options={customers.map((c) => ({ value: c.id, label: c.name }))} onChange={(e) => onChange({ ...value, customerId: e.target.value || undefined })} />
        </FormField>
        <FormField label="Channel" id="inbox-channel" hideLabel>
          <Select
            id="inbox-channel"
            value={value.channel ?? ""}
            placeholder="All channels"
            options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c]! }))}
            onChange={(e) => onChange({ ...value, channel: (e.target.value || undefined) as Filters["channel"] })}
          />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <Checkbox label="Unread" checked={!!value.unread} onChange={(e) => onChange({ ...value, unread: e.target.checked || undefined })} />
        <Checkbox label="Failures" checked={!!value.failures} onChange={(e) => onChange({ ...value, failures: e.target.checked || undefined })} />
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => (setSearch(""), onChange({}))}>
            Clear
          </Button>
        ) : null}
      </div>
    </div>
  );
}
