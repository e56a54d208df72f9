import { Callout, FormField, Input } from "@/components/ui";

/** Project id and access key of a project made in the Sinch dashboard; verified before saving. */
export function ProjectKeyFields({ fieldErrors, idPrefix = "" }: { fieldErrors: Record<string, string>; idPrefix?: string }) {
  return (
    <fieldset className="space-y-4 rounded-control border border-line p-4">
      <legend className="px-1 text-sm font-medium text-ink">Project made in the Sinch dashboard</legend>
      <Callout tone="info">The portal checks the key with a test call to Sinch before saving it. The secret is stored encrypted and never shown again.</Callout>
      <FormField label="Project id" id={`${idPrefix}projectId`} error={fieldErrors.projectId} required>
        <Input name="projectId" autoComplete="off" spellCheck={false} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Access key id" id={`${idPrefix}keyId`} error={fieldErrors.keyId} required>
          <Input name="keyId" autoComplete="off" spellCheck={false} />
        </FormField>
        <FormField label="Access key secret" id={`${idPrefix}keySecret`} error={fieldErrors.keySecret} required>
          <Input name="keySecret" type="password" autoComplete="new-password" />
        </FormField>
      </div>
    </fieldset>
  );
}
