# Innovation API: the commands a developer and CI need. Requires only the .NET 10 SDK (and Docker for `make docker`).
SOLUTION := Innovation.Api.sln
API      := src/Innovation.Api
URLS     ?= http://localhost:5080

.PHONY: run token test lint-spec spec client client-check backup bench bench-smoke bench-ceilings bench-scale docker clean

## run: start the API on $(URLS) with the Development settings (SQLite under ./data, key dev-national-admin-key)
# dotnet run starts the API in the project folder, so the data folder is made absolute here
# (an exported Database__DataDirectory still wins).
run:
	@[ -d $(API)/bin ] || echo "First run: restoring and building the API (a few minutes), then it starts on $(URLS)."
	ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$${Database__DataDirectory:-$(CURDIR)/data}" \
		dotnet run --project $(API) --urls $(URLS)

## token: print a development JWT for a role (carrier, validator, dasen, accompanist), for `make run`'s API:
# make token ROLE=carrier EMAIL=claire.martin@ac-versailles.fr (ACADEMIE=25 and, for dasen, DEPARTEMENT=095 by default)
token:
	@bash scripts/dev-token.sh "$(ROLE)" "$(EMAIL)" "$${ACADEMIE:-25}" "$${DEPARTEMENT:-095}"

## test: the OpenAPI lint, then every test of the solution; ends with one line "N passed, N failed, N skipped"
test: lint-spec
	bash scripts/test-summary.sh $(SOLUTION)

## lint-spec: Spectral (OpenAPI and OWASP rulesets, api-specs/.spectral.yaml) and Redocly (api-specs/redocly.yaml) over
# api-specs/innovation-v1.json; any error or warning fails. Installs the pinned tools with npm under .tools/ on first use.
lint-spec:
	bash scripts/lint-spec.sh

## spec: rewrite api-specs/innovation-v1.json from the running API's OpenAPI document
spec:
	UPDATE_API_SPEC=1 dotnet test tests/Innovation.Api.Tests --filter "FullyQualifiedName~OpenApiDocument"

## client: regenerate the TypeScript client's types (clients/typescript/src/schema.d.ts) from api-specs/innovation-v1.json with
# openapi-typescript, then type-check the client and its walkthrough with `tsc --strict` (npm ci first: needs Node.js and npm)
client:
	cd clients/typescript && npm ci --no-audit --no-fund && npm run --silent generate && npm run --silent check

## client-check: `make client`, then the README's main walkthrough through the typed client against a started API
# (published, on a fresh temporary data directory and a free port; clients/typescript/walkthrough/run.sh)
client-check: client
	bash clients/typescript/walkthrough/run.sh

## backup: an online copy of every SQLite file of ./data (or $Database__DataDirectory) into backups/<UTC time> (or DEST=dir),
# taken at one instant across the files while the API serves; needs the sqlite3 shell. See README, "Backup and restore".
backup:
	bash scripts/backup.sh "$${Database__DataDirectory:-data}" $(DEST)

## bench: Release publish (ReadyToRun, as the Dockerfile's), then every figure as a ratio to a baseline measured side by side
# (5 to 6 min quiet, up to 12 under load, loopback ports 5190/5191; installs wrk and sqlite3 from the Debian packages when
# missing): reads against a bare app, the POST and the import also against their SQLite-alone ceilings (bench/ceilings.py,
# in the same run), memory, cold starts. Prints one table and writes bench/results/latest.json. See README, "Performance".
bench:
	python3 bench/bench.py

## bench-smoke: the same bench in seconds on small data, then the scale bench at tiny sizes (checks both still work; not a result)
bench-smoke:
	python3 bench/bench.py --smoke
	python3 bench/scale.py --smoke --no-build

## bench-ceilings: what SQLite alone costs for the bench's writes (a project write, an import), on the API's
# schema and settings, with no API around it (about 2 min; port 5192). `make bench` runs the same in its run. See ADR 0010.
bench-ceilings:
	python3 bench/ceilings.py

## bench-scale: how reading projects costs as they grow: 2,000, 20,000 and 200,000 projects imported through the API, the same
# reads at each size beside the bare app, and the aggregates' cost per project (15 to 25 min; ports 5190/5191). Writes
# bench/results/scale.json. See bench/README.md, "Scale".
bench-scale:
	python3 bench/scale.py

## docker: build the container image innovation-api (needs a Docker engine)
docker:
	docker build -t innovation-api .

## clean: remove build outputs and test results (keeps ./data)
clean:
	rm -rf TestResults
	find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
