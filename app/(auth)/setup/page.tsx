import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { anonymousPageContext } from "@/lib/http/page-context";
import { needsSetup } from "@/lib/users/setup-first-admin";
import { Card } from "@/components/ui/card";
import { SetupForm } from "@/components/auth/setup-form";

export const metadata: Metadata = { title: "Set up ClientPulse" };

/** First run only: while no account exists. Afterwards this address just leads to sign-in. */
export default async function SetupPage() {
  await connection();
  if (!(await needsSetup(await anonymousPageContext()))) redirect("/sign-in");
  return (
    <Card className="w-full p-6 sm:p-8">
      <p className="text-xs font-medium uppercase tracking-wide text-subtle">First run</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight text-fg">Set up ClientPulse</h1>
      <p className="mt-1 text-sm text-muted">Create the first admin account. You can add your teammates as admins, editors or viewers afterwards.</p>
      <SetupForm />
    </Card>
  );
}
