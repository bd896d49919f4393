#!/usr/bin/env python3
"""Draws findings to judge: the ones speckit reports on the evaluation repositories that
eval/labels.tsv does not judge yet, stratified so that no rule takes more than a share of the
draw.

    python3 eval/sample.py --split held-out --count 150 > /tmp/to-judge.tsv
    python3 eval/sample.py --split held-out --count 60 --repository owner/name ...

Prints the draw sorted by path, so judge all of it: its first rows are not a sample.
Prints a tab-separated table: repository, path, line, code, severity, message. Judge each row
against the file, then append it to eval/labels.tsv as
`repository path line code TRUE|FALSE reason`. Run from the workspace root after
`cargo build`; the binary is target/debug/speckit unless --speckit says otherwise.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_tsv(name):
    with open(os.path.join(ROOT, name), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows[1:] if r and not r[0].startswith("#")]


def repository_of(path, corpus):
    if path.startswith("eval/repos/"):
        return path.split("/")[2].replace("__", "/", 1)
    folder = "/".join(path.split("/")[1:3])
    return corpus.get(folder)


def is_stub_only(path):
    """Whether `path` is an empty stub, or lies in a folder holding nothing but stubs: the
    evaluation keeps the files an artifact links to as empty files, so that links resolve, and
    such files say nothing of the repository's artifacts."""
    full = os.path.join(ROOT, path)
    if os.path.isfile(full) and os.path.getsize(full) == 0:
        return True
    folder = os.path.dirname(full)
    files = [os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs]
    return bool(files) and all(os.path.getsize(f) == 0 for f in files)


def reported(speckit, targets):
    for target in targets:
        out = subprocess.run(
            [speckit, "check", target, "--format", "json"],
            cwd=ROOT, capture_output=True, check=False,
        )
        document = json.loads(out.stdout)
        for file in document["files"]:
            for finding in file.get("diagnostics", []):
                if finding["severity"] != "info":
                    yield file["path"], finding


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", required=True, help="tuned or held-out")
    parser.add_argument("--count", type=int, default=150)
    parser.add_argument("--most-per-rule", type=float, default=0.15,
                        help="the largest share of the draw one rule may take")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--repository", action="append", default=[],
                        help="draw only from this repository (owner/name); repeatable, so a "
                             "round of judging draws from its own repositories")
    parser.add_argument("--speckit", default=os.path.join(ROOT, "target/debug/speckit"))
    args = parser.parse_args()

    splits = {row[0]: row[2] for row in read_tsv("eval/REPOS.tsv")}
    corpus = {row[0]: row[1] for row in read_tsv("corpus/MANIFEST.tsv")}
    judged = {(row[1], row[2], row[3]) for row in read_tsv("eval/labels.tsv")}
    # Corpus folders some of whose files were not copied: what speckit says of missing files and
    # links there is about the copy, not about the repository.
    partial = {row[0] for row in read_tsv("corpus/MANIFEST.tsv") if "not copied" in row[-1]}
    targets = ["corpus/features"] + sorted(
        "eval/repos/" + name for name in os.listdir(os.path.join(ROOT, "eval/repos"))
    )

    by_rule = defaultdict(list)
    for path, finding in reported(args.speckit, targets):
        repository = repository_of(path, corpus)
        if splits.get(repository) != args.split:
            continue
        if args.repository and repository not in args.repository:
            continue
        if (path, str(finding["line"]), finding["code"]) in judged:
            continue
        if is_stub_only(path):
            continue
        folder = "/".join(path.split("/")[1:3])
        if folder in partial and finding["code"] in ("SK401", "SK402"):
            continue
        # A corpus folder is the feature alone: a link out of it cannot resolve in the copy.
        if path.startswith("corpus/") and finding["code"] == "SK402" and "`../" in finding["message"]:
            continue
        by_rule[finding["code"]].append((repository, path, finding))

    rng = random.Random(args.seed)
    cap = max(1, int(args.count * args.most_per_rule))
    # Spread each rule's draw over repositories: shuffle, then take round-robin by repository.
    draw = []
    for code in sorted(by_rule):
        per_repo = defaultdict(list)
        for row in by_rule[code]:
            per_repo[row[0]].append(row)
        for rows in per_repo.values():
            rng.shuffle(rows)
        order = sorted(per_repo)
        rng.shuffle(order)
        taken = []
        while len(taken) < cap and any(per_repo.values()):
            for repo in order:
                if per_repo[repo] and len(taken) < cap:
                    taken.append(per_repo[repo].pop())
        draw.extend(taken)
    rng.shuffle(draw)
    draw = draw[: args.count]

    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["repository", "path", "line", "code", "severity", "message"])
    for repository, path, finding in sorted(draw, key=lambda r: (r[1], r[2]["line"])):
        message = " ".join(finding["message"].split())
        out.writerow([repository, path, finding["line"], finding["code"],
                      finding["severity"], message])


if __name__ == "__main__":
    main()
