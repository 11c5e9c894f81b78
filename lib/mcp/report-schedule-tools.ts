// MCP tools of scheduled reports, as one table (see clients-tools.ts): thin edges over the verbs
// in lib/reports/schedules, which validate (cron with croner in the client's zone, recipients),
// check scopes and the client scope, and audit.
import { z } from "zod";
import { DEFAULT_SCHEDULE_CRON, MAX_SCHEDULE_RECIPIENTS } from "@/lib/reports/contracts";
import { createReportSchedule, deleteReportSchedule, listReportSchedules } from "@/lib/reports/schedules/report-schedules";
import {
  createReportScheduleInputSchema,
  listReportSchedulesInputSchema,
  reportScheduleOutputSchema,
  reportScheduleRefInputSchema,
} from "@/lib/reports/schedules/schemas";
import { readable, writable, type ToolDefinition } from "./tool-definition";

const scheduleListOutputSchema = z.object({
  schedules: z.array(reportScheduleOutputSchema),
  email_configured: z.boolean().describe("false: this server has no SMTP_URL, so scheduled reports are stored but their emails cannot be sent"),
});

export const REPORT_SCHEDULE_TOOLS: readonly ToolDefinition[] = [
  {
    name: "schedule_client_report",
    title: "Schedule a client's report",
    description:
      "Use this to have a client's report emailed as a PDF on a schedule, e.g. weekly on Monday 09:00 or monthly on the 1st. " +
      "Each run reports the last complete period of report_type (daily | weekly | monthly | quarterly) in the client's time zone. " +
      `cron is five fields read in the CLIENT's time zone, at most hourly (default ${DEFAULT_SCHEDULE_CRON.weekly} for weekly, ${DEFAULT_SCHEDULE_CRON.monthly} for monthly). ` +
      `recipients: 1–${MAX_SCHEDULE_RECIPIENTS} email addresses (default: the client's contact email). ` +
      "Returns the schedule with its description in words and next_run_at. Fails with field errors naming the field.",
    inputSchema: createReportScheduleInputSchema,
    outputSchema: reportScheduleOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: async (ctx, args) => ({ ...(await createReportSchedule({ ctx, input: args as z.input<typeof createReportScheduleInputSchema> })) }),
  },
  {
    name: "list_report_schedules",
    title: "Scheduled reports",
    description:
      "Use this to see which reports are emailed automatically and when: each schedule with its client, report_type, cron and its " +
      "description in words (client's time zone), recipients, enabled, next_run_at, last_run_at and last_error (why the last run failed).",
    inputSchema: listReportSchedulesInputSchema,
    outputSchema: scheduleListOutputSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    shownTo: readable,
    refusal: 'it needs the "read" scope',
    run: async (ctx, args) => ({ ...(await listReportSchedules({ ctx, input: args as z.input<typeof listReportSchedulesInputSchema> })) }),
  },
  {
    name: "delete_report_schedule",
    title: "Stop a scheduled report",
    description: "Use this to stop emailing a client's scheduled report: deletes the schedule (by id from list_report_schedules) and its recipients. Reports already sent are kept.",
    inputSchema: reportScheduleRefInputSchema,
    outputSchema: reportScheduleOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: async (ctx, args) => ({ ...(await deleteReportSchedule({ ctx, input: args as z.input<typeof reportScheduleRefInputSchema> })) }),
  },
];
