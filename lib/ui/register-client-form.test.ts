import { describe, expect, it } from "vitest";
import { registerClientInputSchema } from "@/lib/clients/schemas";
import {
  describeFieldError,
  fieldErrorsFromIssues,
  labelForField,
  compareFieldKeys,
  numberOrRaw,
  parseTags,
  registerFormErrors,
  registerInputFromForm,
  summaryLine,
} from "./register-client-form";
import { parseInput, ValidationError, type FieldIssue } from "@/lib/errors";

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

describe("registerInputFromForm", () => {
  it("builds the verb's input: numbers as numbers, empty optional fields omitted", () => {
    const input = registerInputFromForm(
      form({
        client_id: " acme-001 ",
        client_name: "ACME",
        industry: "",
        contact_email: "",
        tags: "enterprise, eu,, ",
        sla_target: "99.9",
        "systems.0.name": "Orders",
        "systems.0.health_url": "https://acme.example.com/health",
        "systems.0.metrics_url": "",
        "systems.0.check_interval_seconds": "60",
        "systems.0.timeout_ms": "10000",
        "systems.0.degraded_threshold_ms": "",
        "systems.1.name": "Invoices",
        "systems.1.health_url": "https://inv.example.com/health",
        "systems.1.metrics_url": "https://inv.example.com/metrics",
      }),
    );
    expect(input).toEqual({
      client_id: "acme-001",
      client_name: "ACME",
      tags: ["enterprise", "eu"],
      sla_target: 99.9,
      systems: [
        { name: "Orders", health_url: "https://acme.example.com/health", check_interval_seconds: 60, timeout_ms: 10000 },
        { name: "Invoices", health_url: "https://inv.example.com/health", metrics_url: "https://inv.example.com/metrics" },
      ],
    });
    expect(registerClientInputSchema.safeParse(input).success).toBe(true);
  });

  it("keeps system rows in index order", () => {
    const fd = form({ "systems.1.name": "B", "systems.0.name": "A", "systems.1.health_url": "", "systems.0.health_url": "" });
    expect((registerInputFromForm(fd).systems as { name: string }[]).map((s) => s.name)).toEqual(["A", "B"]);
  });

  it("passes non-numeric text through so the verb can name the field", () => {
    expect(numberOrRaw("12")).toBe(12);
    expect(numberOrRaw("99.5")).toBe(99.5);
    expect(numberOrRaw("")).toBeUndefined();
    expect(numberOrRaw("ten")).toBe("ten");
    const result = registerClientInputSchema.safeParse(
      registerInputFromForm(form({ client_id: "abc", client_name: "A", sla_target: "lots", "systems.0.name": "S", "systems.0.health_url": "https://x.io" })),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain("sla_target");
  });

  it("sends an empty systems list when the form has none, so the verb asks for one", () => {
    expect(registerInputFromForm(form({ client_id: "abc" })).systems).toEqual([]);
  });

  it("parses tags", () => {
    expect(parseTags("")).toBeUndefined();
    expect(parseTags(" a ,b")).toEqual(["a", "b"]);
  });
});

/** The verb's own validation, as the server action meets it. */
function verbIssues(input: unknown): FieldIssue[] {
  try {
    parseInput(registerClientInputSchema, input);
  } catch (error) {
    if (error instanceof ValidationError) return [...(error.issues ?? [])];
    throw error;
  }
  return [];
}

describe("one round names every missing required field", () => {
  const empty = { client_id: "", client_name: "", industry: "", contact_email: "", tags: "", sla_target: "99.5", "systems.0.name": "", "systems.0.health_url": "", "systems.0.check_interval_seconds": "60" };

  it("reports client name, client ID and the system's name and URL together, the name first", () => {
    const input = registerInputFromForm(form(empty));
    const issues = verbIssues(input);
    // Why the completion exists: the verb alone drops "client name is required" once the ID failed.
    expect(Object.keys(fieldErrorsFromIssues(issues))).not.toContain("client_name");
    const errors = registerFormErrors(issues, input);
    expect(Object.keys(errors).sort(compareFieldKeys)).toEqual(["client_name", "client_id", "systems.0.name", "systems.0.health_url"]);
    expect(errors.client_name).toBe("is required");
    expect(errors.client_id).toBe("is required");
  });

  it("adds nothing when the name is given, or when the failure is not about fields", () => {
    const input = registerInputFromForm(form({ ...empty, client_name: "Acme" }));
    expect(Object.keys(registerFormErrors(verbIssues(input), input))).not.toContain("client_name");
    expect(registerFormErrors([], registerInputFromForm(form(empty)))).toEqual({});
  });

  it("keeps the verb's own message for a client ID that is present but invalid", () => {
    const input = registerInputFromForm(form({ ...empty, client_id: "ab" }));
    expect(registerFormErrors(verbIssues(input), input).client_id).toBe("must be at least 3 characters");
  });
});

describe("field errors", () => {
  it("maps issue paths to form fields, first message wins", () => {
    expect(
      fieldErrorsFromIssues([
        { path: "name", message: "is required" },
        { path: "tags.2", message: "must not be empty" },
        { path: "tags.3", message: "must be at most 40 characters" },
        { path: "systems.1.health_url", message: "must be an http:// or https:// URL" },
        { path: "", message: "bad" },
      ]),
    ).toEqual({
      client_name: "is required",
      tags: "must not be empty",
      "systems.1.health_url": "must be an http:// or https:// URL",
      form: "bad",
    });
  });

  it("labels fields for the summary", () => {
    expect(labelForField("client_id")).toBe("Client ID");
    expect(labelForField("systems.1.health_url")).toBe("System 2 health URL");
    expect(labelForField("systems.0.timeout_ms")).toBe("System 1 timeout");
    expect(labelForField("whatever")).toBe("whatever");
  });

  it("leads each summary line with the field's label", () => {
    expect(summaryLine("client_name", "is required")).toBe("Client name is required");
    expect(summaryLine("client_id", "use lowercase letters")).toBe("Client ID: use lowercase letters");
    expect(summaryLine("systems.0.name", 'duplicate system name "A"')).toBe('System 1 name: duplicate system name "A"');
  });

  it("orders errors the way the form shows its fields", () => {
    const keys = ["systems.1.name", "client_id", "form", "systems.0.timeout_ms", "systems.0.health_url", "client_name", "systems"];
    expect(keys.sort(compareFieldKeys)).toEqual(["client_name", "client_id", "systems", "systems.0.health_url", "systems.0.timeout_ms", "systems.1.name", "form"]);
  });

  it("reads fragments after the label and sentences on their own", () => {
    expect(describeFieldError("Client name", "is required")).toBe("Client name is required");
    expect(describeFieldError("Health URL", "must be a valid URL")).toBe("Health URL must be a valid URL");
    expect(describeFieldError("Client ID", "use lowercase letters")).toBe("Use lowercase letters");
    expect(describeFieldError("Client ID", '"acme" is already registered')).toBe('"acme" is already registered');
  });
});
