// sdk-collect.mjs: the reference collector of `make bench`.
//
// What a user would write instead of bedrock-audit: the AWS SDK for
// JavaScript v3, every region in parallel, 8 availability calls at a time
// per region, the SDK's own paginators, and one JSON file at the end with
// the same data bedrock-audit stores (models with their access, inference
// profiles, quotas with applied and default values, one row per code,
// level and context, quota requests).
//
//   node bench/sdk-collect.mjs --regions r1,r2,... --out FILE
//
// Credentials, endpoint (AWS_ENDPOINT_URL) and retries come from the
// environment through the SDK's default chain, as in any user script.
// Prints one JSON line on stdout: regions, models, quotas, failures.

import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  ListFoundationModelsCommand,
  paginateListInferenceProfiles,
} from "@aws-sdk/client-bedrock";
import {
  ServiceQuotasClient,
  paginateListAWSDefaultServiceQuotas,
  paginateListRequestedServiceQuotaChangeHistory,
  paginateListServiceQuotas,
} from "@aws-sdk/client-service-quotas";

const AVAILABILITY_CONCURRENCY = 8;

// Run fn over items with at most `limit` promises pending at once.
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }
  const n = Math.min(limit, items.length);
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}

async function collectAll(paginator, key) {
  const items = [];
  for await (const page of paginator) items.push(...(page[key] ?? []));
  return items;
}

async function models(bedrock) {
  const list = await bedrock.send(new ListFoundationModelsCommand({}));
  const summaries = list.modelSummaries ?? [];
  return mapLimit(summaries, AVAILABILITY_CONCURRENCY, async (m) => {
    const a = await bedrock.send(
      new GetFoundationModelAvailabilityCommand({ modelId: m.modelId }));
    return {
      modelId: m.modelId,
      modelName: m.modelName,
      provider: m.providerName,
      lifecycle: m.modelLifecycle?.status ?? "",
      inferenceTypes: [...(m.inferenceTypesSupported ?? [])].sort(),
      authorization: a.authorizationStatus,
      entitlement: a.entitlementAvailability,
      agreement: a.agreementAvailability?.status,
      regionAvailability: a.regionAvailability,
    };
  });
}

async function profiles(bedrock) {
  const items = await collectAll(
    paginateListInferenceProfiles({ client: bedrock }, {}),
    "inferenceProfileSummaries");
  return items.map((p) => ({
    id: p.inferenceProfileId,
    name: p.inferenceProfileName,
    type: p.type,
    status: p.status,
    models: (p.models ?? []).map((x) => x.modelArn).sort(),
  }));
}

// A quota's row: its code at a level and context.  ListServiceQuotas can
// list one code both for the account and for a resource (an application
// inference profile: QuotaAppliedAtLevel RESOURCE, with a QuotaContext),
// each with its own applied value, so the code alone is no key.
function quotaKey(q) {
  const c = q.QuotaContext ?? {};
  return [q.QuotaCode, q.QuotaAppliedAtLevel ?? "ACCOUNT",
    c.ContextScope ?? "", c.ContextId ?? ""].join("\n");
}

function quotaRow(q) {
  const c = q.QuotaContext ?? {};
  return {
    code: q.QuotaCode, level: q.QuotaAppliedAtLevel ?? "ACCOUNT",
    contextScope: c.ContextScope ?? "", contextId: c.ContextId ?? "",
    name: q.QuotaName, unit: q.Unit ?? "",
    adjustable: !!q.Adjustable, global: !!q.GlobalQuota,
  };
}

// Applied rows, each with the AWS default of its own row or, failing
// that, of its code (the defaults are listed for the account); a code
// with a default and no applied row is a row of its own.
async function quotas(sq) {
  const [applied, defaults] = await Promise.all([
    collectAll(paginateListServiceQuotas({ client: sq },
      { ServiceCode: "bedrock" }), "Quotas"),
    collectAll(paginateListAWSDefaultServiceQuotas({ client: sq },
      { ServiceCode: "bedrock" }), "Quotas"),
  ]);
  const defByKey = new Map(), defByCode = new Map();
  for (const q of defaults) {
    defByKey.set(quotaKey(q), q);
    if (!defByCode.has(q.QuotaCode)) defByCode.set(q.QuotaCode, q);
  }
  const rows = [], appliedCodes = new Set();
  for (const q of applied) {
    const d = defByKey.get(quotaKey(q)) ?? defByCode.get(q.QuotaCode);
    rows.push({ ...quotaRow(q), applied: q.Value ?? null,
      default: d?.Value ?? null });
    appliedCodes.add(q.QuotaCode);
  }
  for (const q of defaults) {
    if (!appliedCodes.has(q.QuotaCode))
      rows.push({ ...quotaRow(q), applied: null, default: q.Value ?? null });
  }
  const k = (r) => [r.code, r.level, r.contextScope, r.contextId].join("\n");
  return rows.sort((a, b) => k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0);
}

async function requests(sq) {
  const items = await collectAll(
    paginateListRequestedServiceQuotaChangeHistory({ client: sq },
      { ServiceCode: "bedrock" }), "RequestedQuotas");
  return items.map((r) => ({
    id: r.Id, quotaCode: r.QuotaCode, quotaName: r.QuotaName,
    desired: r.DesiredValue, status: r.Status, caseId: r.CaseId ?? "",
    created: r.Created?.toISOString?.() ?? "",
    lastUpdated: r.LastUpdated?.toISOString?.() ?? "",
  }));
}

async function region(name) {
  const bedrock = new BedrockClient({ region: name });
  const sq = new ServiceQuotasClient({ region: name });
  try {
    const [m, p, q, r] = await Promise.all([
      models(bedrock), profiles(bedrock), quotas(sq), requests(sq)]);
    return { region: name, ok: true, models: m, profiles: p, quotas: q,
      requests: r };
  } catch (e) {
    return { region: name, ok: false, error: `${e.name}: ${e.message}` };
  } finally {
    bedrock.destroy();
    sq.destroy();
  }
}

async function main() {
  const { values } = parseArgs({ options: {
    regions: { type: "string" }, out: { type: "string" } } });
  if (!values.regions || !values.out) {
    console.error("usage: node sdk-collect.mjs --regions LIST --out FILE");
    process.exit(2);
  }
  const names = values.regions.split(",").filter((s) => s !== "");
  const results = await Promise.all(names.map(region));
  writeFileSync(values.out, JSON.stringify({ regions: results }));
  const failed = results.filter((r) => !r.ok);
  for (const f of failed) console.error(`${f.region}: ${f.error}`);
  console.log(JSON.stringify({
    regions: results.length, failed: failed.length,
    models: results.reduce((n, r) => n + (r.models?.length ?? 0), 0),
    quotas: results.reduce((n, r) => n + (r.quotas?.length ?? 0), 0),
  }));
  process.exit(failed.length > 0 ? 1 : 0);
}

main();
