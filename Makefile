# Innovation API: the commands a developer and CI need. Requires only the .NET 10 SDK (and Docker for `make docker`).
SOLUTION := Innovation.Api.sln
API      := src/Innovation.Api
URLS     ?= http://localhost:5080

.PHONY: run test spec bench docker clean

## run: start the API on $(URLS) with the Development settings (SQLite under ./data, key dev-national-admin-key)
# dotnet run starts the API in the project folder, so the data folder is made absolute here
# (an exported Database__DataDirectory still wins).
run:
	ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$${Database__DataDirectory:-$(CURDIR)/data}" \
		dotnet run --project $(API) --urls $(URLS)

## test: every test of the solution; ends with one line "N passed, N failed, N skipped"
test:
	bash scripts/test-summary.sh $(SOLUTION)

## spec: rewrite api-specs/innovation-v1.json from the running API's OpenAPI document
spec:
	UPDATE_API_SPEC=1 dotnet test tests/Innovation.Api.Tests --filter "FullyQualifiedName~OpenApiDocument"

## bench: not implemented yet (issue #5); fails so nobody mistakes it for a result
bench:
	@echo "make bench: the benchmark suite is not implemented yet (issue #5); see bench/README.md. No measurement was taken." >&2
	@exit 1

## docker: build the container image innovation-api (needs a Docker engine)
docker:
	docker build -t innovation-api .

## clean: remove build outputs and test results (keeps ./data)
clean:
	rm -rf TestResults
	find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
