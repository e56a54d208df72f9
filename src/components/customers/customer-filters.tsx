"use client";

import { Checkbox, FormField, Input, Select } from "@/components/ui";
import { healthLabels, regionOptions, stageLabels, type Health, type Stage } from "./labels";

export interface Filters {
  search: string;
  region: "" | "us" | "eu" | "br";
  channel: "" | "MESSENGER" | "INSTAGRAM" | "WHATSAPP";
  health: "" | Health;
  stage: "" | Stage;
  archived: boolean;
}

export const emptyFilters: Filters = { search: "", region: "", channel: "", health: "", stage: "", archived: false };

const opts = <T extends string>(labels: Record<T, { label: string }>) => (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value].label }));

/** Directory filters; every control is labelled, and changes apply as you type or pick. */
export function CustomerFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const set = <K extends keyof Filters>(key: K, v: Filters[K]) => onChange({ ...value, [key]: v });
  return (
    <form role="search" aria-label="Filter customers" className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-6" onSubmit={(e) => e.preventDefault()}>
      <FormField label="Search" id="customer-search" className="lg:col-span-2">
        <Input type="search" placeholder="Business, contact or email" value={value.search} onChange={(e) => set("search", e.target.value)} />
      </FormField>
      <FormField label="Region" id="filter-region">
        <Select value={value.region} onChange={(e) => set("region", e.target.value as Filters["region"])} options={[{ value: "", label: "All regions" }, ...regionOptions]} />
      </FormField>
      <FormField label="Channel" id="filter-channel">
        <Select
          value={value.channel}
          onChange={(e) => set("channel", e.target.value as Filters["channel"])}
          options={[
            { value: "", label: "All channels" },
            { value: "INSTAGRAM", label: "Instagram" },
            { value: "MESSENGER", label: "Messenger" },
            { value: "WHATSAPP", label: "WhatsApp" },
          ]}
        />
      </FormField>
      <FormField label="Health" id="filter-health">
        <Select value={value.health} onChange={(e) => set("health", e.target.value as Filters["health"])} options={[{ value: "", label: "Any health" }, ...opts(healthLabels)]} />
      </FormField>
      <FormField label="Onboarding stage" id="filter-stage">
        <Select value={value.stage} onChange={(e) => set("stage", e.target.value as Filters["stage"])} options={[{ value: "", label: "Any stage" }, ...opts(stageLabels)]} />
      </FormField>
      <Checkbox className="sm:col-span-2 lg:col-span-6" label="Show archived customers instead" checked={value.archived} onChange={(e) => set("archived", e.target.checked)} />
    </form>
  );
}
