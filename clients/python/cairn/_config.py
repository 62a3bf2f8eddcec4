"""Client settings: the same profiles and variables as the ``cairn`` command line.

Profiles live in ``$XDG_CONFIG_HOME/cairn/config.toml`` (default ``~/.config/cairn/config.toml``),
written by ``cairn login``. Each setting resolves on its own: argument > environment variable
(``CAIRN_PROFILE``, ``CAIRN_URL``, ``CAIRN_TOKEN``, ``CAIRN_USER``, ``CAIRN_CA_FILE``) > profile
> default (``http://127.0.0.1:8500``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .errors import CairnError

DEFAULT_URL = "http://127.0.0.1:8500"
DEFAULT_PROFILE = "default"


@dataclass(frozen=True)
class Settings:
    url: str
    token: str | None
    user: str | None
    ca_file: str | None
    profile: str


def config_path(env: Mapping[str, str] | None = None) -> Path | None:
    """Where the profiles file is, or None when neither XDG_CONFIG_HOME nor HOME is set."""
    env = os.environ if env is None else env
    if env.get("XDG_CONFIG_HOME"):
        return Path(env["XDG_CONFIG_HOME"]) / "cairn" / "config.toml"
    if env.get("HOME"):
        return Path(env["HOME"]) / ".config" / "cairn" / "config.toml"
    return None


def resolve(
    url: str | None = None,
    token: str | None = None,
    user: str | None = None,
    ca_file: str | None = None,
    profile: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Resolves the settings; raises CairnError for a named profile that does not exist."""
    env = os.environ if env is None else env
    data: dict = {}
    path = config_path(env)
    if path is not None and path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise CairnError(f"cannot read {path}: {e}") from e
    named = profile or env.get("CAIRN_PROFILE") or None
    name = named or data.get("profile") or DEFAULT_PROFILE
    profiles = data.get("profiles") if isinstance(data.get("profiles"), dict) else {}
    if named and name not in profiles:
        raise CairnError(f"no profile '{name}' in {path} (create it with `cairn login --profile {name}`)")
    p = profiles.get(name) or {}

    def pick(arg: str | None, var: str, key: str, default: str | None) -> str | None:
        if arg:
            return arg
        if env.get(var):
            return env[var]
        value = p.get(key)
        if isinstance(value, str) and value:
            return value
        return default

    return Settings(
        url=pick(url, "CAIRN_URL", "url", DEFAULT_URL) or DEFAULT_URL,
        token=pick(token, "CAIRN_TOKEN", "token", None),
        user=pick(user, "CAIRN_USER", "user", None),
        ca_file=pick(ca_file, "CAIRN_CA_FILE", "ca_file", None),
        profile=name,
    )
