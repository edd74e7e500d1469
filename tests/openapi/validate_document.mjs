// Usage: node validate_document.mjs OPENAPI_JSON
// Validates the document against the official OpenAPI 3.1 schemas (@seriousme/openapi-schema-validator),
// then compiles every schema in it with ajv in strict mode and resolves every $ref, which the
// meta-schema alone does not do. Exit 0 when valid, 1 with every problem otherwise.
import { Validator } from "@seriousme/openapi-schema-validator";
import { deref, formatErrors, loadJson, schemaCompiler } from "./openapi_ajv.mjs";

const [docPath] = process.argv.slice(2);
if (!docPath) {
  console.error("usage: node validate_document.mjs OPENAPI_JSON");
  process.exit(2);
}
const doc = loadJson(docPath);
const problems = [];

const validator = new Validator();
const result = await validator.validate(structuredClone(doc));
if (!result.valid) {
  problems.push("not a valid OpenAPI document:\n" + JSON.stringify(result.errors, null, 2));
} else if (validator.version !== "3.1") {
  problems.push(`expected OpenAPI 3.1, the validator saw ${validator.version}`);
}

let compiler;
try {
  compiler = schemaCompiler(doc);
  for (const name of compiler.names) compiler.compileComponent(name);
} catch (e) {
  problems.push(`component schemas do not compile: ${e.message}`);
}

// Every $ref anywhere resolves; every media type schema compiles; operationIds are unique.
function walkRefs(value, where) {
  if (Array.isArray(value)) return value.forEach((v, i) => walkRefs(v, `${where}/${i}`));
  if (value === null || typeof value !== "object") return;
  if (typeof value.$ref === "string") {
    try {
      deref(doc, value);
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
    }
  }
  for (const [k, v] of Object.entries(value)) walkRefs(v, `${where}/${k}`);
}
walkRefs(doc, "#");

const operationIds = new Set();
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const [method, op] of Object.entries(item)) {
    if (!["get", "put", "post", "delete", "patch", "head", "options", "trace"].includes(method)) continue;
    if (operationIds.has(op.operationId)) problems.push(`duplicate operationId ${op.operationId}`);
    operationIds.add(op.operationId);
    const bodies = [];
    if (op.requestBody) bodies.push(["request", deref(doc, op.requestBody)]);
    for (const [status, response] of Object.entries(op.responses ?? {})) bodies.push([status, deref(doc, response)]);
    for (const [what, body] of bodies) {
      for (const [type, media] of Object.entries(body.content ?? {})) {
        if (!media.schema || !compiler) continue;
        try {
          const validate = compiler.compile(media.schema);
          // Examples must match the schema they illustrate.
          const examples = media.example !== undefined ? [media.example] : [];
          for (const ex of Object.values(media.examples ?? {})) examples.push(deref(doc, ex).value);
          for (const ex of examples) {
            if (typeof ex === "string" && ex.startsWith("<")) continue;
            if (!validate(ex)) {
              problems.push(`${method.toUpperCase()} ${path} ${what} ${type}: example does not match:\n` +
                formatErrors(validate.errors));
            }
          }
        } catch (e) {
          problems.push(`${method.toUpperCase()} ${path} ${what} ${type}: schema does not compile: ${e.message}`);
        }
      }
    }
  }
}

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`validate_document: ${problems.length} problem(s) in ${docPath}`);
  process.exit(1);
}
console.log(`validate_document: ${docPath} is a valid OpenAPI ${validator.version} document ` +
  `(${Object.keys(doc.paths).length} paths, ${operationIds.size} operations, ` +
  `${Object.keys(doc.components.schemas).length} schemas)`);
