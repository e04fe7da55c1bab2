"""Plant files belong to the plant: the register map in the configuration folder survives a
reinstall of the program (`pip install` over it), and the plant's copy is the one used."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run(*command: str | Path, cwd: Path | None = None, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(c) for c in command],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel, as a release would be."""
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", out, ROOT)
    (built,) = out.glob("*.whl")
    return built


@pytest.mark.slow
def test_the_plant_register_map_survives_a_reinstall(tmp_path: Path, wheel: Path) -> None:
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip())
    # the dependencies come from this test's environment; the HMI itself is installed for real
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    install = (python, "-m", "pip", "install", "-q", "--no-deps", "--no-index")
    run(*install, wheel)
    where = run(
        python, "-c", "import hmi.resources as r; print(r.__file__, r.resources_dir())", cwd=env
    )
    assert str(env) in where  # the installed copy, not the source tree
    config = tmp_path / "config" / "settings.toml"
    config.parent.mkdir()
    config.write_text("", encoding="utf-8")
    check = (python, "-m", "hmi.app", "--check-config", "--config", config)
    first = run(*check, cwd=env)
    plant_map = config.parent / "register_map.toml"
    assert f"copied the packaged default to {plant_map}" in first
    text = plant_map.read_text(encoding="utf-8")
    edited = text.replace("max_read = 125", "max_read = 100  # measured with hmi --probe-plc")
    assert edited != text
    plant_map.write_text(edited, encoding="utf-8")

    run(*install, "--force-reinstall", wheel)  # the upgrade replaces the program's files

    assert plant_map.read_text(encoding="utf-8") == edited
    again = run(*check, cwd=env)
    assert "copied" not in again
    assert f"register map {plant_map}: modbus_tcp, read ≤ 100" in again
    packaged = where.split()[-1]
    assert "max_read = 125" in Path(packaged, "register_map.toml").read_text(encoding="utf-8")
