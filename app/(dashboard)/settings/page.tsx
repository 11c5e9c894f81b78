import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ComponentType } from "react";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { requireViewer } from "@/lib/http/page-context";
import { listClients } from "@/lib/metrics/clients-overview";
import { permissionsFor, ROLE_DESCRIPTION } from "@/lib/ui/permissions";
import { Card, Panel } from "@/components/ui/card";
import { ChevronRightIcon, DatabaseIcon, ImageIcon, ListIcon, MailIcon, UsersIcon, type IconProps } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { RoleBadge } from "@/components/layout/account-summary";
import { ThemePicker } from "@/components/layout/theme-picker";
import { ApiKeysTable } from "@/components/settings/api-keys-table";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { CreateApiKeyForm } from "@/components/settings/create-api-key-form";

export const metadata: Metadata = { title: "Settings" };

const ADMIN_LINKS: { href: string; icon: ComponentType<IconProps>; title: string; text: string }[] = [
  { href: "/settings/users", icon: UsersIcon, title: "Users", text: "Add teammates, change roles, reset passwords, deactivate accounts." },
  { href: "/settings/audit", icon: ListIcon, title: "Audit log", text: "Who did what and when: sign-ins, changes, refused attempts." },
  { href: "/settings/channels", icon: MailIcon, title: "Alert channels", text: "Email, Slack and webhook destinations for alerts, per agency or per client." },
  { href: "/settings/branding", icon: ImageIcon, title: "Branding", text: "Agency name, accent colour, footer and logo on client reports (white-label)." },
];

const UPCOMING: { icon: ComponentType<IconProps>; title: string; text: string }[] = [
  { icon: DatabaseIcon, title: "Data retention", text: "How long raw checks are kept before roll-up." },
];

export default async function SettingsPage() {
  await connection();
  const { ctx, user } = await requireViewer();
  const can = permissionsFor(user.role);
  const [keys, clients] = can.admin
    ? await Promise.all([listApiKeys({ ctx }), listClients({ ctx, input: { include_inactive: true, limit: 1000 } })])
    : [[], null];
  const now = ctx.clock.now().getTime();

  return (
    <div className="flex max-w-5xl flex-col gap-6 lg:gap-8">
      <PageHeader
        title="Settings"
        description={can.admin ? "Your account, this browser, and the workspace: users, API keys and the audit log." : "Your account and this browser."}
      />

      <Panel id="account" title="Your account" description="Signed in with this email. Only an admin can change your role.">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-4 text-[13px] sm:grid-cols-3">
          <div className="min-w-0">
            <dt className="text-xs text-subtle">Name</dt>
            <dd className="mt-1 truncate font-medium text-fg">{user.name}</dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs text-subtle">Email</dt>
            <dd className="mt-1 truncate text-fg" title={user.email}>
              {user.email}
            </dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs text-subtle">Role</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2">
              <RoleBadge role={user.role} />
              <span className="text-xs text-muted">{ROLE_DESCRIPTION[user.role]}</span>
            </dd>
          </div>
        </dl>
        <div className="mt-5 grid grid-cols-1 gap-4 border-t border-line pt-5 md:grid-cols-[minmax(0,15rem)_minmax(0,1fr)] md:gap-8">
          <div>
            <h3 className="text-[13px] font-semibold text-fg">Change password</h3>
            <p className="mt-0.5 text-[13px] text-muted">Enter your current password to confirm it&rsquo;s you, then pick a new one.</p>
          </div>
          <ChangePasswordForm email={user.email} />
        </div>
      </Panel>

      <Panel id="appearance" title="Appearance" description="Saved in this browser. System follows your operating system's setting.">
        <ThemePicker />
      </Panel>

      {can.admin ? (
        <>
          <section aria-labelledby="workspace-title" className="flex flex-col gap-3">
            <h2 id="workspace-title" className="text-sm font-semibold text-fg">
              Workspace
            </h2>
            <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              {ADMIN_LINKS.map(({ href, icon: Icon, title, text }) => (
                <li key={href}>
                  <Link
                    href={href}
                    className="group flex h-full items-start gap-3.5 rounded-xl border border-line bg-surface px-4 py-4 shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] transition-colors hover:border-line-strong hover:bg-surface-hover/60 dark:shadow-none dark:hover:bg-white/[0.025]"
                  >
                    <span className="flex size-9 shrink-0 items-center justify-center rounded-lg border border-line bg-surface-muted text-muted">
                      <Icon className="size-[18px]" />
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="block text-[13px] font-semibold text-fg">{title}</span>
                      <span className="mt-0.5 block text-[13px] leading-5 text-muted">{text}</span>
                    </span>
                    <ChevronRightIcon className="mt-2.5 size-4 shrink-0 text-subtle transition-transform group-hover:translate-x-0.5 group-hover:text-fg" />
                  </Link>
                </li>
              ))}
            </ul>
          </section>

          <Panel
            id="api-keys"
            title="API keys"
            description="For the REST API and AI assistants over MCP. A key is shown once, when it is created; ClientPulse stores only a hash."
            flush
          >
            <div className="p-5">
              <CreateApiKeyForm
                clients={(clients?.clients ?? []).map((c) => ({ client_id: c.client_id, client_name: c.client_name, active: c.active }))}
              />
            </div>
            <div className="border-t border-line">
              <ApiKeysTable keys={keys} now={now} />
            </div>
          </Panel>

          <Card>
            <div className="border-b border-line px-5 py-4">
              <h2 className="text-sm font-semibold text-fg">Coming to settings</h2>
              <p className="mt-0.5 text-[13px] text-muted">Configured here once retention arrives.</p>
            </div>
            <ul className="grid grid-cols-1 gap-px overflow-hidden rounded-b-xl bg-line sm:grid-cols-2">
              {UPCOMING.map(({ icon: Icon, title, text }) => (
                <li key={title} className="flex gap-3 bg-surface px-5 py-4">
                  <Icon className="mt-0.5 size-4 shrink-0 text-subtle" />
                  <div>
                    <h3 className="text-[13px] font-semibold text-fg">{title}</h3>
                    <p className="mt-0.5 text-[13px] text-muted">{text}</p>
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        </>
      ) : (
        <p className="flex items-start gap-2 rounded-lg border border-dashed border-line-strong px-3.5 py-2.5 text-[13px] text-muted">
          <UsersIcon className="mt-0.5 size-4 shrink-0 text-subtle" />
          <span>
            Users, API keys, the audit log,{" "}
            <Link href="/settings/channels" className="text-fg underline decoration-line-strong underline-offset-4 hover:decoration-current">
              alert channels
            </Link>{" "}
            and{" "}
            <Link href="/settings/branding" className="text-fg underline decoration-line-strong underline-offset-4 hover:decoration-current">
              report branding
            </Link>{" "}
            are managed by the admins of this workspace.
          </span>
        </p>
      )}
    </div>
  );
}
