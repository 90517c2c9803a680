"""A PEP 517 build backend for the continualdash package, standard library only.

It lives in the source tree (pyproject.toml: ``backend-path``) and needs nothing installed, so
``pip install ./clients/python`` and ``pip install <dashboard>/client/python/continualdash-X.tar.gz`` work on a
machine without access to a package index: pip's isolated build environment has nothing to download.
The wheel holds the ``continualdash`` package and the ``continualdash-sync`` console script.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

NAME = "continualdash"
SUMMARY = "Log continual-learning runs to a ContinualDash dashboard (online, offline, resumable)"
REQUIRES_PYTHON = ">=3.9"
SCRIPTS = {"continualdash-sync": "continualdash.sync:main"}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# What an sdist holds, relative to ROOT; a wheel takes only the package.
SDIST_FILES = ("pyproject.toml", "build_backend/continualdash_build.py")


def version() -> str:
    with open(os.path.join(ROOT, NAME, "_version.py"), encoding="utf-8") as f:
        return re.search(r'__version__ = "([^"]+)"', f.read()).group(1)


def metadata() -> str:
    return "".join((
        "Metadata-Version: 2.1\n",
        "Name: %s\n" % NAME,
        "Version: %s\n" % version(),
        "Summary: %s\n" % SUMMARY,
        "Requires-Python: %s\n" % REQUIRES_PYTHON,
        "Provides-Extra: torch\n",
        "Requires-Dist: torch ; extra == \"torch\"\n",
    ))


def _package_files():
    package = os.path.join(ROOT, NAME)
    for name in sorted(os.listdir(package)):
        if name.endswith(".py"):
            yield "%s/%s" % (NAME, name), os.path.join(package, name)


def _dist_info_files() -> dict:
    entry_points = "[console_scripts]\n" + "".join("%s = %s\n" % item for item in SCRIPTS.items())
    wheel = "Wheel-Version: 1.0\nGenerator: continualdash_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    return {"METADATA": metadata(), "WHEEL": wheel, "entry_points.txt": entry_points}


def _write_wheel(wheel_directory: str, contents: dict) -> str:
    """Writes a wheel of ``contents`` (archive path -> bytes) plus its dist-info; returns its file name."""
    dist_info = "%s-%s.dist-info" % (NAME, version())
    files = dict(contents)
    for name, text in _dist_info_files().items():
        files["%s/%s" % (dist_info, name)] = text.encode("utf-8")
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
        record.append("%s,sha256=%s,%d" % (path, digest, len(data)))
    record.append("%s/RECORD,," % dist_info)
    files["%s/RECORD" % dist_info] = ("\n".join(record) + "\n").encode("utf-8")
    filename = "%s-%s-py3-none-any.whl" % (NAME, version())
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in files.items():
            wheel.writestr(zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0)), data)
    return filename


# ---- PEP 517 / 660 hooks ----------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    dist_info = "%s-%s.dist-info" % (NAME, version())
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    for name, text in _dist_info_files().items():
        with open(os.path.join(metadata_directory, dist_info, name), "w", encoding="utf-8") as f:
            f.write(text)
    return dist_info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    contents = {}
    for path, source in _package_files():
        with open(source, "rb") as f:
            contents[path] = f.read()
    return _write_wheel(wheel_directory, contents)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    # A .pth file puts this source tree on sys.path: edits take effect without reinstalling.
    return _write_wheel(wheel_directory, {NAME + ".pth": (ROOT + "\n").encode("utf-8")})


def build_sdist(sdist_directory, config_settings=None):
    base = "%s-%s" % (NAME, version())
    filename = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        members = [(path, os.path.join(ROOT, path)) for path in SDIST_FILES] + list(_package_files())
        for path, source in members:
            with open(source, "rb") as f:
                data = f.read()
            _add(tar, "%s/%s" % (base, path), data)
        _add(tar, base + "/PKG-INFO", metadata().encode("utf-8"))
    return filename


def _add(tar: tarfile.TarFile, path: str, data: bytes) -> None:
    info = tarfile.TarInfo(path)
    info.size, info.mode = len(data), 0o644
    tar.addfile(info, io.BytesIO(data))
