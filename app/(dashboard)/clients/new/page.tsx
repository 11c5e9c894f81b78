import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { RegisterClientForm } from "@/components/clients/register-client-form";

export const metadata: Metadata = { title: "Register a client" };

export default function NewClientPage() {
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
