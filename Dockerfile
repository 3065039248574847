# Production image: the frontend is built once at image build time; the backend serves it on one
# port with several Granian workers sharing state through Redis. Settings come from the
# environment (JOBHUB_DATABASE_URL, JOBHUB_CLICKHOUSE_URL, REFLEX_REDIS_URL, JOBHUB_SECRET_KEY...).
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    REFLEX_USE_NPM=1 REFLEX_TELEMETRY_ENABLED=false \
    PATH=/app/.venv/bin:$PATH
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends unzip curl \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir -r requirements.txt

FROM base AS build
COPY . .
RUN reflex export --frontend-only --no-zip --env prod

FROM base AS app
RUN useradd --create-home jobhub
COPY --chown=jobhub . .
COPY --from=build --chown=jobhub /app/.web /app/.web
USER jobhub
ENV JOBHUB_ENVIRONMENT=production GRANIAN_WORKERS=4
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://localhost:8000/health || exit 1
CMD ["reflex", "run", "--env", "prod", "--single-port", "--backend-port", "8000"]
