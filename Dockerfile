# Waypoint Telegram bot. Build: docker build -t waypoint .   Run: see docker-compose.yml
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MPLBACKEND=Agg \
    MPLCONFIGDIR=/tmp/matplotlib \
    WAYPOINT_DB_PATH=/data/waypoint.db \
    WAYPOINT_CONTENT_DIR=/app/content

RUN groupadd --system waypoint && useradd --system --gid waypoint --home-dir /app --shell /usr/sbin/nologin waypoint

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install . && rm -rf build *.egg-info
COPY content ./content

RUN mkdir -p /data && chown waypoint:waypoint /data
VOLUME ["/data"]
USER waypoint

# Healthy when the database opens read-only as an intact Waypoint database and the catalog validates.
HEALTHCHECK --interval=60s --timeout=20s --start-period=30s --retries=3 \
    CMD waypoint db info >/dev/null && waypoint content validate >/dev/null || exit 1

CMD ["waypoint", "run"]
