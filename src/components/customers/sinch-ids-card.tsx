import { Badge, Card, CardHeader, DescriptionItem, DescriptionList, RegionBadge } from "@/components/ui";
import type { CustomerDetail } from "./labels";

/** Every Sinch id of the customer, each with a copy button (ids are not secrets; keys never appear). */
export function SinchIdsCard({ customer }: { customer: CustomerDetail }) {
  const { project, app, webhook } = customer;
  return (
    <Card as="section" aria-labelledby="ids-h">
      <CardHeader id="ids-h" title="Sinch resources" description="Use these ids in the Sinch dashboard and in support requests." />
      <DescriptionList className="mt-2">
        <DescriptionItem term={project?.kind === "project" ? "Project id (linked)" : "Subproject id"} copyValue={project?.projectId} copyLabel="project id" mono>
          {project?.projectId ?? "Not created yet"}
        </DescriptionItem>
        {project?.parentProjectId ? (
          <DescriptionItem term="Parent project id" copyValue={project.parentProjectId} copyLabel="parent project id" mono>
            {project.parentProjectId}
          </DescriptionItem>
        ) : null}
        {project?.keyId ? (
          <DescriptionItem term="Access key" mono>
            {project.keyId} <span className="font-sans text-ink-muted">({project.keySecretHint ?? "secret set"})</span>
          </DescriptionItem>
        ) : null}
        <DescriptionItem term="App id" copyValue={app?.appId} copyLabel="app id" mono>
          {app ? (
            <>
              {app.appId} {app.deletedAt ? <Badge tone="danger">Deleted</Badge> : null}
            </>
          ) : (
            "Not created yet"
          )}
        </DescriptionItem>
        <DescriptionItem term="Region">
          <RegionBadge region={app?.region ?? customer.region} /> <span className="text-ink-muted">fixed at creation</span>
        </DescriptionItem>
        <DescriptionItem term="Webhook id" copyValue={webhook?.sinchWebhookId} copyLabel="webhook id" mono>
          {webhook?.sinchWebhookId ?? "Not registered yet"}
        </DescriptionItem>
        {webhook ? (
          <DescriptionItem term="Webhook target" copyValue={webhook.target} copyLabel="webhook target" mono>
            {webhook.target}
          </DescriptionItem>
        ) : null}
        {webhook ? (
          <DescriptionItem term="Webhook">
            <span className="flex flex-wrap gap-1">
              <Badge tone={webhook.signed ? "success" : "danger"}>{webhook.signed ? "Signed" : "Unsigned"}</Badge>
              <span className="text-xs text-ink-muted">{webhook.triggers.join(", ")}</span>
            </span>
          </DescriptionItem>
        ) : null}
      </DescriptionList>
    </Card>
  );
}
