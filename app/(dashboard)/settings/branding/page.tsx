import type { Metadata } from "next";
import { connection } from "next/server";
import { requireViewer } from "@/lib/http/page-context";
import { permissionsFor } from "@/lib/ui/permissions";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { BrandingSettings } from "@/components/settings/branding-form";

export const metadata: Metadata = { title: "Branding" };

/** Settings → Branding (white-label): everyone signed in may look; admins change it. */
export default async function BrandingSettingsPage() {
  await connection();
  const { user } = await requireViewer();
  const { admin } = permissionsFor(user.role);
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <Breadcrumbs items={[{ label: "Settings", href: "/settings" }, { label: "Branding" }]} />
        <PageHeader
          title="Branding"
          description={
            admin
              ? "Your agency's name, colour, footer and logo on the reports you send clients. Set once; each report keeps the branding it was generated with."
              : "Your agency's name, colour, footer and logo on client reports. Only admins can change them."
          }
        />
      </div>
      <BrandingSettings canAdmin={admin} />
    </div>
  );
}
