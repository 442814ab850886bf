// The typed client of the Innovation API: openapi-fetch over the types openapi-typescript generates from
// api-specs/innovation-v1.json (src/schema.d.ts; `make client` regenerates it).
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";

/** A client of the API at `baseUrl` (e.g. http://localhost:5080), authenticated with an API key when one is given. */
export function innovationClient(baseUrl: string, apiKey?: string) {
  return createClient<paths>({ baseUrl, headers: apiKey === undefined ? {} : { "X-Api-Key": apiKey } });
}

export type InnovationClient = ReturnType<typeof innovationClient>;
