"""pyproject.toml and environment.yml list the same dependencies."""

import re
import tomllib

import yaml

from textlab.core import paths


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra}
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    pip_section = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_section and "-e ." in pip_section[0]["pip"], "environment.yml installs textlab itself"
    # packages conda-forge does not carry come from PyPI, in the pip section
    from_pip = {_name(d) for d in pip_section[0]["pip"] if d != "-e ."}
    assert not conda & from_pip, f"in both the conda and the pip lists: {conda & from_pip}"
    listed = conda | from_pip
    assert listed == wanted, f"only in environment.yml: {listed - wanted}; only in pyproject: {wanted - listed}"


def test_readme_starts_with_two_commands_and_ci_runs_the_second():
    readme = (paths.ROOT / "README.md").read_text()
    block = re.search(r"```(?:\w+)?\n(.*?)```", readme, re.S)
    assert block, "README opens with a code block"
    commands = [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(commands) == 2
    assert commands[1].strip() in (paths.ROOT / ".ci" / "run").read_text()
