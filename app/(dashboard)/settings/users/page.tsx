import type { Metadata } from "next";
import { connection } from "next/server";
import { requireViewer } from "@/lib/http/page-context";
import { listUsers } from "@/lib/users/manage-users";
import { permissionsFor } from "@/lib/ui/permissions";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Panel } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AccessNeeded } from "@/components/layout/access-needed";
import { AddUserForm } from "@/components/settings/add-user-form";
import { UsersTable } from "@/components/settings/users-table";

export const metadata: Metadata = { title: "Users" };

const crumbs = <Breadcrumbs items={[{ label: "Settings", href: "/settings" }, { label: "Users" }]} />;

export default async function UsersPage() {
  await connection();
  const { ctx, user } = await requireViewer();
  if (!permissionsFor(user.role).admin) {
    return (
      <div className="flex max-w-5xl flex-col gap-6">
        {crumbs}
        <AccessNeeded title="You need admin access" backHref="/settings" backLabel="Back to settings">
          Only admins can see and manage the users of this workspace. Ask an admin if you need someone added or your role changed.
        </AccessNeeded>
      </div>
    );
  }
  const users = await listUsers({ ctx });
  const active = users.filter((u) => u.active).length;
  const admins = users.filter((u) => u.active && u.role === "admin").length;

  return (
    <div className="flex max-w-5xl flex-col gap-6 lg:gap-8">
      <PageHeader
        eyebrow={crumbs}
        title="Users"
        description={`${active} active ${active === 1 ? "user" : "users"} · ${admins} ${admins === 1 ? "admin" : "admins"}. Changing someone's role or password signs them out everywhere.`}
      />
      <Panel id="users" title="Team" description="Admins manage everything; editors manage clients; viewers can only look." flush>
        <UsersTable users={users} currentUserId={user.id} now={ctx.clock.now().getTime()} />
      </Panel>
      <Panel id="add-user" title="Add a user" description="They sign in with this email and the initial password you set.">
        <AddUserForm />
      </Panel>
    </div>
  );
}
