"""The Docker deployment files say what the README promises (no Docker engine is needed to check them)."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_bot_service_has_env_file_volume_restart_and_health_check() -> None:
    bot = COMPOSE["services"]["bot"]
    assert bot["env_file"] == ".env"
    assert bot["environment"]["WAYPOINT_DB_PATH"].startswith("/data/")
    assert any(v.endswith(":/data") for v in bot["volumes"])
    assert bot["restart"] == "unless-stopped"
    assert "waypoint" in " ".join(bot["healthcheck"]["test"])


def test_self_hosted_bot_api_server_is_behind_a_profile() -> None:
    server = COMPOSE["services"]["telegram-bot-api"]
    assert server["profiles"] == ["local-api"]
    assert {"TELEGRAM_API_ID", "TELEGRAM_API_HASH"} <= set(server["environment"])
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert "TELEGRAM_API_ID=" in example and "TELEGRAM_API_HASH=" in example


def test_dockerfile_runs_as_non_root_with_content_and_health_check() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "USER waypoint" in dockerfile and "HEALTHCHECK" in dockerfile
    assert "COPY content" in dockerfile and 'CMD ["waypoint", "run"]' in dockerfile


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed here")
def test_compose_config_validates(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "data", "node_modules", ".node"))
    shutil.copy(project / ".env.example", project / ".env")
    for profile in ([], ["--profile", "local-api"]):
        done = subprocess.run(["docker-compose", *profile, "config", "-q"], cwd=project, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
