#!/usr/bin/env python3
"""Generate a Spec Kit repository of N feature folders for benchmarking `speckit check`.

Each feature is a copy of one of the source feature folders given (by default the speckit
examples and the CLI test fixtures: a mix of ready and incomplete features), renamed to
`specs/NNNNN-<slug>/` with its own number inside its files, plus a tasks.md and a requirements
checklist, so that every feature has the eight files a real one has.
"""

import argparse
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = [
    ROOT / "crates/speckit/tests/cli/fixtures/project/specs",
    ROOT / "examples/speckit/specs",
]

TASKS = """# Tasks: {title}

## Phase 1: Setup

- [x] T001 Create the crate layout in crates/{slug}/
- [x] T002 [P] Add CI job for crates/{slug}/

## Phase 2: Foundational

- [ ] T003 Define the storage schema in crates/{slug}/src/store.rs
- [ ] T004 [P] Write contract tests in crates/{slug}/tests/contract.rs

## Phase 3: User Story 1 (P1)

- [ ] T005 [US1] Implement the handler in crates/{slug}/src/api.rs (depends on T003)
- [ ] T006 [US1] Wire the route in crates/{slug}/src/main.rs
"""

CHECKLIST = """# Specification Quality Checklist: {title}

- [x] CHK001 No implementation details in the spec
- [x] CHK002 Requirements are testable and unambiguous
- [x] CHK003 Success criteria are measurable
"""


def features(sources):
    found = []
    for source in sources:
        if source.is_dir():
            found.extend(sorted(p for p in source.iterdir() if (p / "plan.md").is_file()))
    if not found:
        raise SystemExit("no source features found")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path, help="the repository to create (must not exist)")
    parser.add_argument("--features", type=int, default=10_000)
    parser.add_argument("--source", type=pathlib.Path, action="append", help="folders of feature folders to copy")
    args = parser.parse_args()
    if args.out.exists():
        raise SystemExit(f"{args.out} exists; remove it first")
    sources = features(args.source or DEFAULT_SOURCES)
    (args.out / ".specify/memory").mkdir(parents=True)
    (args.out / ".specify/memory/constitution.md").write_text("# Constitution\n\n**Version**: 1.0.0\n")
    for number in range(1, args.features + 1):
        source = sources[number % len(sources)]
        old_name = source.name
        slug = old_name.split("-", 1)[1] if "-" in old_name else old_name
        name = f"{number:05d}-{slug}"
        target = args.out / "specs" / name
        shutil.copytree(source, target)
        for path in target.rglob("*.md"):
            path.write_text(path.read_text(encoding="utf-8").replace(old_name, name), encoding="utf-8")
        title = slug.replace("-", " ").title()
        (target / "tasks.md").write_text(TASKS.format(title=title, slug=slug))
        (target / "checklists").mkdir(exist_ok=True)
        (target / "checklists/requirements.md").write_text(CHECKLIST.format(title=title))
    files = sum(1 for p in args.out.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"{args.features} features, {files} files, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
