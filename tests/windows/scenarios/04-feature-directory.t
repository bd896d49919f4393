# Where the current feature comes from: SPECIFY_FEATURE_DIRECTORY with either separator, an
# absolute path on a drive, a path outside the project (the user's choice, followed), and a
# feature.json that PowerShell 5.1 wrote with a byte order mark.
$ speckit init --agent copilot --here > /dev/null
$ mkdir -p specs/002-b
$ SPECIFY_FEATURE_DIRECTORY='specs\002-b' speckit script check-prerequisites -Json -PathsOnly
| {"REPO_ROOT":"S:\\proj","BRANCH":"002-b","FEATURE_DIR":"S:\\proj\\specs\\002-b","FEATURE_SPEC":"S:\\proj\\specs\\002-b\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\002-b\\plan.md","TASKS":"S:\\proj\\specs\\002-b\\tasks.md"}
$ SPECIFY_FEATURE_DIRECTORY='S:\proj\specs\002-b' speckit script check-prerequisites --json --paths-only
| {"REPO_ROOT":"S:\\proj","BRANCH":"002-b","FEATURE_DIR":"S:\\proj\\specs\\002-b","FEATURE_SPEC":"S:\\proj\\specs\\002-b\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\002-b\\plan.md","TASKS":"S:\\proj\\specs\\002-b\\tasks.md"}
$ SPECIFY_FEATURE_DIRECTORY='s:/proj/specs/002-b/' speckit script check-prerequisites --json --paths-only
| {"REPO_ROOT":"S:\\proj","BRANCH":"002-b","FEATURE_DIR":"S:\\proj\\specs\\002-b","FEATURE_SPEC":"S:\\proj\\specs\\002-b\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\002-b\\plan.md","TASKS":"S:\\proj\\specs\\002-b\\tasks.md"}
$ SPECIFY_FEATURE_DIRECTORY='..\beside\003-c' speckit script setup-plan -Json
| {"FEATURE_SPEC":"S:\\beside\\003-c\\spec.md","IMPL_PLAN":"S:\\beside\\003-c\\plan.md","FEATURE_DIR":"S:\\beside\\003-c","BRANCH":"003-c"}
! Copied plan template to S:\beside\003-c\plan.md
$ ls ../beside/003-c && rm -r ../beside
| plan.md
$ cat .specify/feature.json
| {"feature_directory":"..\\beside\\003-c"}

$ printf '\xef\xbb\xbf{"feature_directory":"specs/002-b"}\r\n' > .specify/feature.json
$ speckit script setup-plan -Json
| {"FEATURE_SPEC":"S:\\proj\\specs\\002-b\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\002-b\\plan.md","FEATURE_DIR":"S:\\proj\\specs\\002-b","BRANCH":"002-b"}
! Copied plan template to S:\proj\specs\002-b\plan.md
$ speckit feature new "Another one" > /dev/null
$ od -c .specify/feature.json | head -2
| 0000000   {   "   f   e   a   t   u   r   e   _   d   i   r   e   c   t
| 0000020   o   r   y   "   :   "   s   p   e   c   s   /   0   0   3   -
