// Shared by the checks: loads an OpenAPI 3.1 document and compiles its schemas with ajv
// (JSON Schema 2020-12, strict mode, ajv-formats), resolving "#/components/schemas/X" refs.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const BASE = "https://profilegw.dev/openapi/schemas/";
const SCHEMA_REF = "#/components/schemas/";

export function loadJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

// "#/a/b~1c" → doc.a["b/c"]; undefined when the pointer leads nowhere.
export function pointer(doc, ref) {
  if (!ref.startsWith("#/")) throw new Error(`only local refs are supported: ${ref}`);
  let cur = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object" || !(key in cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

// Follows $ref chains (responses, headers, parameters); throws on a dangling one.
export function deref(doc, obj) {
  const seen = new Set();
  while (obj && typeof obj === "object" && typeof obj.$ref === "string") {
    if (seen.has(obj.$ref)) throw new Error(`$ref cycle at ${obj.$ref}`);
    seen.add(obj.$ref);
    const next = pointer(doc, obj.$ref);
    if (next === undefined) throw new Error(`dangling $ref ${obj.$ref}`);
    obj = next;
  }
  return obj;
}

function rewriteRefs(value) {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "$ref" && typeof v === "string" && v.startsWith(SCHEMA_REF)) {
      out[k] = BASE + v.slice(SCHEMA_REF.length);
    } else {
      out[k] = rewriteRefs(v);
    }
  }
  return out;
}

// An ajv instance that knows every component schema; compile(schema) for any schema in the doc.
export function schemaCompiler(doc) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  const schemas = doc?.components?.schemas ?? {};
  for (const [name, schema] of Object.entries(schemas)) {
    ajv.addSchema(rewriteRefs(schema), BASE + name);
  }
  const cache = new Map();
  return {
    ajv,
    names: Object.keys(schemas),
    compileComponent(name) {
      const validate = ajv.getSchema(BASE + name);
      if (!validate) throw new Error(`no component schema ${name}`);
      return validate;
    },
    compile(schema) {
      const key = JSON.stringify(schema);
      if (!cache.has(key)) cache.set(key, ajv.compile(rewriteRefs(schema)));
      return cache.get(key);
    },
  };
}

export function formatErrors(errors) {
  return (errors ?? [])
    .map((e) => `  ${e.instancePath || "(root)"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`)
    .join("\n");
}
