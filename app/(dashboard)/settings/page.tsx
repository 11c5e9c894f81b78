import type { Metadata } from "next";
import { Card, Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon, MailIcon, DatabaseIcon, SettingsIcon, UsersIcon, type IconProps } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { ThemePicker } from "@/components/layout/theme-picker";
import type { ComponentType } from "react";

export const metadata: Metadata = { title: "Settings" };

const UPCOMING: { icon: ComponentType<IconProps>; title: string; text: string }[] = [
  { icon: UsersIcon, title: "Users & roles", text: "Invite teammates as admin, editor or viewer." },
  { icon: KeyIcon, title: "API keys", text: "Keys for the REST API and AI assistants over MCP." },
  { icon: MailIcon, title: "Notification channels", text: "SMTP, Slack and webhook destinations for alerts." },
  { icon: DatabaseIcon, title: "Data retention", text: "How long raw checks are kept before roll-up." },
];

export default function SettingsPage() {
  return (
    <div className="flex max-w-4xl flex-col gap-6 lg:gap-8">
      <PageHeader title="Settings" description="Preferences for this browser and, soon, your whole workspace." />
      <Panel id="appearance" title="Appearance" description="Saved in this browser. System follows your operating system's setting.">
        <ThemePicker />
      </Panel>
      <Card>
        <EmptyState icon={SettingsIcon} title="Workspace settings are on their way" compact>
          These will be configured here once accounts arrive:
        </EmptyState>
        <ul className="grid grid-cols-1 gap-px overflow-hidden rounded-b-xl border-t border-line bg-line sm:grid-cols-2">
          {UPCOMING.map(({ icon: Icon, title, text }) => (
            <li key={title} className="flex gap-3 bg-surface px-5 py-4">
              <Icon className="mt-0.5 size-4 shrink-0 text-subtle" />
              <div>
                <h2 className="text-[13px] font-semibold text-fg">{title}</h2>
                <p className="mt-0.5 text-[13px] text-muted">{text}</p>
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
