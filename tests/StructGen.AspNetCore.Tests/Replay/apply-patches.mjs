// Applies patch events with the shipped browser client (structgen.js) under node, for the server tests.
// argv[2]: path of structgen.js. stdin: JSON array of runs, each an array of patch event data strings.
// stdout: JSON array of runs, each an array (one per event) of leaves [path, json|null, state],
// the same shape as the C# PartialLeaves (containers have no JSON; scalars are JSON.stringify'd).
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";

const { PartialDocument } = await import(pathToFileURL(process.argv[2]).href);
const runs = JSON.parse(readFileSync(0, "utf8"));

function leaves(doc) {
  const out = [];
  const walk = (value, path) => {
    const state = doc.stateOf(path);
    if (Array.isArray(value)) {
      out.push([path, null, state]);
      value.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (value !== null && typeof value === "object") {
      out.push([path, null, state]);
      for (const name of Object.keys(value)) walk(value[name], `${path}.${name}`);
    } else if (value !== undefined) {
      out.push([path, JSON.stringify(value), state]);
    }
  };
  walk(doc.value, "$");
  return out;
}

const result = runs.map((events) => {
  const doc = new PartialDocument();
  return events.map((data) => {
    try {
      doc.apply(JSON.parse(data));
      return leaves(doc);
    } catch (e) {
      return [["error", JSON.stringify(String(e && e.message || e)), "Missing"]];
    }
  });
});
process.stdout.write(JSON.stringify(result));
