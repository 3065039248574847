"""The one place that reads the environment.

Every default is embedded (PostgreSQL from pgserver, ClickHouse from chDB, mail to the
console), so a fresh checkout runs with no configuration; real servers are chosen by
setting the matching ``JOBHUB_*`` variable, never by changing code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_KEY = "dev-only-secret-change-me"
MIN_PRODUCTION_SECRET_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JOBHUB_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path(".jobhub"), description="Embedded stores and local files.")
    database_url: str | None = Field(default=None, description="PostgreSQL server; unset = embedded.")
    clickhouse_url: str | None = Field(default=None, description="ClickHouse; unset = chDB in data_dir.")
    smtp_url: str | None = Field(default=None, description="smtp://user:pass@host:port; unset = console.")
    redis_url: str | None = Field(
        default=None, description="redis://host:6379/0 for rate limits shared by workers; unset = memory."
    )
    mail_from: str = "JobHub <no-reply@jobhub.local>"
    mail_file_dir: Path | None = Field(
        default=None, description="Also write every mail as an .eml file here (demo, browser tests)."
    )
    public_url: str = "http://localhost:3000"
    api_url: str = "http://localhost:8000"
    secret_key: str = Field(default=DEV_SECRET_KEY, description="Signs links and tokens.")
    environment: str = Field(default="development", description="development | production | test")
    db_pool_size: int = 5
    db_max_overflow: int = 10
    relay_batch_size: int = 500
    relay_poll_seconds: float = 1.0
    run_worker_in_app: bool | None = Field(
        default=None,
        description="Run the background worker inside the app; default: only when embedded.",
    )
    cors_allowed_origins: list[str] = Field(default_factory=lambda: ["http://localhost:3000"])
    # OAuth sign-in: a provider is offered only when both its client id and secret are set.
    oauth_google_client_id: str | None = None
    oauth_google_client_secret: str | None = None
    oauth_google_metadata_url: str = "https://accounts.google.com/.well-known/openid-configuration"
    oauth_linkedin_client_id: str | None = None
    oauth_linkedin_client_secret: str | None = None
    oauth_linkedin_metadata_url: str = "https://www.linkedin.com/oauth/.well-known/openid-configuration"
    oauth_github_client_id: str | None = None
    oauth_github_client_secret: str | None = None
    oauth_github_authorize_url: str = "https://github.com/login/oauth/authorize"
    oauth_github_token_url: str = "https://github.com/login/oauth/access_token"
    oauth_github_api_url: str = "https://api.github.com/"

    @model_validator(mode="after")
    def _production_secret(self) -> Settings:
        """Mailed links are signed with ``secret_key``: the public dev default would let anyone forge them."""
        if self.environment == "production" and (
            self.secret_key == DEV_SECRET_KEY or len(self.secret_key) < MIN_PRODUCTION_SECRET_LENGTH
        ):
            raise ValueError(
                f"JOBHUB_SECRET_KEY must be set to a random value of at least {MIN_PRODUCTION_SECRET_LENGTH} "
                "characters in production (e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return self

    @property
    def resolved_data_dir(self) -> Path:
        return self.data_dir.expanduser().resolve()

    @property
    def embedded_database(self) -> bool:
        return not self.database_url

    @property
    def resolved_clickhouse_url(self) -> str:
        return self.clickhouse_url or f"chdb://{self.resolved_data_dir / 'clickhouse'}"

    @property
    def worker_in_app(self) -> bool:
        if self.run_worker_in_app is not None:
            return self.run_worker_in_app
        return self.resolved_clickhouse_url.startswith("chdb://")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget cached settings, so tests and the CLI can change the environment first."""
    get_settings.cache_clear()
