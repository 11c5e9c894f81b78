import Link from "next/link";
import { PulseIcon } from "@/components/ui/icons";

/** The logo and name; a link home inside the app, plain text where "home" would bounce (sign-in, setup). */
export function Wordmark({ linked = true }: { linked?: boolean }) {
  const content = (
    <>
      <span className="flex size-7 items-center justify-center rounded-lg bg-gradient-to-br from-emerald-400 to-teal-600 text-white shadow-sm ring-1 ring-inset ring-black/5">
        <PulseIcon className="size-4" strokeWidth={2.25} />
      </span>
      <span className="text-[15px] font-semibold tracking-tight text-fg">ClientPulse</span>
    </>
  );
  if (!linked) return <span className="inline-flex items-center gap-2.5">{content}</span>;
  return (
    <Link href="/" className="group inline-flex items-center gap-2.5 rounded-lg" aria-label="ClientPulse, go to dashboard">
      {content}
    </Link>
  );
}
