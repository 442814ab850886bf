// The README's main walkthroughs ("Walkthrough with curl", then "Projects — lifecycle") through the typed client, on a fresh
// data directory: each step checks the status the README states. Run by walkthrough/run.sh (make client-check).
import { innovationClient, type components } from "../src/index.js";

const baseUrl = process.env.INNOVATION_API ?? "http://localhost:5080";
const admin = innovationClient(baseUrl, process.env.INNOVATION_ADMIN_KEY ?? "dev-national-admin-key");
let steps = 0;

/** Fails the walkthrough, naming the step, when the status is not the one the README states. */
function expectStatus(step: string, result: { response: Response; error?: unknown }, expected: number): void {
  steps++;
  if (result.response.status !== expected) {
    throw new Error(`${step}: expected ${expected}, got ${result.response.status} ${JSON.stringify(result.error ?? null)}`);
  }
  console.log(`ok ${String(steps).padStart(2)} ${expected} ${step}`);
}

function expectEqual<T>(step: string, actual: T, expected: T): void {
  if (actual !== expected) {
    throw new Error(`${step}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

type SchoolDraft = components["schemas"]["SchoolDraft"];
const school: SchoolDraft = {
  uai: "0951099D", name: "Collège Jules Ferry", type: "college", sector: "public", commune: "Cergy", postcode: "95000", departement: "95",
};
const csv = `uai,name,type,sector,commune,postcode,departement,priorityEducation
0950002L,École Jean Macé,ecole,public,Pontoise,95000,095,none
0950003M,Lycée Camille Pissarro,lycee,public,Pontoise,95300,095,none
0951099D,Collège Jules Ferry,college,public,Cergy,95000,095,repPlus
`;

// 1. The académies and the départements of one
expectStatus("list the académies", await admin.GET("/api/v1/academies"), 200);
expectStatus("list Versailles' départements",
  await admin.GET("/api/v1/departements", { params: { query: { academie: "Versailles" } } }), 200);

// 2. A key limited to académie Versailles; the secret is shown only in this answer
const created = await admin.POST("/api/v1/admin/api-keys", {
  body: { name: "versailles-sync", academie: "Versailles", scopes: ["schools:read", "schools:write", "imports:write", "events:read"] },
});
expectStatus("create an API key", created, 201);
const key = innovationClient(baseUrl, created.data!.secret);

// 3. Register a school (201, Location and ETag "1")
const registered = await key.POST("/api/v1/schools", { body: { ...school, priorityEducation: "rep" } });
expectStatus("register a school", registered, 201);
expectEqual("the new school's ETag", registered.response.headers.get("ETag"), '"1"');

// 4. Read it; If-None-Match with its ETag answers 304
const read = await key.GET("/api/v1/schools/{uai}", { params: { path: { uai: "0951099D" } } });
expectStatus("read the school", read, 200);
expectEqual("its name", read.data?.name, "Collège Jules Ferry");
expectStatus("read it again with If-None-Match",
  await key.GET("/api/v1/schools/{uai}", { params: { path: { uai: "0951099D" }, header: { "If-None-Match": '"1"' } } }), 304);

// 5. Update: 428 without If-Match (which the document marks required, hence the cast), 200 with it, 412 when stale
const update: SchoolDraft = { ...school, priorityEducation: "repPlus" };
const noIfMatch = { "If-Match": undefined } as unknown as { "If-Match": string };
expectStatus("update without If-Match",
  await key.PUT("/api/v1/schools/{uai}", { params: { path: { uai: "0951099D" }, header: noIfMatch }, body: update }), 428);
const updated = await key.PUT("/api/v1/schools/{uai}", { params: { path: { uai: "0951099D" }, header: { "If-Match": '"1"' } }, body: update });
expectStatus("update with the current ETag", updated, 200);
expectEqual("the updated school's ETag", updated.response.headers.get("ETag"), '"2"');
expectStatus("update with a stale ETag", await key.PUT("/api/v1/schools/{uai}", {
  params: { path: { uai: "0951099D" }, header: { "If-Match": '"1"' } }, body: { ...school, priorityEducation: "none" },
}), 412);

// 6. Retry safely with Idempotency-Key: the second call replays the first 201; the same key with another body is a 422
const paulBert: SchoolDraft = { uai: "0950001K", name: "École Paul Bert", type: "ecole", sector: "public", commune: "Pontoise", departement: "095" };
const idempotency = { header: { "Idempotency-Key": "3f1c2a9e-7d41-4c55-9b0e-0c8a1f6d2b10" } };
expectStatus("register with an Idempotency-Key", await key.POST("/api/v1/schools", { params: idempotency, body: paulBert }), 201);
const replayed = await key.POST("/api/v1/schools", { params: idempotency, body: paulBert });
expectStatus("retry with the same key", replayed, 201);
expectEqual("the retry is a replay", replayed.response.headers.get("Idempotent-Replayed"), "true");
expectStatus("the same key with another body",
  await key.POST("/api/v1/schools", { params: idempotency, body: { ...paulBert, name: "École Jules Verne" } }), 422);

// 7. Import a CSV: a dry run (every check, nothing written), then for real
const asText = { bodySerializer: (body: string) => body, headers: { "Content-Type": "text/csv" } };
const dryRun = await key.POST("/api/v1/imports/schools", { params: { query: { dryRun: true } }, body: csv, ...asText });
expectStatus("import dry run", dryRun, 200);
expectEqual("the dry run creates", dryRun.data?.created, 2);
const imported = await key.POST("/api/v1/imports/schools", {
  params: { header: { "Idempotency-Key": "import-2026-09-01-versailles" } }, body: csv, ...asText,
});
expectStatus("import", imported, 200);
expectEqual("the import leaves unchanged", imported.data?.unchanged, 1);

// 8. List with filters and cursor pagination
const filter = { departement: "95", type: "ecole", limit: 1 } as const;
const first = await key.GET("/api/v1/schools", { params: { query: filter } });
expectStatus("list the first page", first, 200);
const next = await key.GET("/api/v1/schools", { params: { query: { ...filter, cursor: first.data!.nextCursor! } } });
expectStatus("follow nextCursor", next, 200);
expectEqual("the second page holds the second school", next.data?.items.length, 1);
const found = await key.GET("/api/v1/schools", { params: { query: { q: "jules ferry", priorityEducation: "repPlus", status: "open" } } });
expectStatus("full-text search", found, 200);
expectEqual("it finds the college", found.data?.items[0]?.uai, "0951099D");

// 9. The event feed, in commit order; events arrive within about a second of the commit
const feed = await key.GET("/api/v1/events", { params: { query: { limit: 1 } } });
expectStatus("read the feed", feed, 200);
expectStatus("resume after the last event",
  await key.GET("/api/v1/events", { params: { query: { after: feed.data?.nextCursor ?? undefined } } }), 200);

// Projects — lifecycle, with the national key: a draft whose canvas is incomplete
const draft: components["schemas"]["ProjectDraft"] = {
  title: "Classe dehors", summary: "Une demi-journée par semaine en extérieur.", schools: ["0951099D"], themes: ["wellBeing"],
  team: [{ role: "carrier", name: "Ada Lovelace", email: "ada.lovelace@ac-versailles.fr" }],
};
const project = await admin.POST("/api/v1/projects", { body: { ...draft, canvas: { needs: "Oral", objectives: "Parler", actors: "Deux PE" } } });
expectStatus("create a draft project", project, 201);
const id = project.data!.id;
const on = (version: number) => ({ params: { path: { id }, header: { "If-Match": `"${version}"` } } });

const incomplete = await admin.POST("/api/v1/projects/{id}/submit", on(1));
expectStatus("submit an incomplete canvas", incomplete, 422);
const canvas = { needs: "Oral", objectives: "Parler", actors: "Deux PE", resources: "Le parc", keySteps: "Sorties", evaluationIndicators: "Temps de parole" };
expectStatus("edit the project", await admin.PUT("/api/v1/projects/{id}", { ...on(1), body: { ...draft, canvas } }), 200);
expectStatus("submit", await admin.POST("/api/v1/projects/{id}/submit", on(2)), 200);
expectStatus("return", await admin.POST("/api/v1/projects/{id}/return", { ...on(3), body: { comment: "Précisez les indicateurs." } }), 200);
expectStatus("submit again", await admin.POST("/api/v1/projects/{id}/submit", on(4)), 200);
expectStatus("validate", await admin.POST("/api/v1/projects/{id}/validate", on(5)), 200);
expectStatus("archive, an impossible action", await admin.POST("/api/v1/projects/{id}/archive", on(6)), 409);
expectStatus("start", await admin.POST("/api/v1/projects/{id}/start", on(6)), 200);

const history = await admin.GET("/api/v1/projects/{id}/history", { params: { path: { id } } });
expectStatus("read the history", history, 200);
expectEqual("the history's entries", history.data?.items.length, 6);
expectStatus("read the events", await admin.GET("/api/v1/events", { params: { query: { limit: 200 } } }), 200);

// Valorisation
expectStatus("award a prize", await admin.PUT("/api/v1/projects/{id}/prize/{year}", {
  params: { path: { id, year: 2026 }, header: { "If-Match": '"7"' } }, body: { standing: "laureate" },
}), 200);
expectStatus("publish in the gazette",
  await admin.POST("/api/v1/projects/{id}/gazette", { ...on(8), body: { issue: "2026-03", title: "La classe dehors, un an après" } }), 201);
expectStatus("read the valorisation", await admin.GET("/api/v1/projects/{id}/valorisation", { params: { path: { id } } }), 200);
const laureates = await admin.GET("/api/v1/projects/prizes/{year}", { params: { path: { year: 2026 }, query: { standing: "laureate" } } });
expectStatus("list the laureates", laureates, 200);
expectEqual("the laureate", laureates.data?.items[0]?.projectId, id);
expectStatus("read the gazette issue", await admin.GET("/api/v1/projects/gazette/{issue}", { params: { path: { issue: "2026-03" } } }), 200);

console.log(`The README's walkthrough ran through the typed client: ${steps} steps, each with the status the README states.`);
