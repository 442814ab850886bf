# Innovation API container image: `make docker` (docker build -t innovation-api .)
# Run: docker run -p 8080:8080 -v innovation-data:/data -e Auth__BootstrapApiKey=<32+ characters> innovation-api
# On SQL Server (a database prepared as README "SQL Server" says: READ_COMMITTED_SNAPSHOT on, a login with DDL rights),
# add -e Database__Provider=SqlServer -e ConnectionStrings__SqlServer="Server=...;Database=...;User Id=...;Password=..."
# and a shared directory for the Data Protection keys: -v /srv/innovation/keys:/keys -e DataProtection__KeysDirectory=/keys

# --- Project files only, so the restore layer is rebuilt only when a project file changes ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
WORKDIR /src
COPY . .
RUN find . -type f ! \( -name '*.sln' -o -name '*.csproj' -o -name 'Directory.*.props' \) -delete \
 && find . -type d -empty -delete

# --- Restore, then build and publish the API ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY --from=projects /src/ ./
# Restored as Release: the publish is ReadyToRun (ADR 0031), which needs the runtime packs of the build's platform.
RUN dotnet restore Innovation.Api.sln -p:Configuration=Release
COPY . .
RUN dotnet publish src/Innovation.Api/Innovation.Api.csproj -c Release -o /app/publish --no-restore

# --- Runtime: ASP.NET only, non-root, SQLite data in a volume ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Database__DataDirectory=/data
RUN mkdir -p /data && chown app:app /data
COPY --from=build /app/publish ./
USER app
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Innovation.Api.dll"]
