"""DuckDB extensions, loaded offline from the PyPI packages of DuckDB's signed extensions.

``duckdb-extension-fts``, ``-ducklake``, ``-postgres`` and ``-httpfs`` each ship the signed
extension file built for one DuckDB version
(``duckdb_extension_NAME/extensions/vX.Y.Z/NAME.duckdb_extension``). ``LOAD 'path'`` loads it
with signature checks left on; nothing is downloaded. When no package is installed, an
extension already installed in DuckDB's own directory is loaded instead (``LOAD name``).

DuckDB finds an extension's entry point from its file name, and the postgres extension's
internal name is ``postgres_scanner``: its file is loaded through a link of that name in a
per-user cache directory.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from importlib import resources
from pathlib import Path

import duckdb

# extension name → (Python package shipping it, the name DuckDB knows it by internally)
PACKAGES = {
    "fts": ("duckdb_extension_fts", "fts"),
    "ducklake": ("duckdb_extension_ducklake", "ducklake"),
    "postgres": ("duckdb_extension_postgres", "postgres_scanner"),
    "httpfs": ("duckdb_extension_httpfs", "httpfs"),  # a lake's data path on an object store
}


class ExtensionUnavailableError(RuntimeError):
    """A DuckDB extension could not be loaded; the message names the package to install."""


def package_name(name: str) -> str:
    """The PyPI distribution of an extension: ``duckdb-extension-NAME``."""
    return PACKAGES[name][0].replace("_", "-")


def shipped_file(name: str) -> Path | None:
    """The extension file the package ships for this DuckDB version, if installed."""
    module, _ = PACKAGES[name]
    try:
        package = resources.files(module)
    except ModuleNotFoundError:
        return None
    path = (Path(str(package)) / "extensions" / f"v{duckdb.__version__}"
            / f"{name}.duckdb_extension")
    return path if path.is_file() else None


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    path = Path(base) / "newsfeed" / "duckdb-extensions" / f"v{duckdb.__version__}"
    try:
        path.mkdir(parents=True, exist_ok=True)
        if os.access(path, os.W_OK):
            return path
    except OSError:
        pass
    path = Path(tempfile.gettempdir()) / f"newsfeed-{os.getuid()}-duckdb-extensions"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def loadable_file(name: str) -> Path | None:
    """A path DuckDB can load the shipped extension from: named as DuckDB expects."""
    path = shipped_file(name)
    internal = PACKAGES[name][1]
    if path is None or path.name == f"{internal}.duckdb_extension":
        return path
    link = _cache_dir() / f"{internal}.duckdb_extension"
    if not (link.is_symlink() and link.resolve() == path.resolve()):
        # atomic replace: concurrent processes may do this at the same time
        temp = link.with_name(f"{link.name}.{os.getpid()}.tmp")
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        temp.symlink_to(path)
        os.replace(temp, link)
    return link


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load extension ``name`` (a key of PACKAGES) into ``con``, offline, signatures checked."""
    try:
        path = loadable_file(name)
        if path is not None:
            con.execute(f"LOAD '{sql_string(str(path))}'")
        else:
            con.execute(f"LOAD {PACKAGES[name][1]}")
    except (duckdb.Error, OSError) as exc:
        raise ExtensionUnavailableError(
            f"cannot load DuckDB's {name} extension (is {package_name(name)} "
            f"{duckdb.__version__} installed?): {str(exc).strip().splitlines()[0]}") from exc


def sql_string(text: str) -> str:
    """``text`` for use inside a single-quoted SQL string literal."""
    return text.replace("'", "''")
