import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { anonymousPageContext, getViewer } from "@/lib/http/page-context";
import { needsSetup } from "@/lib/users/setup-first-admin";
import { safeNextPath, signInNotice } from "@/lib/ui/auth-paths";
import { Card } from "@/components/ui/card";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  const ctx = await anonymousPageContext();
  if (await needsSetup(ctx)) redirect("/setup");
  // Already signed in (a valid session, not merely a cookie): straight on.
  if (await getViewer()) redirect(next);

  return (
    <Card className="w-full p-6 sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-fg">Sign in</h1>
      <p className="mt-1 text-sm text-muted">Welcome back. Sign in to see how your clients are doing.</p>
      <SignInForm next={next} notice={signInNotice(params.notice)} />
    </Card>
  );
}
