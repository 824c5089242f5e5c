import * as yaml from "js-yaml";
import { readFileSync } from "node:fs";
let failed = 0, count = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
    const mod = await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${doc.kind}`);
    try { new mod[doc.kind](doc).validate(); count++; }
    catch (e) { failed++; console.error(`${file}: ${doc.kind}/${doc.metadata?.name}: ${e.message}`); }
  }
}
console.log(`${count} valid, ${failed} invalid`);
process.exit(failed ? 1 : 0);
