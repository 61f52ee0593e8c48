"""The GitHub Actions workflows: valid YAML, pinned actions, and the make targets the README documents."""

import re
import subprocess

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+$")


def load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def make_commands(workflow: dict) -> list[str]:
    """Each `make ...` line the workflow runs."""
    lines = (line.strip() for step in steps(workflow) for line in step.get("run", "").splitlines())
    return [line for line in lines if line.startswith("make ")]


def readme_make_commands() -> set[str]:
    readme = REPO / "README.md"
    return {line.strip().split("#")[0].strip() for line in readme.read_text(encoding="utf-8").splitlines()}


def workflow_files():
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_workflow_is_valid_yaml_with_triggers_and_jobs(path):
    workflow = load(path)
    assert workflow["on"] and workflow["jobs"], path
    for name, job in workflow["jobs"].items():
        assert job["runs-on"] and job["steps"], f"{path.name}: job {name}"


def test_pages_workflow_pins_every_action_to_a_version():
    for step in steps(load(PAGES)):
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{step['uses']} is not pinned to a version"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_workflow_runs_only_make_targets_the_readme_documents(path):
    documented = readme_make_commands()
    commands = make_commands(load(path))
    assert commands, f"{path.name} runs no make target"
    for command in commands:
        target = command.split()[1]
        # The README shows each target with the same arguments, values aside.
        shape = re.sub(r'=("[^"]*"|\S+)', "=", command)
        assert any(re.sub(r"=\S+", "=", line) == shape for line in documented), f"README does not document {command}"
        dry_run = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True, check=False)
        assert dry_run.returncode == 0, f"the Makefile has no target {target}: {dry_run.stderr}"


def test_pages_workflow_tests_then_builds_for_the_pages_address():
    workflow = load(PAGES)
    build = workflow["jobs"]["build"]
    commands = make_commands(workflow)
    assert commands == ["make test", 'make publish SITEURL="$SITE_ADDRESS"']
    publish = next(step for step in build["steps"] if step.get("run", "").startswith("make publish"))
    assert "steps.pages.outputs.base_url" in publish["env"]["SITE_ADDRESS"]
    configure = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/configure-pages@"))
    assert configure["id"] == "pages"
    python = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert f"OUTPUTDIR := {upload['with']['path']}\n" in makefile


def test_pages_workflow_deploys_pushes_to_main_and_only_builds_pull_requests():
    workflow = load(PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" in workflow["on"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name != 'pull_request'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    build = workflow["jobs"]["build"]
    assert "write" not in build["permissions"].values()
    for step in build["steps"]:
        if step.get("uses", "").startswith(("actions/configure-pages@", "actions/upload-pages-artifact@")):
            assert step["if"] == "github.event_name != 'pull_request'"
