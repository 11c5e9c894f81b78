// OWNER: helper E (schedules and branding). White-label settings (one row, id 1): read (any
// signed-in reader), update (admins only, audited), and the frozen ReportBranding a new report
// is stamped with. The logo is checked by logo.ts (small PNG, or an inert SVG) before it is stored.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { parseInput, ValidationError } from "@/lib/errors";
import { strictObject, text, type VerbInput } from "@/lib/input";
import { LOGO_TYPES, MAX_LOGO_BYTES, type AgencySettingsOutput, type ReportBranding } from "../contracts";
import { checkLogo } from "./logo";
import { DEFAULT_ACCENT_COLOR } from "../format";

export const DEFAULT_BRANDING: ReportBranding = Object.freeze({ agency_name: "ClientPulse", accent_color: DEFAULT_ACCENT_COLOR, logo: null, footer: null });

const SETTINGS_ID = 1;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const agencyNameSchema = text()
  .trim()
  .min(1, "is required")
  .max(120, "must be at most 120 characters")
  .refine((v) => !CONTROL.test(v), "must not contain control characters (line breaks, tabs…)");
const accentSchema = text().trim().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as "#RRGGBB", e.g. "#2563eb"');
const footerSchema = text()
  .trim()
  .max(200, "must be at most 200 characters")
  .refine((v) => !CONTROL.test(v), "must not contain control characters (line breaks, tabs…)");
const logoSchema = strictObject({
  type: z.enum(LOGO_TYPES, { error: `must be one of ${LOGO_TYPES.join(", ")}` }).describe("image/png or image/svg+xml"),
  base64: z.string({ error: "must be the file's bytes as base64" }).max(Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 1024, `must be at most ${MAX_LOGO_BYTES / 1024} KB`).describe("The file's bytes, base64"),
});

export const updateAgencySettingsInputSchema = strictObject(
  {
    agency_name: agencyNameSchema.optional().describe("The agency's name on every report (1–120 characters)"),
    accent_color: accentSchema.optional().describe('Accent colour "#RRGGBB"'),
    report_footer: footerSchema.nullable().optional().describe("A line in each report's footer (≤ 200 characters); null or empty removes it"),
    logo: logoSchema.nullable().optional().describe(`{type, base64}: a PNG (≤ 4000 px each way) or SVG, at most ${MAX_LOGO_BYTES / 1024} KB; null removes the logo`),
  },
  "the settings are agency_name, accent_color, report_footer, logo",
);
export type UpdateAgencySettingsInput = z.input<typeof updateAgencySettingsInputSchema>;

type SettingsRow = { agencyName: string; accentColor: string; logoType: string | null; logo: Uint8Array | null; reportFooter: string | null; updatedAt: Date };

function brandingOf(row: SettingsRow | null): ReportBranding {
  if (!row) return DEFAULT_BRANDING;
  const logo = row.logo && row.logoType && (LOGO_TYPES as readonly string[]).includes(row.logoType)
    ? { type: row.logoType as (typeof LOGO_TYPES)[number], base64: Buffer.from(row.logo).toString("base64") }
    : null;
  return Object.freeze({ agency_name: row.agencyName, accent_color: row.accentColor, logo: logo ? Object.freeze(logo) : null, footer: row.reportFooter });
}

function toOutput(row: SettingsRow | null): AgencySettingsOutput {
  const b = brandingOf(row);
  return {
    agency_name: b.agency_name,
    accent_color: b.accent_color,
    logo: b.logo ? { type: b.logo.type, bytes: Buffer.byteLength(b.logo.base64, "base64"), data_url: `data:${b.logo.type};base64,${b.logo.base64}` } : null,
    report_footer: b.footer,
    updated_at: row?.updatedAt.toISOString() ?? null,
  };
}

const SELECT = { agencyName: true, accentColor: true, logoType: true, logo: true, reportFooter: true, updatedAt: true } as const;

/** The branding a report is frozen with now: the one settings row, or the defaults when none was saved. */
export async function loadBranding(db: Db | Tx): Promise<ReportBranding> {
  return brandingOf(await db.agencySettings.findUnique({ where: { id: SETTINGS_ID }, select: SELECT }));
}

export async function getAgencySettings({ ctx }: { ctx: Context }): Promise<AgencySettingsOutput> {
  requireScope(ctx, "read");
  return toOutput(await ctx.db.agencySettings.findUnique({ where: { id: SETTINGS_ID }, select: SELECT }));
}

/** Changes the fields given (admins). A logo is checked whole (type, size, format) before anything is written. */
export async function updateAgencySettings({ ctx, input }: { ctx: Context; input: VerbInput<typeof updateAgencySettingsInputSchema> }): Promise<AgencySettingsOutput> {
  requireScope(ctx, "admin");
  const data = parseInput(updateAgencySettingsInputSchema, input);
  let logo: { type: string; bytes: Buffer } | null | undefined;
  if (data.logo) {
    const checked = checkLogo(data.logo.type, data.logo.base64);
    if (!checked.ok) throw new ValidationError([{ path: "logo", message: checked.message }]);
    logo = { type: data.logo.type, bytes: checked.bytes };
  } else if (data.logo === null) logo = null;
  const fields = {
    ...(data.agency_name !== undefined ? { agencyName: data.agency_name } : {}),
    ...(data.accent_color !== undefined ? { accentColor: data.accent_color.toLowerCase() } : {}),
    ...(data.report_footer !== undefined ? { reportFooter: data.report_footer ? data.report_footer : null } : {}),
    ...(logo !== undefined ? { logoType: logo?.type ?? null, logo: logo ? new Uint8Array(logo.bytes) : null } : {}),
    updatedBy: ctx.actor.label.slice(0, 200),
  };
  const row = await ctx.db.$transaction(async (tx) => {
    const saved = await tx.agencySettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...fields }, update: fields, select: SELECT });
    await recordAudit(
      ctx,
      {
        action: "agency_settings.update",
        targetType: "agency_settings",
        targetId: String(SETTINGS_ID),
        // The logo's bytes are not the log's business: its type and size say what changed.
        summary: {
          changed: Object.keys(data),
          agency_name: saved.agencyName,
          accent_color: saved.accentColor,
          report_footer: saved.reportFooter,
          logo: logo === undefined ? "unchanged" : logo === null ? "removed" : { type: logo.type, bytes: logo.bytes.length },
        },
      },
      tx,
    );
    return saved;
  });
  return toOutput(row);
}
