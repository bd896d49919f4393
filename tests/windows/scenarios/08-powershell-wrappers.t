# What the installed .ps1 wrappers hand to speckit: `script NAME` and the arguments as the user
# gave them, with SPECKIT_SCRIPT_PATH naming the wrapper, whose project is the fallback root when
# the working directory is outside any project.
$ speckit init --agent copilot --here > /dev/null
$ grep -n 'speckit script\|SPECKIT_SCRIPT_PATH' .specify/scripts/powershell/setup-plan.ps1
| 6:$env:SPECKIT_SCRIPT_PATH = $PSCommandPath
| 7:& $speckit script setup-plan @args
$ speckit feature new "Add offline sync" > /dev/null
$ mkdir -p ../elsewhere && cd ../elsewhere && SPECKIT_SCRIPT_PATH='S:\proj\.specify\scripts\powershell\setup-plan.ps1' speckit script setup-plan -Json
| {"FEATURE_SPEC":"S:\\proj\\specs\\001-offline-sync\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\001-offline-sync\\plan.md","FEATURE_DIR":"S:\\proj\\specs\\001-offline-sync","BRANCH":"001-offline-sync"}
! Copied plan template to S:\proj\specs\001-offline-sync\plan.md
$ cd ../elsewhere && SPECKIT_SCRIPT_PATH='S:\proj\.specify\scripts\powershell\check-prerequisites.ps1' speckit script check-prerequisites -Json -PathsOnly
| {"REPO_ROOT":"S:\\proj","BRANCH":"001-offline-sync","FEATURE_DIR":"S:\\proj\\specs\\001-offline-sync","FEATURE_SPEC":"S:\\proj\\specs\\001-offline-sync\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\001-offline-sync\\plan.md","TASKS":"S:\\proj\\specs\\001-offline-sync\\tasks.md"}
$ rm -r ../elsewhere
$ speckit script create-new-feature -Json -ShortName 'with space' 'Quote "this" and that'
| {"BRANCH_NAME":"002-with-space","SPEC_FILE":"S:\\proj\\specs\\002-with-space\\spec.md","FEATURE_NUM":"002"}
! # To persist: export SPECIFY_FEATURE=002-with-space
! #              export SPECIFY_FEATURE_DIRECTORY='S:\proj\specs\002-with-space'

# What common.ps1's functions pass: Windows paths from Get-Location and the project root.
$ SPECKIT_SCRIPT_PATH='S:\proj\.specify\scripts\powershell\common.ps1' speckit script common find_specify_root 'S:\proj\specs'
| S:\proj
$ speckit script common get_repo_root
| S:\proj
$ speckit script common get_feature_paths_json --no-persist
| {"REPO_ROOT":"S:\\proj","CURRENT_BRANCH":"002-with-space","FEATURE_DIR":"S:\\proj\\specs\\002-with-space","FEATURE_SPEC":"S:\\proj\\specs\\002-with-space\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\002-with-space\\plan.md","TASKS":"S:\\proj\\specs\\002-with-space\\tasks.md","RESEARCH":"S:\\proj\\specs\\002-with-space\\research.md","DATA_MODEL":"S:\\proj\\specs\\002-with-space\\data-model.md","QUICKSTART":"S:\\proj\\specs\\002-with-space\\quickstart.md","CONTRACTS_DIR":"S:\\proj\\specs\\002-with-space\\contracts"}
$ speckit script common resolve_template plan-template 'S:\proj'
| S:\proj\.specify\templates\plan-template.md
$ speckit script common format_speckit_command plan 'S:\proj'
| /speckit-plan
