# The planning workflow as a new Windows user runs it: init, a feature, the plan and its checks.
$ speckit init --agent copilot --here
| Initialized S:\proj for GitHub Copilot (speckit dialect): 30 files created, 0 kept, 0 replaced.
|
| Next steps:
|   1. In GitHub Copilot, run /speckit-constitution to set the project's principles.
|   2. Run /speckit-specify <what to build> to start a feature.
|   3. Then /speckit-plan, /speckit-tasks and /speckit-implement; `speckit check` tells when a plan is ready.

$ speckit feature new "Add offline sync"
| Created feature 001-offline-sync in specs\001-offline-sync\
|   spec: specs\001-offline-sync\spec.md (written from the spec template)
|   recorded as the current feature in .specify\feature.json
|
| Next: write the spec, then check it with `speckit check --stage specified specs\001-offline-sync`.
$ cat .specify/feature.json
| {"feature_directory":"specs/001-offline-sync"}

$ speckit script setup-plan --json
| {"FEATURE_SPEC":"S:\\proj\\specs\\001-offline-sync\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\001-offline-sync\\plan.md","FEATURE_DIR":"S:\\proj\\specs\\001-offline-sync","BRANCH":"001-offline-sync"}
! Copied plan template to S:\proj\specs\001-offline-sync\plan.md
$ speckit script check-prerequisites -Json
| {"FEATURE_DIR":"S:\\proj\\specs\\001-offline-sync","AVAILABLE_DOCS":[]}
$ speckit plan setup --json
| {"feature_dir":"S:\\proj\\specs\\001-offline-sync","spec":"S:\\proj\\specs\\001-offline-sync\\spec.md","plan":"S:\\proj\\specs\\001-offline-sync\\plan.md","branch":"001-offline-sync","plan_created":false}
$ speckit check --format concise specs/
| specs\001-offline-sync\plan.md:1:1: SK105 document is an unfilled template (23 placeholders left)
| specs\001-offline-sync\spec.md:1:1: SK105 document is an unfilled template (49 placeholders left)
[exit 1]
