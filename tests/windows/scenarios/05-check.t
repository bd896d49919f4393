# `check` prints every path one way, with `\`, whether the user typed `/` or `\` or a drive;
# SARIF and GitHub annotations name repository paths, with `/`.
$ cp -r "$EXAMPLES/speckit/." .
$ speckit check --format concise specs/004-goodreads-import
| specs\004-goodreads-import\plan.md:1:1: SK401 quickstart.md is missing
| specs\004-goodreads-import\plan.md:31:24: SK201 open clarification for `Performance Goals`
| specs\004-goodreads-import\plan.md:31:24: SK203 unknown `Performance Goals` has no decision in research.md
| specs\004-goodreads-import\plan.md:67:1: SK107 template guidance comment left in: `ACTION REQUIRED: Keep the one layout below that fits this...`
| specs\004-goodreads-import\plan.md:74:3: SK108 template scaffolding `[REMOVE IF UNUSED]` left in the structure
| specs\004-goodreads-import\plan.md:107:1: SK304 complexity row `A worker container beside the API (principle III)` is missing: Simpler Alternative Rejected Because
| specs\004-goodreads-import\plan.md:108:1: SK105 example row copied from the template
[exit 1]
$ speckit check --format concise 'specs\004-goodreads-import\plan.md' | head -3
| specs\004-goodreads-import\plan.md:1:1: SK401 quickstart.md is missing
| specs\004-goodreads-import\plan.md:31:24: SK201 open clarification for `Performance Goals`
| specs\004-goodreads-import\plan.md:31:24: SK203 unknown `Performance Goals` has no decision in research.md
$ speckit check --format concise 's:\proj\specs\004-goodreads-import\plan.md' | head -2
| specs\004-goodreads-import\plan.md:1:1: SK401 quickstart.md is missing
| specs\004-goodreads-import\plan.md:31:24: SK201 open clarification for `Performance Goals`
$ speckit check --format concise 'S:\proj\specs\003-reading-goals'
$ speckit check --format human --color never 'specs\004-goodreads-import\plan.md' | head -8
| error[SK401]: quickstart.md is missing
|  --> specs\004-goodreads-import\plan.md:1:1
|   |
| 1 | # Implementation Plan: Import from a Goodreads Export
|   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
|   |
|   = help: the plan lists quickstart.md among its outputs (stage `designed`): write it, or say in the plan that it is not needed
|
$ speckit check --format github 'specs\004-goodreads-import\plan.md' | head -2
| ::error file=specs/004-goodreads-import/plan.md,line=1,col=1,endLine=1,endColumn=54,title=SK401 artifact-missing::quickstart.md is missing%0Ahelp: the plan lists quickstart.md among its outputs (stage `designed`): write it, or say in the plan that it is not needed
| ::error file=specs/004-goodreads-import/plan.md,line=31,col=24,endLine=31,endColumn=171,title=SK201 open-clarification::open clarification for `Performance Goals`%0Ahelp: answer it in the plan once research has decided it
$ speckit check --format json 'specs\003-reading-goals' | grep -o '"path":"[^"]*"'
| "path":"specs\\003-reading-goals\\checklists\\requirements.md"
| "path":"specs\\003-reading-goals\\data-model.md"
| "path":"specs\\003-reading-goals\\plan.md"
| "path":"specs\\003-reading-goals\\quickstart.md"
| "path":"specs\\003-reading-goals\\research.md"
| "path":"specs\\003-reading-goals\\spec.md"
| "path":"specs\\003-reading-goals\\tasks.md"
| "path":"specs\\003-reading-goals"
$ speckit check --format sarif 'specs\004-goodreads-import\plan.md' | grep -o '"uri":"[^"]*"' | sort -u
| "uri":"specs/004-goodreads-import/plan.md"
