// ESLint rule: no cycle between lib/ domains. A domain is a folder lib/<name>/ (a file directly
// in lib/, such as lib/context.ts, is a domain of its own). import-x/no-cycle only sees cycles
// between files; this sees the one that matters for the layering: lib/clients/a.ts importing
// lib/monitoring/b.ts while lib/monitoring/c.ts imports lib/clients/d.ts. Type-only imports
// count too (they couple the domains just the same). Test files are leaves and are left out.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/** "@/*" → "./*" style aliases from tsconfig.json (the only kind this project uses). */
function readAliases(root) {
  try {
    const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
    const paths = config?.compilerOptions?.paths ?? {};
    return Object.entries(paths)
      .filter(([key, targets]) => key.endsWith("/*") && targets[0]?.endsWith("/*"))
      .map(([key, targets]) => ({ prefix: key.slice(0, -1), target: path.resolve(root, targets[0].slice(0, -1)) }));
  } catch {
    return [];
  }
}

function createGraph(root) {
  const lib = path.join(root, "lib");
  const aliases = readAliases(root);

  /** The domain of an absolute path, or null outside lib/ (and for lib/generated). */
  const domainOf = (file) => {
    const rel = path.relative(lib, file);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
    const [first, ...rest] = rel.split(path.sep);
    if (first === "generated") return null;
    return rest.length > 0 ? first : first.replace(SOURCE_FILE, "");
  };

  /** The absolute path an import specifier points at (without probing the disk), or null for packages. */
  const resolveSpecifier = (fromFile, specifier) => {
    if (specifier.startsWith(".")) return path.resolve(path.dirname(fromFile), specifier);
    const alias = aliases.find((a) => specifier.startsWith(a.prefix));
    return alias ? path.join(alias.target, specifier.slice(alias.prefix.length)) : null;
  };

  /** domain → Map(domain it imports → first "file imports target" seen, for the message). */
  const edges = new Map();
  let files = [];
  try {
    files = readdirSync(lib, { recursive: true })
      .map((f) => path.join(lib, f))
      .filter((f) => SOURCE_FILE.test(f) && !TEST_FILE.test(f) && domainOf(f) !== null && statSync(f).isFile());
  } catch {
    /* no lib/ */
  }
  for (const file of files) {
    const from = domainOf(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const target = resolveSpecifier(file, fileName);
      const to = target && domainOf(target);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${path.relative(root, file)} imports ${fileName}`);
    }
  }

  /** A path of domains from `start` to `goal` (both included), or null. */
  const findPath = (start, goal) => {
    const previous = new Map([[start, null]]);
    const queue = [start];
    while (queue.length > 0) {
      const at = queue.shift();
      if (at === goal) {
        const route = [];
        for (let d = goal; d !== null; d = previous.get(d)) route.unshift(d);
        return route;
      }
      for (const next of edges.get(at)?.keys() ?? []) {
        if (!previous.has(next)) {
          previous.set(next, at);
          queue.push(next);
        }
      }
    }
    return null;
  };

  return { domainOf, resolveSpecifier, findPath, edgeNote: (from, to) => edges.get(from)?.get(to) };
}

// One graph per lint run; an editor's long-lived process rebuilds it when it is a few seconds old.
let cached;
function graphFor(root) {
  if (!cached || cached.root !== root || Date.now() - cached.at > 5_000) cached = { root, at: Date.now(), graph: createGraph(root) };
  return cached.graph;
}

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Forbid import cycles between lib/ domains (lib/<folder>)" },
    schema: [],
    messages: {
      cycle: "lib/{{from}} must not import lib/{{to}}: lib/{{to}} already depends on lib/{{from}} ({{route}}; {{example}}). Move the shared piece to the lower domain.",
    },
  },
  create(context) {
    const file = context.physicalFilename;
    if (TEST_FILE.test(file)) return {};
    const graph = graphFor(context.cwd);
    const from = graph.domainOf(file);
    if (!from) return {};

    const check = (node, source) => {
      if (typeof source?.value !== "string") return;
      const target = graph.resolveSpecifier(file, source.value);
      const to = target && graph.domainOf(target);
      if (!to || to === from) return;
      const back = graph.findPath(to, from);
      if (!back) return;
      const route = [from, ...back].map((d) => `lib/${d}`).join(" → ");
      const example = graph.edgeNote(back[0], back[1]) ?? "";
      context.report({ node, messageId: "cycle", data: { from, to, route, example } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source),
    };
  },
};
