"""CONTRIBUTING.md and the pull-request check stay true to what the tools do."""

import re
import subprocess

import yaml

from crimebriefs.brief_template import PLACEHOLDER_SENTENCES
from crimebriefs.cli import main
from crimebriefs.validate import FIELDS, Severity, check_briefs
from tests.conftest import GOOD_BRIEF, REPO
from tests.test_validate import RULES

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
WORKFLOW = REPO / ".github" / "workflows" / "check.yml"


def section(title: str) -> str:
    return GUIDE.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_template_is_a_valid_brief_whose_text_is_to_replace(tmp_path):
    after = GUIDE.split("\n## The template\n", 1)[1]
    template = re.search(r"```markdown\n(.*?)```", after, re.DOTALL).group(1)
    path = tmp_path / "port-wars.md"
    path.write_text(template, encoding="utf-8")
    problems = check_briefs([path], tmp_path, RULES)
    assert [p.severity for p in problems] == [Severity.WARNING] * len(PLACEHOLDER_SENTENCES)
    assert all("template's placeholder" in p.message for p in problems)


def test_every_field_the_check_knows_is_documented_and_no_other():
    documented = re.findall(r"^\| `(\w+)` \|", section("The fields"), re.MULTILINE)
    assert sorted(documented) == sorted(FIELDS)
    assert len(documented) == len(set(documented))


def test_the_guide_quotes_the_scaffolds_own_refusal(tmp_path, monkeypatch, capsys):
    (tmp_path / "content" / "briefs").mkdir(parents=True)
    (tmp_path / "content" / "briefs" / "known.md").write_text(GOOD_BRIEF, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["new", "Port Wars Heat Up", "--topic", "Drug Polcy"])
    refusal = capsys.readouterr().err.strip()
    assert refusal in GUIDE


def test_pull_requests_run_the_check_and_a_build():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    assert runs == ["make check CHECKOPTS=--github", "make html"]
    for run in runs:
        dry = subprocess.run(["make", "-n", *run.split()[1:]], cwd=REPO, capture_output=True, text=True, check=False)
        assert dry.returncode == 0, dry.stderr
    assert (
        "crimebriefs check --github"
        in subprocess.run(
            ["make", "-n", "check", "CHECKOPTS=--github"], cwd=REPO, capture_output=True, text=True, check=False
        ).stdout
    )
