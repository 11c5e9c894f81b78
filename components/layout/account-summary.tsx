import { signOutAction } from "@/app/actions/auth";
import type { RoleName } from "@/lib/auth/roles";
import { ROLE_LABEL } from "@/lib/ui/permissions";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LogOutIcon } from "@/components/ui/icons";

export interface ShellUser {
  name: string;
  email: string;
  role: RoleName;
}

const ROLE_TONE: Record<RoleName, BadgeTone> = { admin: "indigo", editor: "slate", viewer: "neutral" };

export function RoleBadge({ role }: { role: RoleName }) {
  return <Badge tone={ROLE_TONE[role]}>{ROLE_LABEL[role]}</Badge>;
}

function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? `${words[0][0]}${words[words.length - 1][0]}` : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

/** Who is signed in, with their role and a sign-out button (a plain form: works before hydration too). */
export function AccountSummary({ user }: { user: ShellUser }) {
  return (
    <div className="flex min-w-0 items-center gap-2.5" data-testid="account-summary">
      <span
        aria-hidden
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-900/[0.07] text-[11px] font-semibold text-muted dark:bg-white/[0.09]"
      >
        {initials(user.name, user.email)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex min-w-0 items-center gap-1.5">
          <span className="truncate text-[13px] font-medium text-fg">{user.name}</span>
          <RoleBadge role={user.role} />
        </p>
        <p className="truncate text-xs text-subtle" title={user.email}>
          {user.email}
        </p>
      </div>
    </div>
  );
}

export function SignOutButton({ className }: { className?: string }) {
  return (
    <form action={signOutAction} className={className}>
      <button
        type="submit"
        className="inline-flex h-9 w-full items-center gap-2 rounded-lg px-2.5 text-[13px] font-medium text-muted transition-colors hover:bg-zinc-900/[0.04] hover:text-fg dark:hover:bg-white/[0.04]"
      >
        <LogOutIcon className="size-4 text-subtle" />
        Sign out
      </button>
    </form>
  );
}
