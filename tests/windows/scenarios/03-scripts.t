# The compat scripts, spelled as the bash scripts and as the PowerShell ones are.
$ speckit init --agent copilot --here > /dev/null
$ speckit script create-new-feature -Json -ShortName offline-sync "Add offline sync"
| {"BRANCH_NAME":"001-offline-sync","SPEC_FILE":"S:\\proj\\specs\\001-offline-sync\\spec.md","FEATURE_NUM":"001"}
! # To persist: export SPECIFY_FEATURE=001-offline-sync
! #              export SPECIFY_FEATURE_DIRECTORY='S:\proj\specs\001-offline-sync'
$ speckit script create-new-feature --json --number 7 --short-name seven "Seven"
| {"BRANCH_NAME":"007-seven","SPEC_FILE":"S:\\proj\\specs\\007-seven\\spec.md","FEATURE_NUM":"007"}
! # To persist: export SPECIFY_FEATURE=007-seven
! #              export SPECIFY_FEATURE_DIRECTORY='S:\proj\specs\007-seven'
$ speckit script create-new-feature -Json -Timestamp -ShortName stamp "Stamped"
| {"BRANCH_NAME":"<TIMESTAMP>-stamp","SPEC_FILE":"S:\\proj\\specs\\<TIMESTAMP>-stamp\\spec.md","FEATURE_NUM":"<TIMESTAMP>"}
! # To persist: export SPECIFY_FEATURE=<TIMESTAMP>-stamp
! #              export SPECIFY_FEATURE_DIRECTORY='S:\proj\specs\<TIMESTAMP>-stamp'
$ speckit script setup-plan -Json
| {"FEATURE_SPEC":"S:\\proj\\specs\\<TIMESTAMP>-stamp\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\<TIMESTAMP>-stamp\\plan.md","FEATURE_DIR":"S:\\proj\\specs\\<TIMESTAMP>-stamp","BRANCH":"<TIMESTAMP>-stamp"}
! Copied plan template to S:\proj\specs\<TIMESTAMP>-stamp\plan.md
$ speckit script setup-plan --json
| {"FEATURE_SPEC":"S:\\proj\\specs\\<TIMESTAMP>-stamp\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\<TIMESTAMP>-stamp\\plan.md","FEATURE_DIR":"S:\\proj\\specs\\<TIMESTAMP>-stamp","BRANCH":"<TIMESTAMP>-stamp"}
! Plan already exists at S:\proj\specs\<TIMESTAMP>-stamp\plan.md, skipping template copy
$ speckit script setup-tasks -Json | grep -o '"[A-Z_]*":"[^"]\{0,40\}'
| "FEATURE_DIR":"S:\\proj\\specs\\<TIMESTAMP>-stamp
| "TASKS_TEMPLATE":"S:\\proj\\.specify\\templates\\tasks-tem
| "TASKS_TEMPLATE_CONTENT":"---\n\ndescription: \
$ speckit script check-prerequisites -PathsOnly
| REPO_ROOT: S:\proj
| BRANCH: <TIMESTAMP>-stamp
| FEATURE_DIR: S:\proj\specs\<TIMESTAMP>-stamp
| FEATURE_SPEC: S:\proj\specs\<TIMESTAMP>-stamp\spec.md
| IMPL_PLAN: S:\proj\specs\<TIMESTAMP>-stamp\plan.md
| TASKS: S:\proj\specs\<TIMESTAMP>-stamp\tasks.md
$ speckit script check-prerequisites --json --paths-only
| {"REPO_ROOT":"S:\\proj","BRANCH":"<TIMESTAMP>-stamp","FEATURE_DIR":"S:\\proj\\specs\\<TIMESTAMP>-stamp","FEATURE_SPEC":"S:\\proj\\specs\\<TIMESTAMP>-stamp\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\<TIMESTAMP>-stamp\\plan.md","TASKS":"S:\\proj\\specs\\<TIMESTAMP>-stamp\\tasks.md"}
$ speckit script check-prerequisites -Json -RequireTasks -IncludeTasks
! ERROR: tasks.md not found in S:\proj\specs\<TIMESTAMP>-stamp
! Run /speckit-tasks first to create the task list.
[exit 1]
$ speckit script resolve-template plan-template | head -1
| # Implementation Plan: [FEATURE]

# The extensions' scripts: the git one (no git on this Windows: a dry run names the branch) and
# the agent-context one.
$ speckit script create-new-feature-branch -Json -DryRun -ShortName branchy "Branch me"
| {"BRANCH_NAME":"008-branchy","FEATURE_NUM":"008","DRY_RUN":true}
$ speckit script update-agent-context
! agent-context: S:\proj\.specify\extensions\agent-context\agent-context-config.yml not found; nothing to do.
$ speckit script update-agent-context copilot | head -3
! agent-context: S:\proj\.specify\extensions\agent-context\agent-context-config.yml not found; nothing to do.
