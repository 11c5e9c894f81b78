import type { Metadata } from "next";
import { requireViewer } from "@/lib/http/page-context";
import { permissionsFor } from "@/lib/ui/permissions";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { AccessNeeded } from "@/components/layout/access-needed";
import { RegisterClientForm } from "@/components/clients/register-client-form";

export const metadata: Metadata = { title: "Register a client" };

export default async function NewClientPage() {
  const { user } = await requireViewer();
  if (!permissionsFor(user.role).write) {
    return (
      <div className="mx-auto flex max-w-3xl flex-col gap-6">
        <Breadcrumbs items={[{ label: "Clients", href: "/clients" }, { label: "Register" }]} />
        <AccessNeeded title="You need editor access" backHref="/clients" backLabel="Back to clients">
          Registering clients is for editors and admins; your account can view everything but change nothing. Ask an admin of this
          workspace if you need to add clients.
        </AccessNeeded>
      </div>
    );
  }
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader
        eyebrow={<Breadcrumbs items={[{ label: "Clients", href: "/clients" }, { label: "Register" }]} />}
        title="Register a client"
        description="Add a client and the automation systems ClientPulse should watch for them."
      />
      <RegisterClientForm />
    </div>
  );
}
