// Pure: the Generate dialog's form → generate_client_reports' input (the fields carry the verb's
// names). A blank field is "not given" (an empty date input), the recommendations checkbox is
// "on" when ticked and absent when not; the verb validates the rest and names the fields.

export interface GenerateReportFormInput {
  client_id: string;
  report_type: string;
  include_recommendations: boolean;
  start?: string;
  end?: string;
  period_containing?: string;
}

export function generateReportInputFromForm(form: FormData): GenerateReportFormInput {
  const optional = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const input: GenerateReportFormInput = {
    client_id: optional("client_id") ?? "",
    report_type: optional("report_type") ?? "",
    include_recommendations: ["on", "true"].includes(String(form.get("include_recommendations") ?? "")),
  };
  // Absent rather than undefined-valued: the verb's strict schema sees only what was filled in.
  for (const name of ["start", "end", "period_containing"] as const) {
    const v = optional(name);
    if (v !== undefined) input[name] = v;
  }
  return input;
}
