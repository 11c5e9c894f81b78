"use client";

// Settings → Branding: the white-label settings every new report is stamped with (agency name,
// accent colour, footer line, logo). Admins change them; everyone else reads them. A preview of
// the report cover follows the form as it is edited. Reports already generated keep the
// branding they were frozen with.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/app/actions/action-result";
import { updateAgencySettingsAction } from "@/app/actions/agency-settings";
import { LOGO_TYPES, MAX_LOGO_BYTES, type AgencySettingsOutput } from "@/lib/reports/contracts";
import { queryKeys } from "@/lib/query-keys";
import { formatTimestampUtc } from "@/lib/ui/relative-time";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/card";
import { TextField, fieldId } from "@/components/ui/field";
import { FormAlert, FormErrorSummary } from "@/components/ui/form-alert";
import { AlertCircleIcon, ImageIcon, Spinner, TrashIcon } from "@/components/ui/icons";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";
import { useAgencySettings } from "@/components/reports/use-reports";

const HEX = /^#[0-9a-fA-F]{6}$/;
const LABEL: Record<string, string> = { agency_name: "Agency name", accent_color: "Accent colour", report_footer: "Footer line", logo: "Logo" };
const KB = 1024;

export function BrandingSettings({ canAdmin }: { canAdmin: boolean }) {
  const settings = useAgencySettings();
  if (settings.isPending)
    return (
      <p className="flex items-center gap-2 text-[13px] text-muted">
        <Spinner className="size-4" label="Loading the branding" />
      </p>
    );
  if (settings.isError)
    return (
      <FormAlert tone="error" title="Couldn’t load the branding">
        {settings.error.message}
      </FormAlert>
    );
  // Mounted once with what the server holds; after a save the form already shows what was saved.
  return <BrandingForm settings={settings.data} canAdmin={canAdmin} />;
}

function BrandingForm({ settings, canAdmin }: { settings: AgencySettingsOutput; canAdmin: boolean }) {
  const [name, setName] = useState(settings.agency_name);
  const [accent, setAccent] = useState(settings.accent_color);
  const [footer, setFooter] = useState(settings.report_footer ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [removeLogo, setRemoveLogo] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult<AgencySettingsOutput> | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const errors = useFieldErrors(result, fileError ? { logo: fileError } : {});
  useFocusOnFailure(result, formRef);
  const err = (k: string) => errors.error(k, LABEL[k] ?? k);
  const colorId = useId();
  const logoHintId = useId();

  // The picked file's preview lives as long as the file is picked.
  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the object URL exists only after the effect creates it
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const logoSrc = file ? preview : removeLogo ? null : (settings.logo?.data_url ?? null);
  const accentShown = HEX.test(accent) ? accent : settings.accent_color;

  function pick(next: File | null) {
    errors.markEdited("logo");
    setSaved(false);
    setFileError(null);
    if (!next) {
      setFile(null);
      return;
    }
    // The server checks again (bytes, not names); this only spares a round trip.
    const problem = !(LOGO_TYPES as readonly string[]).includes(next.type)
      ? "Choose a PNG or SVG file"
      : next.size > MAX_LOGO_BYTES
        ? `The logo must be at most ${MAX_LOGO_BYTES / KB} kB (this one is ${Math.ceil(next.size / KB)} kB)`
        : null;
    setFileError(problem);
    setFile(problem ? null : next);
    setRemoveLogo(false);
  }

  /** Drops the picked file (back to the current logo), or, with none picked, removes the current logo. */
  function clearLogo() {
    const picked = Boolean(file || fileError);
    errors.markEdited("logo");
    setFileError(null);
    setFile(null);
    setPreview(null);
    if (fileRef.current) fileRef.current.value = "";
    if (!picked) setRemoveLogo(Boolean(settings.logo));
    setSaved(false);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || fileError) return;
    const form = new FormData(event.currentTarget);
    if (!file) form.delete("logo"); // an empty file input keeps the current logo
    startTransition(async () => {
      const outcome = await updateAgencySettingsAction(form);
      setResult(outcome);
      if (!outcome.ok) return;
      await queryClient.invalidateQueries({ queryKey: queryKeys.agencySettings() });
      // The saved logo now comes from the server: forget the picked file (or the removal).
      setFile(null);
      setPreview(null);
      setRemoveLogo(false);
      if (fileRef.current) fileRef.current.value = "";
      setSaved(true);
    });
  }

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
      <Panel id="branding" title="Agency branding" description={canAdmin ? "Stamped on every new report: the PDF cover, the printable view and the emails." : "Only admins can change the branding."}>
        <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="branding-form" aria-label="Agency branding">
          <fieldset disabled={!canAdmin || pending} className="flex min-w-0 flex-col gap-5">
            {saved ? (
              <FormAlert tone="success" title="Branding saved" testId="branding-saved">
                New reports use it. Reports already generated keep the branding they were made with.
              </FormAlert>
            ) : null}
            <FormErrorSummary title="Couldn’t save the branding" summary={errors.summary()} other={errors.other(Object.keys(LABEL))} />
            <TextField
              name="agency_name"
              label="Agency name"
              value={name}
              maxLength={120}
              required
              onChange={(e) => {
                errors.markEdited("agency_name");
                setSaved(false);
                setName(e.target.value);
              }}
              error={err("agency_name")}
              hint="On the cover and in every page's footer."
            />
            <div className="flex min-w-0 flex-col">
              <label htmlFor={fieldId("accent_color")} className="mb-1.5 text-[13px] font-medium text-fg">
                Accent colour
              </label>
              <div className="flex items-center gap-2">
                <input
                  id={colorId}
                  type="color"
                  aria-label="Pick the accent colour"
                  value={accentShown.toLowerCase()}
                  onChange={(e) => {
                    errors.markEdited("accent_color");
                    setSaved(false);
                    setAccent(e.target.value);
                  }}
                  className="h-9 w-12 shrink-0 cursor-pointer rounded-lg border border-line-strong bg-surface p-1 disabled:cursor-not-allowed"
                />
                <input
                  id={fieldId("accent_color")}
                  name="accent_color"
                  value={accent}
                  maxLength={7}
                  spellCheck={false}
                  autoCapitalize="none"
                  onChange={(e) => {
                    errors.markEdited("accent_color");
                    setSaved(false);
                    setAccent(e.target.value.trim());
                  }}
                  aria-invalid={err("accent_color") ? true : undefined}
                  aria-describedby={`${fieldId("accent_color")}-hint${err("accent_color") ? ` ${fieldId("accent_color")}-error` : ""}`}
                  className="block h-9 w-32 min-w-0 rounded-lg border border-line-strong bg-surface px-3 font-mono text-sm text-fg shadow-xs aria-[invalid=true]:border-rose-500 disabled:opacity-60 dark:bg-white/[0.03]"
                />
              </div>
              {err("accent_color") ? (
                <p id={`${fieldId("accent_color")}-error`} className="mt-1.5 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300" data-field-error="accent_color">
                  <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
                  <span>{err("accent_color")}</span>
                </p>
              ) : null}
              <p id={`${fieldId("accent_color")}-hint`} className="mt-1.5 text-xs text-subtle">
                A hex colour like #2563eb: headings, rules and chart lines. Dark enough to read on white.
              </p>
            </div>
            <TextField
              name="report_footer"
              label="Footer line"
              optional
              value={footer}
              maxLength={200}
              placeholder="Acme Automation · hello@acme.agency · +44 20 7946 0000"
              onChange={(e) => {
                errors.markEdited("report_footer");
                setSaved(false);
                setFooter(e.target.value);
              }}
              error={err("report_footer")}
            />

            <div className="flex min-w-0 flex-col">
              <label htmlFor={fieldId("logo")} className="mb-1.5 text-[13px] font-medium text-fg">
                Logo
              </label>
              <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
                <div className="flex h-16 w-40 shrink-0 items-center justify-center overflow-hidden rounded-lg border border-dashed border-line-strong bg-white p-2" data-testid="logo-preview">
                  {logoSrc ? (
                    // eslint-disable-next-line @next/next/no-img-element -- a data: or blob: URL, nothing for next/image to optimise
                    <img src={logoSrc} alt="Logo preview" className="max-h-full max-w-full object-contain" />
                  ) : (
                    <span className="flex items-center gap-1.5 text-xs text-zinc-500">
                      <ImageIcon className="size-4" />
                      No logo
                    </span>
                  )}
                </div>
                <div className="flex min-w-0 flex-col gap-2">
                  <input
                    ref={fileRef}
                    id={fieldId("logo")}
                    name="logo"
                    type="file"
                    accept="image/png,image/svg+xml"
                    onChange={(e) => pick(e.target.files?.[0] ?? null)}
                    aria-invalid={err("logo") ? true : undefined}
                    aria-describedby={`${logoHintId}${err("logo") ? ` ${fieldId("logo")}-error` : ""}`}
                    className="block w-full min-w-0 text-[13px] text-muted file:mr-3 file:h-8 file:cursor-pointer file:rounded-lg file:border file:border-line-strong file:bg-surface file:px-3 file:text-[13px] file:font-medium file:text-fg hover:file:bg-surface-hover disabled:opacity-60 dark:file:bg-white/[0.03]"
                  />
                  {logoSrc || fileError ? (
                    <Button variant="ghost" size="sm" className="w-fit gap-1.5 px-2" onClick={clearLogo} data-testid="remove-logo">
                      <TrashIcon className="size-3.5" />
                      {file || fileError ? "Don’t use this file" : "Remove logo"}
                    </Button>
                  ) : null}
                </div>
              </div>
              {removeLogo ? <input type="hidden" name="remove_logo" value="on" /> : null}
              {err("logo") ? (
                <p id={`${fieldId("logo")}-error`} className="mt-1.5 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300" data-field-error="logo">
                  <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
                  <span>{err("logo")}</span>
                </p>
              ) : null}
              <p id={logoHintId} className="mt-1.5 text-xs text-subtle">
                PNG or SVG, at most {MAX_LOGO_BYTES / KB} kB. {removeLogo ? "The current logo is removed when you save." : settings.logo ? `Current: ${settings.logo.type}, ${Math.ceil(settings.logo.bytes / KB)} kB.` : ""}
              </p>
            </div>
          </fieldset>
          {canAdmin ? (
            <div className="flex flex-wrap items-center justify-end gap-3 border-t border-line pt-4">
              {settings.updated_at ? <span className="mr-auto text-xs text-subtle">Last saved {formatTimestampUtc(settings.updated_at)}</span> : null}
              <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
                {pending ? <Spinner className="size-4" /> : null}
                {pending ? "Saving…" : "Save branding"}
              </Button>
            </div>
          ) : null}
        </form>
      </Panel>

      <section aria-labelledby="cover-preview-title" className="flex min-w-0 flex-col gap-2 lg:max-w-[20rem]">
        <h2 id="cover-preview-title" className="text-sm font-semibold text-fg">
          Cover preview
        </h2>
        {/* Paper stays white in dark mode too: it is what the client receives. */}
        <div className="aspect-[1/1.414] w-full max-w-[18rem] overflow-hidden lg:max-w-none rounded-lg border border-line bg-white text-zinc-900 shadow-sm" data-testid="cover-preview">
          <div className="h-2" style={{ backgroundColor: accentShown }} />
          <div className="flex h-[calc(100%-0.5rem)] flex-col p-5">
            <div className="flex h-10 items-center">
              {logoSrc ? (
                // eslint-disable-next-line @next/next/no-img-element -- see above
                <img src={logoSrc} alt="" className="max-h-full max-w-[60%] object-contain" />
              ) : (
                <span className="text-sm font-semibold" style={{ color: accentShown }}>
                  {name || "Agency name"}
                </span>
              )}
            </div>
            <div className="mt-auto">
              <p className="text-[10px] font-medium uppercase tracking-wider text-zinc-500">Monthly report</p>
              <p className="mt-1 text-lg font-semibold leading-tight">Your client</p>
              <p className="text-sm text-zinc-600">October 2026</p>
              <div className="mt-3 h-0.5 w-12" style={{ backgroundColor: accentShown }} />
            </div>
            <p className="mt-auto border-t border-zinc-200 pt-2 text-[9px] leading-tight text-zinc-500 [overflow-wrap:anywhere]">
              {name || "Agency name"}
              {footer ? ` · ${footer}` : ""}
            </p>
          </div>
        </div>
        <p className="text-xs text-subtle">A sketch of the PDF cover; download a report for the real thing.</p>
      </section>
    </div>
  );
}
