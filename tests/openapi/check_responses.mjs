// Usage: node check_responses.mjs OPENAPI_JSON RECORDS_JSONL
// Checks real responses against the document. Each line of RECORDS_JSONL is one exchange:
//   {"method": "GET", "path_template": "/v1/profile", "status": 200,
//    "content_type": "application/json", "headers": {"x-request-id": "..."}, "body": "<raw text>"}
// For each: the status is documented for that operation (a path the document lacks must be a 404,
// a method it lacks on a documented path a 405), every required header of that response is there
// and matches its schema, the content type is documented for that status, and the body matches its
// schema. Exit 0 when every record passes, 1 otherwise.
import { readFileSync } from "node:fs";
import { deref, formatErrors, loadJson, schemaCompiler } from "./openapi_ajv.mjs";

const [docPath, recordsPath] = process.argv.slice(2);
if (!docPath || !recordsPath) {
  console.error("usage: node check_responses.mjs OPENAPI_JSON RECORDS_JSONL");
  process.exit(2);
}
const doc = loadJson(docPath);
const compiler = schemaCompiler(doc);
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function findResponse(rec) {
  const item = doc.paths[rec.path_template];
  const status = String(rec.status);
  if (!item) {
    if (rec.status !== 404) return { error: `path ${rec.path_template} is not documented (only 404 is allowed there)` };
    return { response: deref(doc, { $ref: "#/components/responses/Problem404" }) };
  }
  const op = item[rec.method.toLowerCase()];
  if (!op) {
    if (rec.status !== 405) {
      return { error: `${rec.method} is not documented on ${rec.path_template} (only 405 is allowed there)` };
    }
    for (const m of METHODS) {
      if (item[m]?.responses?.["405"]) return { response: deref(doc, item[m].responses["405"]) };
    }
    return { error: `no 405 documented on ${rec.path_template}` };
  }
  const response = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
  if (!response) {
    return {
      error: `status ${status} is not documented for ${rec.method} ${rec.path_template} ` +
        `(documented: ${Object.keys(op.responses).join(", ")})`,
    };
  }
  return { response: deref(doc, response) };
}

function headerValue(headers, name) {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

function checkRecord(rec) {
  const errors = [];
  const { response, error } = findResponse(rec);
  if (error) return [error];

  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const header = deref(doc, h);
    const value = headerValue(rec.headers, name);
    if (value === undefined) {
      if (header.required) errors.push(`required header ${name} is missing`);
      continue;
    }
    if (header.schema) {
      const schema = deref(doc, header.schema);
      const typed = schema.type === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
      const validate = compiler.compile(schema);
      if (!validate(typed)) errors.push(`header ${name}: ${JSON.stringify(value)}\n${formatErrors(validate.errors)}`);
    }
  }

  const type = (rec.content_type ?? "").split(";")[0].trim().toLowerCase();
  const body = rec.body ?? "";
  if (!response.content) {
    if (body.length) errors.push(`a body (${type}) where the document says there is none`);
    return errors;
  }
  const media = response.content[type];
  if (!media) {
    errors.push(`content type "${type}" is not documented for status ${rec.status} ` +
      `(documented: ${Object.keys(response.content).join(", ")})`);
    return errors;
  }
  if (!media.schema) return errors;
  let value = body;
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      value = JSON.parse(body);
    } catch (e) {
      errors.push(`body is not JSON: ${e.message}`);
      return errors;
    }
  }
  const validate = compiler.compile(media.schema);
  if (!validate(value)) errors.push(`body does not match the schema:\n${formatErrors(validate.errors)}`);
  return errors;
}

const lines = readFileSync(recordsPath, "utf8").split("\n").filter((l) => l.trim());
let failed = 0;
lines.forEach((line, i) => {
  const rec = JSON.parse(line);
  const errors = checkRecord(rec);
  if (errors.length) {
    failed++;
    const code = (() => {
      try {
        return JSON.parse(rec.body).code ?? "";
      } catch {
        return "";
      }
    })();
    console.error(`FAIL record ${i + 1}: ${rec.method} ${rec.path_template} -> ${rec.status} ${code}`);
    for (const e of errors) console.error("  " + e.replace(/\n/g, "\n  "));
  }
});
console.log(`check_responses: ${lines.length} responses, ${lines.length - failed} match the document, ${failed} do not`);
process.exit(failed ? 1 : 0);
