# Multi-stage build of the dashboard. Docker does not run on our development machines: this file is kept
# correct by review (see README.md).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props global.json ContinualDash.sln package.json package-lock.json appsettings.json ./
COPY src/ src/
COPY migrations/ migrations/
COPY wwwroot/ wwwroot/
# The Python client, embedded in the web app and served for pip install (README, "Log from your own trainer").
COPY clients/python/ clients/python/
RUN dotnet publish src/ContinualDash.Web/ContinualDash.Web.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# SQLite in a volume; listen on all interfaces inside the container.
ENV ConnectionStrings__Default="Data Source=/data/continualdash.db" \
    Urls="http://0.0.0.0:8080"
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "ContinualDash.Web.dll"]
